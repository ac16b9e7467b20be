"""Filters for report submission lists (REST ``?status=&period=&form=&year=&opd=``, GraphQL arguments)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from reporting.models import Submission, SubmissionStatus

#: Bounds so an absurd number is a 400 field error, never a database overflow.
MAX_ID = 2**63 - 1


def _id_filter(field_name: str, label) -> django_filters.NumberFilter:
    return django_filters.NumberFilter(field_name=field_name, label=label, min_value=1, max_value=MAX_ID)


class SubmissionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=SubmissionStatus.choices, label=_("status"))
    period = _id_filter("period_id", _("periode (id)"))
    form = _id_filter("assignment__form_id", _("formulir (id)"))
    year = django_filters.NumberFilter(field_name="period__year", label=_("tahun"), min_value=1, max_value=9999)
    opd = _id_filter("opd_id", _("OPD (id)"))
    assignment = _id_filter("assignment_id", _("penugasan (id)"))

    class Meta:
        model = Submission
        fields = ["status", "period", "form", "year", "opd", "assignment"]
