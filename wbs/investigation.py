"""The Inspektorat's side: assignment, status, notes, messages and the four-eyes identity reveal.

Every service takes the acting user and checks, itself, that the actor is an Inspektorat
member without a conflict of interest in the report; the doors only translate errors.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inputs.fields import validated

from .crypto import decrypt_identity
from .inputs import BodyInput, DecisionInput, IdentityReasonInput, StatusInput
from .models import (
    CLOSED_STATUSES,
    IdentityRequest,
    IdentityRequestStatus,
    MessageSender,
    WbsMessage,
    WbsNote,
    WbsReport,
    WbsReporterIdentity,
)
from .selectors import CONFLICT, ensure_inspector, is_conflicted, is_inspector, report_get


def wbs_report_read(*, user, pk: int, door: str) -> WbsReport:
    """A detail read by the Inspektorat: the report, with the read logged for the audit trail.

    A service, not a selector: it writes (the sensitive-read log). Selectors only read.
    """
    from audit.reads import log_sensitive_read

    report = report_get(user=user, pk=pk)
    log_sensitive_read(user=user, obj=report, action="wbs.read", door=door)
    return report


def _ensure_handler(actor, report: WbsReport) -> None:
    ensure_inspector(actor)
    if is_conflicted(user=actor, opd=report.reported_opd):
        raise PermissionDenied(CONFLICT)
    if report.content_purged_at is not None:
        raise ValidationError({"__all__": [_("Isi laporan ini sudah dihapus karena masa retensi.")]})


def _save(report: WbsReport, reason: str = "") -> None:
    if reason:
        report._change_reason = reason
    report.save()


@transaction.atomic
def report_assign(*, report: WbsReport, assignee, actor) -> WbsReport:
    """Give the report to an Inspektorat member who is not in the reported OPD (or above it)."""
    _ensure_handler(actor, report)
    if assignee is None or not is_inspector(assignee):
        raise ValidationError({"assignee": [_("Penelaah harus anggota Inspektorat.")]})
    if is_conflicted(user=assignee, opd=report.reported_opd):
        raise ValidationError(
            {"assignee": [_("Penelaah ini anggota OPD terlapor (atau OPD di atasnya) dan tidak dapat ditugaskan.")]}
        )
    report.assignee = assignee
    _save(report, f"Ditugaskan kepada {assignee.get_username()}")
    return report


@transaction.atomic
def report_change_status(*, report: WbsReport, status: str, actor, reason: str = "") -> WbsReport:
    _ensure_handler(actor, report)
    data = validated(StatusInput, {"status": status, "reason": reason})
    if report.is_closed:
        raise ValidationError({"status": [_("Laporan yang sudah ditutup tidak dapat diubah statusnya.")]})
    status, reason = data["status"], data["reason"]
    report.status = status
    report.closed_at = timezone.now() if status in CLOSED_STATUSES else None
    _save(report, reason or f"Status: {status}")
    return report


def note_add(*, report: WbsReport, actor, body: str) -> WbsNote:
    _ensure_handler(actor, report)
    body = validated(BodyInput, {"body": body})["body"]
    return WbsNote.objects.create(report=report, author=actor, body=body)


def message_send(*, report: WbsReport, actor, body: str) -> WbsMessage:
    """A message the reporter will see on the follow-up page."""
    _ensure_handler(actor, report)
    body = validated(BodyInput, {"body": body})["body"]
    return WbsMessage.objects.create(report=report, sender=MessageSender.INSPECTORATE, author=actor, body=body)


def identity_request_create(*, report: WbsReport, actor, reason: str) -> IdentityRequest:
    """Ask to see the reporter's identity; a second Inspektorat member must approve."""
    _ensure_handler(actor, report)
    if not report.has_identity:
        raise ValidationError({"__all__": [_("Pelapor tidak memberikan identitas.")]})
    reason = validated(IdentityReasonInput, {"reason": reason})["reason"]
    if report.identity_requests.filter(requested_by=actor, status=IdentityRequestStatus.PENDING).exists():
        raise ValidationError({"__all__": [_("Anda sudah mengajukan permintaan yang masih menunggu.")]})
    return IdentityRequest.objects.create(report=report, requested_by=actor, reason=reason)


@transaction.atomic
def identity_request_decide(
    *, identity_request: IdentityRequest, actor, approve: bool, note: str = ""
) -> IdentityRequest:
    """The second pair of eyes: another Inspektorat member approves or rejects."""
    identity_request = (
        IdentityRequest.objects.select_for_update().select_related("report__reported_opd").get(pk=identity_request.pk)
    )
    _ensure_handler(actor, identity_request.report)
    if identity_request.requested_by_id == actor.pk:
        raise PermissionDenied(_("Permintaan Anda sendiri harus disetujui oleh anggota Inspektorat lain."))
    if identity_request.status != IdentityRequestStatus.PENDING:
        raise ValidationError({"__all__": [_("Permintaan ini sudah diputuskan.")]})
    note = validated(DecisionInput, {"approve": approve, "note": note})["note"]
    identity_request.status = IdentityRequestStatus.APPROVED if approve else IdentityRequestStatus.REJECTED
    identity_request.decided_by = actor
    identity_request.decided_at = timezone.now()
    identity_request.decision_note = note
    identity_request._change_reason = note or "Disetujui"
    identity_request.save()
    return identity_request


def identity_reveal(*, report: WbsReport, actor, door: str) -> dict[str, str]:
    """The reporter's identity, for the requester of an approved request only; the reveal is logged."""
    from audit.reads import log_sensitive_read

    _ensure_handler(actor, report)
    approved = report.identity_requests.filter(requested_by=actor, status=IdentityRequestStatus.APPROVED).exists()
    if not approved:
        raise PermissionDenied(_("Identitas pelapor hanya dibuka setelah permintaan Anda disetujui Inspektorat lain."))
    identity = WbsReporterIdentity.objects.filter(report=report).first()
    if identity is None:
        raise ValidationError({"__all__": [_("Pelapor tidak memberikan identitas.")]})
    data = decrypt_identity(identity.ciphertext)
    log_sensitive_read(user=actor, obj=report, action="wbs.reveal_identity", door=door)
    return data
