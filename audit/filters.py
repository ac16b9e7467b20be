"""The one timeline filter, shared by the Wagtail admin, REST, GraphQL and exports."""

import datetime as dt
import re

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .actors import Door
from .models import AuditEvent, EventSource
from .registry import label_aliases


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class TimelineFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data


class TimelineFilter(django_filters.FilterSet):
    """Filters: model, record, user, actor, OPD, action, door, source, date range (in the Pemda's time zone)."""

    model = django_filters.CharFilter(label=_("Model"), method="filter_model", help_text=_("mis. organizations.opd"))
    object_id = django_filters.CharFilter(label=_("ID rekaman"), field_name="object_id")
    user = django_filters.NumberFilter(label=_("ID pengguna"), field_name="user_id")
    actor = django_filters.CharFilter(label=_("Pelaku"), field_name="actor")
    opd = django_filters.NumberFilter(label=_("ID OPD"), field_name="opd_id")
    action = django_filters.CharFilter(label=_("Aksi"), field_name="action")
    door = django_filters.ChoiceFilter(label=_("Pintu"), field_name="door", choices=Door.choices)
    source = django_filters.ChoiceFilter(label=_("Sumber"), field_name="source", choices=EventSource.choices)
    date_from = django_filters.DateFilter(label=_("Dari tanggal"), method="filter_date_from")
    date_to = django_filters.DateFilter(label=_("Sampai tanggal"), method="filter_date_to")

    class Meta:
        model = AuditEvent
        fields: list[str] = []
        form = TimelineFilterForm

    def filter_model(self, queryset, name, value):
        # A moved model's older events carry its old label (sealed rows are never rewritten).
        return queryset.filter(model__in=label_aliases(value))

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(occurred_at__gte=_start_of(value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(occurred_at__lt=_start_of(value + dt.timedelta(days=1)))


FILTER_NAMES = tuple(TimelineFilter.base_filters)


class _ModelChoiceField(forms.ChoiceField):
    """A model label from the list, or any ``app.model`` label (a moved model's old label still has events)."""

    def to_python(self, value):
        return super().to_python(value).strip().lower()

    def valid_value(self, value):
        return super().valid_value(value) or bool(re.fullmatch(r"[a-z0-9_]+\.[a-z0-9_]+", value))


class AdminTimelineFilter(TimelineFilter):
    """The same filters for people: the model by its Indonesian name, the user and the OPD by name (selects).

    Values stay the keys and ids of :class:`TimelineFilter` (links and exports keep working).
    """

    def __init__(self, data=None, *args, reader=None, **kwargs):
        super().__init__(data, *args, **kwargs)

        from organizations.models import OPD

        from .labels import model_name
        from .selectors import audited_model_labels

        blank = [("", _("— Semua —"))]
        models = sorted(((label, model_name(label)) for label in audited_model_labels(user=reader)), key=lambda c: c[1])
        self.form.fields["model"] = _ModelChoiceField(
            label=_("Jenis data"), required=False, choices=blank + [(k, f"{v} ({k})") for k, v in models]
        )
        users = get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name", "username")
        self.form.fields["user"] = forms.TypedChoiceField(
            label=_("Pengguna"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=blank + [(u.pk, f"{u.get_full_name() or u.get_username()} ({u.get_username()})") for u in users],
        )
        self.form.fields["opd"] = forms.TypedChoiceField(
            label=_("OPD"),
            required=False,
            coerce=int,
            empty_value=None,
            choices=blank + list(OPD.objects.agencies().order_by("name").values_list("pk", "name")),
        )
