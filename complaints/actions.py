"""The one action table of the complaints domain: staff actions and reporter actions.

Each action names its input contract (a small Django form, validated once), the service it
calls and who may see it offered. Every door (admin, public pages, REST, GraphQL) only
parses its own transport and calls ``run_staff_action`` / ``run_reporter_action``; bad input
is a ``ValidationError`` keyed by field, never a 500. Services still check permission and
status (a door cannot skip them).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from organizations.models import OPD
from organizations.selectors import public_opds

from . import access, inputs, pii, routing, submission, workflow
from .errors import ValidationError
from .models import Category, Complaint, Handling, RejectReason, ReporterIdentity
from .selectors import category_list, complaint_list_staff


class ActionForm(forms.Form):
    """An action's input; knows the complaint and the actor (some choices depend on them).

    Querysets are set in ``__init__``, never at import: a filter built while apps load would
    cache the model's columns before the audit app registers history (simple-history copies them).
    """

    def __init__(self, data=None, *, complaint: Complaint, actor=None):
        super().__init__(data)
        self.complaint, self.actor = complaint, actor


class NoInput(ActionForm):
    pass


class VerifyInput(ActionForm):
    handling = inputs.ChoiceField(label=_("Jenis penanganan"), choices=Handling.choices)


class RejectInput(ActionForm):
    reason = inputs.ChoiceField(
        label=_("Alasan"),
        choices=[c for c in RejectReason.choices if c[0] != RejectReason.FORWARDED_WBS],
        required=True,
        error_messages={"required": _("Pilih alasan penolakan."), "invalid_choice": _("Pilih alasan penolakan.")},
    )
    note = inputs.text(label=_("Keterangan"), max_length=inputs.MAX_MESSAGE)


class OPDChoice(forms.ModelChoiceField):
    default_error_messages = {"required": _("Pilih OPD."), "invalid_choice": _("Pilih OPD.")}


class AssignInput(ActionForm):
    opd = OPDChoice(label=_("OPD"), queryset=OPD.objects.none(), empty_label=_("Pilih OPD …"))
    handling = inputs.ChoiceField(label=_("Jenis penanganan"), choices=Handling.choices)
    reason = inputs.text(label=_("Alasan disposisi ulang"), max_length=inputs.MAX_MESSAGE)
    override_reason = inputs.text(label=_("Alasan tetap mendisposisikan ke OPD tanpa petugas"), max_length=1000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].queryset = public_opds()
        category = getattr(self.complaint, "category", None)
        if category is not None and category.default_opd_id and not self.complaint.opd_id:
            self.initial.setdefault("opd", category.default_opd_id)


class BodyInput(ActionForm):
    body = inputs.text(label=_("Isi"), max_length=10_000, required=True)


class NoteInput(BodyInput):
    public = forms.BooleanField(label=_("Tampil ke pelapor"), required=False)


class ReasonInput(ActionForm):
    reason = inputs.text(label=_("Alasan"), max_length=inputs.MAX_MESSAGE)


class RequiredReasonInput(ActionForm):
    reason = inputs.text(label=_("Alasan"), max_length=inputs.MAX_MESSAGE, required=True)


class MergeInput(ActionForm):
    primary = forms.IntegerField(
        label=_("Nomor pengaduan utama"),
        min_value=1,
        error_messages={"required": _("Pilih pengaduan utama."), "invalid": _("Pilih pengaduan utama.")},
    )

    def clean_primary(self):
        primary = complaint_list_staff(user=self.actor).filter(pk=self.cleaned_data["primary"]).first()
        if primary is None:
            raise forms.ValidationError(_("Pengaduan utama tidak ditemukan."))
        return primary


class RecategorizeInput(RequiredReasonInput):
    category = forms.ModelChoiceField(
        label=_("Kategori baru"),
        queryset=Category.objects.none(),
        to_field_name="slug",
        empty_label=_("Pilih kategori …"),
        error_messages={"required": _("Pilih kategori."), "invalid_choice": _("Pilih kategori yang tersedia.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = category_list()


class ForwardWbsInput(ActionForm):
    wbs_category = forms.TypedChoiceField(label=_("Kategori WBS"), coerce=int, choices=())
    reported_opd = OPDChoice(label=_("OPD terlapor"), queryset=OPD.objects.none(), empty_label=_("Pilih OPD …"))
    reported_person = inputs.text(label=_("Nama/jabatan terlapor"), max_length=200, required=True)
    note = inputs.text(label=_("Catatan untuk Inspektorat"), max_length=1000)

    def __init__(self, *args, **kwargs):
        from wbs.selectors import category_list as wbs_categories

        super().__init__(*args, **kwargs)
        self.fields["wbs_category"].choices = [("", _("Pilih kategori …"))] + [(c.pk, c.name) for c in wbs_categories()]
        self.fields["wbs_category"].error_messages.update(
            {"required": _("Pilih kategori WBS."), "invalid_choice": _("Pilih kategori WBS.")}
        )
        self.fields["reported_opd"].queryset = public_opds()
        if self.complaint.opd_id:
            self.initial.setdefault("reported_opd", self.complaint.opd_id)


class RedactInput(ActionForm):
    title = inputs.text(label=_("Judul publik"), max_length=200, required=True)
    description = inputs.text(label=_("Uraian publik"), max_length=10_000, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        title, description = pii.public_text(self.complaint)
        self.initial.setdefault("title", title)
        self.initial.setdefault("description", description)


def _is_desk(user, complaint) -> bool:
    return access.is_desk(user)


def _is_opd(user, complaint) -> bool:
    return access.can_act_as_opd(user, complaint)


def _is_assigned_opd(user, complaint) -> bool:
    return bool(complaint.opd_id) and access.can_act_as_opd(user, complaint) and not access.is_desk(user)


@dataclass(frozen=True)
class StaffAction:
    name: str
    label: Any
    form: type[ActionForm]
    service: Callable[..., Any]
    allowed: Callable[[Any, Complaint], bool]
    #: how the cleaned input maps onto the service's keyword arguments (default: as named)
    kwargs: Callable[[dict], dict] = dict


STAFF_ACTIONS: dict[str, StaffAction] = {
    a.name: a
    for a in (
        StaffAction("verify", _("Verifikasi"), VerifyInput, workflow.complaint_verify, _is_desk,
                    lambda d: {"handling": d["handling"] or None}),
        StaffAction("reject", _("Tolak"), RejectInput, workflow.complaint_reject, _is_desk),
        StaffAction("assign", _("Disposisikan"), AssignInput, workflow.complaint_assign, _is_desk,
                    lambda d: {**d, "handling": d["handling"] or None}),
        StaffAction("start", _("Mulai tindak lanjut"), NoInput, workflow.complaint_start, _is_opd),
        StaffAction("note", _("Catatan / tindak lanjut"), NoteInput, workflow.complaint_add_note, _is_opd),
        StaffAction("answer", _("Jawab"), BodyInput, workflow.complaint_answer, _is_opd),
        StaffAction("close", _("Tutup"), ReasonInput, workflow.complaint_close, _is_desk),
        StaffAction("merge", _("Gabungkan"), MergeInput, workflow.complaint_merge, _is_desk),
        StaffAction("reveal", _("Lihat identitas pelapor"), NoInput, workflow.complaint_reveal_reporter, _is_desk),
        StaffAction("decline", _("Bukan kewenangan"), RequiredReasonInput, routing.complaint_decline,
                    _is_assigned_opd),
        StaffAction("recategorize", _("Ubah kategori"), RecategorizeInput, routing.complaint_recategorize, _is_desk),
        StaffAction("forward_wbs", _("Teruskan ke WBS"), ForwardWbsInput, routing.complaint_forward_wbs, _is_desk,
                    lambda d: {"wbs_category_id": d.pop("wbs_category"), **d}),
        StaffAction("redact", _("Samarkan data pribadi"), RedactInput, routing.complaint_redact, _is_desk),
    )
}  # fmt: skip

#: Names other doors used before the table (REST path segments), mapped to the table's names.
ALIASES = {"reveal-reporter": "reveal", "forward-wbs": "forward_wbs"}


@dataclass
class ActionResult:
    complaint: Complaint
    #: for ``reveal``: the identity, ``None`` for an anonymous complaint
    reporter: ReporterIdentity | None = None


def staff_action(name: str) -> StaffAction | None:
    return STAFF_ACTIONS.get(ALIASES.get(name, name))


def staff_form(name: str, *, complaint: Complaint, actor, data=None) -> ActionForm:
    """An unbound (or bound) form of the action, for screens that render it."""
    return STAFF_ACTIONS[name].form(data, complaint=complaint, actor=actor)


def staff_actions_for(*, user, complaint: Complaint) -> list[StaffAction]:
    return [a for a in STAFF_ACTIONS.values() if a.allowed(user, complaint)]


def run_staff_action(*, name: str, complaint: Complaint, actor, door: str, data) -> ActionResult:
    """Validate ``data`` with the action's contract and call its service."""
    action = staff_action(name)
    if action is None:
        raise ValidationError({"action": [_("Tindakan tidak dikenal.")]})
    cleaned = inputs.clean(action.form, data, complaint=complaint, actor=actor)
    kwargs = action.kwargs(dict(cleaned))
    if action.name == "merge":
        action.service(duplicate=complaint, actor=actor, door=door, **kwargs)
        return ActionResult(complaint)
    result = action.service(complaint=complaint, actor=actor, door=door, **kwargs)
    if action.name == "reveal":
        return ActionResult(complaint, reporter=result)
    return ActionResult(complaint)


# --- the reporter's actions (by tracking code + secret) ------------------------------------


class InformationInput(ActionForm):
    body = inputs.text(label=_("Informasi tambahan"), max_length=inputs.MAX_MESSAGE, required=True)


class RateInput(ActionForm):
    rating = forms.IntegerField(
        label=_("Penilaian"),
        min_value=1,
        max_value=5,
        error_messages={
            "required": _("Nilai antara 1 dan 5."),
            "invalid": _("Nilai antara 1 dan 5."),
            "min_value": _("Nilai antara 1 dan 5."),
            "max_value": _("Nilai antara 1 dan 5."),
        },
    )
    comment = inputs.text(label=_("Komentar"), max_length=inputs.MAX_MESSAGE)


class ReopenInput(RequiredReasonInput):
    pass


@dataclass(frozen=True)
class ReporterAction:
    name: str
    label: Any
    form: type[ActionForm]
    service: Callable[..., Any]
    takes_files: bool = False


REPORTER_ACTIONS: dict[str, ReporterAction] = {
    a.name: a
    for a in (
        ReporterAction("information", _("Tambah informasi"), InformationInput, submission.complaint_add_information,
                       takes_files=True),
        ReporterAction("confirm", _("Konfirmasi selesai"), NoInput, submission.complaint_confirm),
        ReporterAction("rate", _("Beri penilaian"), RateInput, submission.complaint_rate),
        ReporterAction("reopen", _("Buka kembali"), ReopenInput, submission.complaint_reopen),
    )
}  # fmt: skip


def run_reporter_action(*, name: str, complaint: Complaint, door: str, data, files=(), uploads=()) -> Complaint:
    """The reporter's action on their complaint (found by code + secret by the door)."""
    action = REPORTER_ACTIONS.get(name)
    if action is None:
        raise ValidationError({"action": [_("Tindakan tidak dikenal.")]})
    cleaned = inputs.clean(action.form, data, complaint=complaint)
    if action.takes_files:
        cleaned = {**cleaned, "files": list(files or []), "uploads": list(uploads or [])}
    action.service(complaint=complaint, door=door, **cleaned)
    return complaint
