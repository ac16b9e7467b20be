"""The government's side of a complaint: verify, reject, assign, follow up, answer, close,
merge, and reveal a confidential reporter. Every function checks who may do it."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.actors import acting_as
from notifications.services import notify
from organizations.models import OPD, Membership, MembershipRole
from organizations.roles import GlobalRole

from . import access
from .deadlines import deadline_days, local_today, stage_due_date
from .errors import PermissionDenied, ValidationError
from .models import (
    OPEN_STATUSES,
    Complaint,
    ComplaintEvent,
    EventKind,
    Handling,
    Privacy,
    RejectReason,
    ReporterIdentity,
    Status,
)


def complaint_url(complaint: Complaint) -> str:
    """The admin detail screen of a complaint (the one place that names it: its URL pattern)."""
    return reverse("complaints_admin_detail", args=[complaint.pk])


def desk_users() -> list[AbstractBaseUser]:
    User = get_user_model()
    return list(User.objects.filter(is_active=True, groups__name=str(GlobalRole.COMPLAINT_DESK)).distinct())


def opd_users(opd_id: int, *, heads_only: bool = False) -> list[AbstractBaseUser]:
    qs = Membership.objects.filter(opd_id=opd_id, user__is_active=True).select_related("user")
    if heads_only:
        qs = qs.filter(role=MembershipRole.VERIFIER)
    return [m.user for m in qs]


def _reporter_email(complaint: Complaint) -> list[str]:
    if complaint.privacy == Privacy.ANONIM:
        return []
    email = ReporterIdentity.objects.filter(complaint=complaint).values_list("email", flat=True).first()
    return [email] if email else []


def notify_opd(complaint: Complaint, *, key: str, subject) -> None:
    """Tell the OPD: its complaint liaisons, or else its heads and operators (``routing``)."""
    from .routing import opd_recipients

    if complaint.opd_id:
        notify(
            recipients=opd_recipients(complaint.opd_id),
            subject=f"{subject}: {complaint.tracking_code}",
            body=str(complaint.title),
            url=complaint_url(complaint),
            dedupe_key=f"complaint:{complaint.pk}:{key}",
        )


def notify_reporter(complaint: Complaint, *, key: str, subject, body: str = "") -> None:
    """Tell the reporter (email only, never for anonymous complaints) without the secret."""
    recipients = _reporter_email(complaint)
    for dup in complaint.duplicates.all():
        recipients += _reporter_email(dup)
    if recipients:
        notify(
            recipients=recipients,
            subject=f"{subject}: {complaint.tracking_code}",
            body=body or str(_("Lihat perkembangan di halaman pelacakan dengan kode dan kode rahasia Anda.")),
            dedupe_key=f"complaint:{complaint.pk}:reporter:{key}",
        )


def _require_desk(actor) -> None:
    if not access.is_desk(actor):
        raise PermissionDenied(_("Hanya Meja Pengaduan yang dapat melakukan ini."))


def _require_opd(actor, complaint: Complaint) -> None:
    if not access.can_act_as_opd(actor, complaint):
        raise PermissionDenied(_("Anda tidak menangani pengaduan ini."))


def _require_status(complaint: Complaint, *allowed: str) -> None:
    if complaint.status not in allowed:
        raise ValidationError(
            {"status": [_("Tidak dapat dilakukan pada status %(s)s.") % {"s": complaint.get_status_display()}]}
        )


def _event(complaint: Complaint, actor, kind: str, *, public: bool, body: str = "", status: str = "", opd=None):
    return ComplaintEvent.objects.create(
        complaint=complaint,
        kind=kind,
        public=public,
        body=body,
        status=status,
        actor=actor if getattr(actor, "pk", None) else None,
        opd=opd,
    )


def complaint_verify(*, complaint: Complaint, actor, door: str, handling: str | None = None) -> Complaint:
    _require_desk(actor)
    _require_status(complaint, Status.RECEIVED)
    if handling and handling not in Handling.values:
        raise ValidationError({"handling": [_("Jenis penanganan tidak dikenal.")]})
    with acting_as(f"user:{actor.get_username()}", door=door, user=actor), transaction.atomic():
        complaint.status = Status.VERIFIED
        complaint.verified_at = timezone.now()
        complaint.handling = handling or complaint.handling
        complaint.save()
        _event(complaint, actor, EventKind.STATUS, public=True, status=Status.VERIFIED)
    return complaint


def complaint_reject(*, complaint: Complaint, actor, door: str, reason: str, note: str = "") -> Complaint:
    _require_desk(actor)
    _require_status(complaint, Status.RECEIVED, Status.VERIFIED)
    if reason not in RejectReason.values:
        raise ValidationError({"reason": [_("Pilih alasan penolakan.")]})
    note = (note or "").strip()
    if reason == RejectReason.OTHER and not note:
        raise ValidationError({"note": [_("Jelaskan alasan penolakan.")]})
    label = RejectReason(reason).label
    why = f"{label} {note}".strip()
    with acting_as(f"user:{actor.get_username()}", door=door, user=actor, reason=why), transaction.atomic():
        complaint.status, complaint.rejection_reason, complaint.rejection_note = Status.REJECTED, reason, note
        complaint.due_date, complaint.closed_at = None, timezone.now()
        complaint.save()
        _event(complaint, actor, EventKind.STATUS, public=True, status=Status.REJECTED, body=f"{label}. {note}")
        notify_reporter(complaint, key="rejected", subject=_("Pengaduan tidak dapat diproses"))
    return complaint


def complaint_assign(
    *,
    complaint: Complaint,
    actor,
    door: str,
    opd: OPD,
    handling: str | None = None,
    reason: str = "",
    override_reason: str = "",
) -> Complaint:
    """Assign (or re-assign, with a reason) to an OPD; the answer deadline starts today.

    An OPD nobody can be told about (no active liaison, head or operator account) is refused
    unless the desk overrides it with a reason (kept in the audit trail and the timeline)."""
    from .routing import opd_has_staff

    _require_desk(actor)
    _require_status(complaint, Status.VERIFIED, Status.ASSIGNED, Status.IN_PROGRESS)
    reason = (reason or "").strip()
    if complaint.opd_id and complaint.opd_id != opd.pk and not reason:
        raise ValidationError({"reason": [_("Alasan wajib diisi untuk disposisi ulang.")]})
    if complaint.opd_id == opd.pk:
        raise ValidationError({"opd": [_("Pengaduan sudah di OPD ini.")]})
    if not opd.is_active:
        raise ValidationError({"opd": [_("OPD tidak aktif.")]})
    if handling and handling not in Handling.values:
        raise ValidationError({"handling": [_("Jenis penanganan tidak dikenal.")]})
    override_reason = (override_reason or "").strip()
    if not opd_has_staff(opd) and not override_reason:
        raise ValidationError(
            {
                "opd": [
                    _(
                        "%(opd)s belum punya penghubung atau akun petugas aktif, sehingga tidak ada yang diberi tahu. "
                        "Pilih OPD lain, atau isi alasan untuk tetap mendisposisikan."
                    )
                    % {"opd": opd.name}
                ]
            }
        )
    why = "; ".join(r for r in (reason, override_reason and f"{_('Tanpa petugas')}: {override_reason}") if r)
    with acting_as(f"user:{actor.get_username()}", door=door, user=actor, reason=why), transaction.atomic():
        complaint.opd = opd
        complaint.handling = handling or complaint.handling
        complaint.status = Status.ASSIGNED
        complaint.assigned_at = timezone.now()
        complaint.due_date = stage_due_date(stage=complaint.handling, start=local_today())
        complaint.escalation_level, complaint.escalated_at = 0, None
        complaint.save()
        _event(complaint, actor, EventKind.ASSIGNED, public=True, status=Status.ASSIGNED, opd=opd)
        if why:
            _event(complaint, actor, EventKind.NOTE, public=False, body=why, opd=opd)
        n = complaint.events.filter(kind=EventKind.ASSIGNED).count()
        notify_opd(complaint, key=f"assigned:{n}", subject=_("Disposisi pengaduan"))
    return complaint


def complaint_add_note(*, complaint: Complaint, actor, door: str, body: str, public: bool = False) -> ComplaintEvent:
    """An internal note (``public=False``) or a follow-up the reporter sees (``public=True``)."""
    _require_opd(actor, complaint)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Wajib diisi.")]})
    if len(body) > 10_000:
        raise ValidationError({"body": [_("Terlalu panjang.")]})
    with acting_as(f"user:{actor.get_username()}", door=door, user=actor), transaction.atomic():
        if public and complaint.status == Status.ASSIGNED:
            complaint.status = Status.IN_PROGRESS
            complaint.save()
        return _event(
            complaint,
            actor,
            EventKind.FOLLOW_UP if public else EventKind.NOTE,
            public=public,
            body=body,
            status=complaint.status if public else "",
            opd=complaint.opd,
        )


def complaint_start(*, complaint: Complaint, actor, door: str) -> Complaint:
    _require_opd(actor, complaint)
    _require_status(complaint, Status.ASSIGNED)
    with acting_as(f"user:{actor.get_username()}", door=door, user=actor), transaction.atomic():
        complaint.status = Status.IN_PROGRESS
        complaint.save()
        _event(complaint, actor, EventKind.STATUS, public=True, status=Status.IN_PROGRESS, opd=complaint.opd)
    return complaint


def confirm_days() -> int:
    """Working days of silence after an answer before the complaint closes (Pemda policy)."""

    return settings.COMPLAINT_CONFIRM_WORKING_DAYS


def complaint_answer(*, complaint: Complaint, actor, door: str, body: str) -> Complaint:
    _require_opd(actor, complaint)
    _require_status(complaint, Status.ASSIGNED, Status.IN_PROGRESS)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": [_("Jawaban wajib diisi.")]})
    with acting_as(f"user:{actor.get_username()}", door=door, user=actor), transaction.atomic():
        today = local_today()
        complaint.answered_on_time = complaint.due_date is None or today <= complaint.due_date
        complaint.status = Status.ANSWERED
        complaint.answered_at = timezone.now()
        complaint.due_date = _confirm_due(today)
        complaint.escalation_level, complaint.escalated_at = 0, None
        complaint.save()
        _event(complaint, actor, EventKind.ANSWER, public=True, body=body, status=Status.ANSWERED, opd=complaint.opd)
        notify_reporter(complaint, key=f"answered:{complaint.reopen_count}", subject=_("Pengaduan Anda dijawab"))
    return complaint


def _confirm_due(today):
    from .deadlines import add_working_days

    return add_working_days(today, confirm_days())


def complaint_close(*, complaint: Complaint, actor=None, door: str, reason: str) -> Complaint:
    """Close an answered complaint (the desk, or the job after the reporter's silence)."""
    if actor is not None:
        _require_desk(actor)
    _require_status(complaint, Status.ANSWERED)
    with (
        acting_as(
            f"user:{actor.get_username()}" if actor else "job:close_silent", door=door, user=actor, reason=reason
        ),
        transaction.atomic(),
    ):
        complaint.status, complaint.closed_at, complaint.due_date = Status.CLOSED, timezone.now(), None
        complaint.save()
        _event(complaint, actor, EventKind.STATUS, public=True, status=Status.CLOSED, body=reason)
    return complaint


def complaint_merge(*, duplicate: Complaint, primary: Complaint, actor, door: str) -> Complaint:
    """Merge ``duplicate`` into ``primary``. Each keeps its privacy, reporter and tracking code;
    the duplicate's reporter follows the primary's public answers on their own tracking page."""
    _require_desk(actor)
    if duplicate.pk == primary.pk or primary.merged_into_id:
        raise ValidationError({"primary": [_("Pengaduan utama tidak valid.")]})
    if duplicate.merged_into_id or duplicate.status not in OPEN_STATUSES:
        raise ValidationError({"duplicate": [_("Hanya pengaduan yang masih terbuka dapat digabung.")]})
    if primary.status in (Status.REJECTED, Status.CLOSED):
        raise ValidationError({"primary": [_("Pengaduan utama sudah selesai atau ditolak.")]})
    with acting_as(f"user:{actor.get_username()}", door=door, user=actor, reason="digabung"), transaction.atomic():
        duplicate.merged_into = primary
        duplicate.status, duplicate.closed_at, duplicate.due_date = Status.CLOSED, timezone.now(), None
        duplicate.save()
        primary.support_count += 1 + duplicate.support_count
        primary.save(update_fields=["support_count", "updated_at"])
        _event(
            duplicate,
            actor,
            EventKind.MERGED,
            public=True,
            status=Status.CLOSED,
            body=str(_("Digabung dengan pengaduan serupa; tindak lanjut dan jawaban tampil di sini.")),
        )
        _event(primary, actor, EventKind.MERGED, public=False, body=duplicate.tracking_code)
    return duplicate


def complaint_reveal_reporter(*, complaint: Complaint, actor, door: str) -> ReporterIdentity | None:
    """The desk sees a reporter's identity; for a confidential complaint the read is logged."""
    if not access.is_desk(actor):
        raise PermissionDenied(_("Identitas pelapor hanya untuk Meja Pengaduan."))
    if complaint.privacy == Privacy.ANONIM:
        return None
    identity = ReporterIdentity.objects.filter(complaint=complaint).first()
    if complaint.privacy == Privacy.RAHASIA:
        from audit.reads import log_sensitive_read

        log_sensitive_read(user=actor, obj=complaint, action="complaint.reveal_reporter", door=door)
    return identity


__all__ = [
    "complaint_add_note",
    "complaint_answer",
    "complaint_assign",
    "complaint_close",
    "complaint_merge",
    "complaint_reject",
    "complaint_reveal_reporter",
    "complaint_start",
    "complaint_verify",
    "deadline_days",
]
