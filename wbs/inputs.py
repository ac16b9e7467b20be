"""One input contract per WBS service (validated once, before anything is written).

Field kinds come from ``inputs.fields`` (shared with other domains); rules that need the
database (an active category, an active OPD) or the clock (no future incident date) live in
the form's ``clean_<field>``. Error keys are the ones the doors already show.
"""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inputs.fields import IdField, TextField
from organizations.models import OPD

from .evidence import evidence_clean
from .models import CLOSED_STATUSES, ReportStatus, WbsCategory

MAX_TEXT = 200


def max_body() -> int:
    return settings.WBS_MAX_BODY_CHARS


class _BodyLimit:
    """Forms whose long text is bounded by ``WBS_MAX_BODY_CHARS`` (read per use: a setting)."""

    body_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.body_fields:
            field = self.fields[name]
            field.max_length = max_body()
            field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
            field.validators.append(MaxLengthValidator(max_body()))


class EvidenceField(forms.Field):
    """Evidence files (uploaded files, optional): checked and cleaned by ``wbs.evidence``."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        try:
            return evidence_clean(value or ())
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["evidence"]) from None


class ReportInput(_BodyLimit, forms.Form):
    body_fields = ("description",)

    category = IdField(invalid_message=_("Pilih kategori yang tersedia."))
    reported_opd = IdField(invalid_message=_("Pilih OPD terlapor yang tersedia."))
    title = TextField(max_length=MAX_TEXT)
    reported_person = TextField(max_length=MAX_TEXT)
    description = TextField(
        max_length=10_000, min_length=20, min_message=_("Uraikan kejadian paling sedikit 20 karakter.")
    )
    incident_date = forms.DateField(required=False, error_messages={"invalid": _("Tanggal tidak valid.")})
    location = TextField(max_length=MAX_TEXT, required=False)
    identity_name = TextField(max_length=MAX_TEXT, required=False)
    identity_contact = TextField(max_length=MAX_TEXT, required=False)
    evidence = EvidenceField()

    def clean_category(self) -> WbsCategory:
        category = WbsCategory.objects.filter(pk=self.cleaned_data["category"], is_active=True).first()
        if category is None:
            raise forms.ValidationError(_("Pilih kategori yang tersedia."))
        return category

    def clean_reported_opd(self) -> OPD:
        opd = OPD.objects.agencies().filter(pk=self.cleaned_data["reported_opd"], is_active=True).first()
        if opd is None:
            raise forms.ValidationError(_("Pilih OPD terlapor yang tersedia."))
        return opd

    def clean_incident_date(self):
        value = self.cleaned_data["incident_date"]
        if value is not None and value > timezone.localdate():
            raise forms.ValidationError(_("Tanggal kejadian tidak boleh di masa depan."))
        return value


class BodyInput(_BodyLimit, forms.Form):
    """A message or a note (reporter reply, Inspektorat message, internal note)."""

    body_fields = ("body",)
    body = TextField(max_length=10_000)


class ReplyInput(BodyInput):
    """The reporter's reply: a message and, optionally, evidence files."""

    evidence = EvidenceField()


class StatusInput(forms.Form):
    status = forms.ChoiceField(
        choices=ReportStatus.choices, error_messages={"invalid_choice": _("Status tidak dikenal.")}
    )
    reason = TextField(max_length=2000, required=False)

    def clean(self):
        data = super().clean()
        if data.get("status") in CLOSED_STATUSES and not data.get("reason") and "reason" not in self.errors:
            self.add_error("reason", _("Wajib diisi."))
        return data


class IdentityReasonInput(forms.Form):
    reason = TextField(max_length=2000, min_length=10, min_message=_("Jelaskan alasan paling sedikit 10 karakter."))


class DecisionInput(forms.Form):
    """The second pair of eyes' decision: a note is required when rejecting."""

    approve = forms.BooleanField(required=False)
    note = TextField(max_length=2000, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("approve") and not data.get("note") and "note" not in self.errors:
            self.add_error("note", _("Wajib diisi."))
        return data
