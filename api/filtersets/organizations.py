"""Filters for OPD lists (REST ``?kind=&is_active=&parent=&search=``, GraphQL arguments)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organizations.models import OPD, OPDKind

from .fields import IdFilter, StrictFilterSet


class OPDFilter(StrictFilterSet):
    kind = django_filters.ChoiceFilter(choices=OPDKind.choices, label=_("jenis"))
    is_active = django_filters.BooleanFilter(label=_("aktif"))
    parent = IdFilter(field_name="parent_id", label=_("induk (id)"))
    search = django_filters.CharFilter(method="filter_search", label=_("cari nama atau singkatan"))

    class Meta:
        model = OPD
        fields = ["kind", "is_active", "parent", "search"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(acronym__icontains=value))
