"""Admin screens for report assignments ("Penugasan laporan"), a Wagtail ``ModelViewSet``.

Thin: the form parses the editor's choices (a published form, the period type, the year
and its periods, OPDs and/or kinds of OPD, deadlines); creating calls
``assignments.assignment_create`` and saving an edit calls ``assignment_sync_expected``, so
the expected submissions exist as soon as the page reloads. Who may manage assignments is
``permissions.can_manage_assignments`` (through a Wagtail permission policy).
An edit may add periods and OPDs but never drop ones already assigned: submissions exist
for them.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, ListingButton
from wagtail.permission_policies.base import BasePermissionPolicy

from audit.wagtail_hooks import AuditHistoryHeaderButtonMixin, history_url_for
from forms_builder.models import FormDefinition
from organizations.models import AGENCY_KIND_CHOICES, OPD
from organizations.roles import GlobalRole

from ..assignments import assignment_create, assignment_sync_expected
from ..models import PERIODS_PER_YEAR, Assignment, PeriodType, SubmissionStatus
from ..periods import MONTHS_ID, ROMAN, periods_ensure
from ..permissions import can_manage_assignments

SUBMITTED_STATES = (SubmissionStatus.SUBMITTED, SubmissionStatus.VERIFIED, SubmissionStatus.PUBLISHED)


class AssignmentPermissionPolicy(BasePermissionPolicy):
    """Editor Kominfo / superuser manage assignments; only a superuser deletes one (it cascades)."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return bool(user.is_active and user.is_superuser)
        return bool(user.is_authenticated and can_manage_assignments(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if set(actions) == {"delete"}:
            return users.filter(is_superuser=True)
        return users.filter(Q(is_superuser=True) | Q(groups__name=str(GlobalRole.KOMINFO_EDITOR))).distinct()


def _period_label(period_type: str, number: int) -> str:
    if period_type == PeriodType.MONTHLY:
        return str(MONTHS_ID[number - 1])
    if period_type == PeriodType.QUARTERLY:
        return _("Triwulan %(n)s") % {"n": ROMAN[number]}
    if period_type == PeriodType.SEMESTER:
        return _("Semester %(n)s") % {"n": ROMAN[number]}
    return str(_("Tahunan"))


def period_choices() -> list:
    """Checkbox choices grouped by period type; values are ``"<type>:<number>"``."""
    return [
        (kind.label, [(f"{kind.value}:{n}", _period_label(kind.value, n)) for n in range(1, count + 1)])
        for kind, count in PERIODS_PER_YEAR.items()
    ]


def _parse_days(value: str) -> list[int]:
    days = []
    for part in (value or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or int(part) > 366:
            raise ValidationError(_("Isi bilangan hari 0–366 dipisah koma, misalnya 7, 1."))
        days.append(int(part))
    return sorted(set(days), reverse=True)


class AssignmentForm(forms.ModelForm):
    """The editor's choices. ``period_keys``/``year`` become ``ReportingPeriod`` rows on save."""

    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    period_keys = forms.MultipleChoiceField(
        label=_("Periode"),
        choices=period_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Centang periode dari jenis periode yang dipilih."),
    )
    opd_kinds = forms.MultipleChoiceField(
        label=_("Jenis OPD yang ditugaskan"),
        choices=AGENCY_KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Semua OPD aktif dari jenis ini ikut ditugaskan, selain OPD yang dipilih."),
    )
    reminder_text = forms.CharField(
        label=_("Pengingat (hari sebelum batas waktu)"),
        required=False,
        initial="7, 1",
        help_text=_("Dipisah koma, misalnya 7, 1."),
    )

    field_order = [
        "title", "form", "period_type", "year", "period_keys", "opds", "opd_kinds",
        "due_days", "grace_days", "reminder_text", "is_active",
    ]  # fmt: skip

    class Meta:
        model = Assignment
        fields = ["title", "form", "period_type", "opds", "due_days", "grace_days", "is_active"]
        widgets = {"opds": forms.CheckboxSelectMultiple}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = (
            FormDefinition.objects.filter(versions__isnull=False).distinct().order_by("title")
        )
        self.fields["form"].help_text = _("Hanya formulir yang sudah punya versi terbit.")
        assigned = Q(pk__in=self.instance.opds.values("pk")) if self.instance.pk else Q(pk__in=[])
        self.fields["opds"].queryset = OPD.objects.agencies().filter(Q(is_active=True) | assigned).order_by("name")
        self.fields["opds"].required = False
        editing = self.instance.pk is not None
        if editing:
            # The form and the period type are fixed once submissions exist for them.
            self.fields["form"].disabled = True
            self.fields["period_type"].disabled = True
            periods = list(self.instance.periods.all())
            self.initial["period_keys"] = [f"{p.period_type}:{p.number}" for p in periods]
            self.initial["year"] = periods[0].year if periods else timezone.localdate().year
            self.initial["opd_kinds"] = list(self.instance.opd_kinds or [])
            self.initial["reminder_text"] = ", ".join(str(d) for d in self.instance.reminder_days or [])
        else:
            self.initial.setdefault("year", timezone.localdate().year)
            del self.fields["is_active"]

    def clean_reminder_text(self):
        return _parse_days(self.cleaned_data.get("reminder_text", ""))

    def clean(self):
        data = super().clean()
        period_type, keys = data.get("period_type"), data.get("period_keys") or []
        if period_type and keys:
            wrong = [k for k in keys if k.split(":", 1)[0] != period_type]
            if wrong:
                self.add_error("period_keys", _("Pilih hanya periode dari jenis periode yang dipilih."))
        if not data.get("opds") and not data.get("opd_kinds"):
            self.add_error("opds", _("Pilih OPD atau jenis OPD."))
        if self.instance.pk and not self.errors:
            self._check_nothing_dropped(data)
        return data

    def _chosen_numbers(self) -> set[int]:
        return {int(k.split(":", 1)[1]) for k in self.cleaned_data.get("period_keys") or []}

    def _chosen_periods(self) -> list:
        """The chosen periods, created when missing: called when saving, never while validating."""
        data = self.cleaned_data
        numbers = self._chosen_numbers()
        return [p for p in periods_ensure(period_type=data["period_type"], year=data["year"]) if p.number in numbers]

    def _check_nothing_dropped(self, data) -> None:
        old_periods = set(self.instance.periods.values_list("year", "number"))
        kept = {(data["year"], number) for number in self._chosen_numbers()}
        if old_periods - kept:
            self.add_error("period_keys", _("Periode yang sudah ditugaskan tidak dapat dihapus."))
        old_opds = set(self.instance.opds.values_list("pk", flat=True))
        if old_opds - {o.pk for o in data.get("opds") or []}:
            self.add_error(
                "opds", _("OPD yang sudah ditugaskan tidak dapat dihapus; nonaktifkan penugasan bila perlu.")
            )
        if set(self.instance.opd_kinds or []) - set(data.get("opd_kinds") or []):
            self.add_error("opd_kinds", _("Jenis OPD yang sudah ditugaskan tidak dapat dihapus."))

    def save_assignment(self, *, actor) -> Assignment:
        """Create through the service, or save the edit and create the newly expected rows."""
        data = self.cleaned_data
        if self.instance.pk is None:
            return assignment_create(
                actor=actor,
                form=data["form"],
                title=data["title"],
                period_type=data["period_type"],
                periods=self._chosen_periods(),
                opds=list(data.get("opds") or []),
                opd_kinds=list(data.get("opd_kinds") or []),
                due_days=data["due_days"],
                grace_days=data["grace_days"],
                reminder_days=data["reminder_text"],
            )
        assignment = self.instance
        assignment.opd_kinds = list(data.get("opd_kinds") or [])
        assignment.reminder_days = data["reminder_text"]
        assignment.save()
        assignment.periods.add(*self._chosen_periods())
        assignment.opds.add(*(data.get("opds") or []))
        assignment_sync_expected(assignment=assignment)
        return assignment


def _periods_text(assignment: Assignment) -> str:
    return ", ".join(str(p) for p in assignment.periods.all())


class AssignmentIndexView(generic.IndexView):
    def get_base_queryset(self):
        submitted = Q(submissions__status__in=SUBMITTED_STATES)
        return (
            super()
            .get_base_queryset()
            .select_related("form")
            .prefetch_related("periods")
            .annotate(expected_count=Count("submissions"), submitted_count=Count("submissions", filter=submitted))
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Kelengkapan"),
                url=f"{reverse('reporting_matrix')}?form={instance.form_id}",
                icon_name="table",
                priority=40,
            )
        )
        if url := history_url_for(instance, self.request.user):
            buttons.append(ListingButton(_("Jejak audit"), url=url, icon_name="history", priority=90))
        return buttons


#: Service error keys -> form field names.
_ERROR_FIELDS = {"periods": "period_keys", "reminder_days": "reminder_text"}


class _SaveThroughService:
    def save_instance(self):
        return self.form.save_assignment(actor=self.request.user)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                name = _ERROR_FIELDS.get(key, key)
                form.add_error(name if name in form.fields else None, messages)
            return self.form_invalid(form)


class AssignmentCreateView(_SaveThroughService, generic.CreateView):
    pass


class AssignmentEditView(AuditHistoryHeaderButtonMixin, _SaveThroughService, generic.EditView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            Button(
                _("Kelengkapan"),
                url=f"{reverse('reporting_matrix')}?form={self.object.form_id}",
                icon_name="table",
                priority=95,
            )
        )
        return buttons


class AssignmentViewSet(ModelViewSet):
    model = Assignment
    name = "reporting_assignment"
    url_prefix = "reporting/assignments"
    icon = "calendar-alt"
    menu_label = _("Penugasan laporan")
    add_to_admin_menu = False
    index_view_class = AssignmentIndexView
    add_view_class = AssignmentCreateView
    edit_view_class = AssignmentEditView
    inspect_view_enabled = False
    copy_view_enabled = False
    search_fields = ["title"]
    ordering = ["-created_at"]
    list_display = [
        "title",
        "form",
        "period_type",
        Column("periods", label=_("Periode"), accessor=_periods_text),
        Column("expected_count", label=_("Diharapkan")),
        Column("submitted_count", label=_("Dikirim")),
        BooleanColumn("is_active", label=_("Aktif")),
    ]
    list_filter = ["period_type", "is_active"]

    def get_form_class(self, for_update=False):
        return AssignmentForm
