"""Routing that cannot drop a complaint: who is reachable at an OPD (contact points, then its
heads and operators), the coverage the desk sees, the desk's notice of new complaints, an OPD
declining a complaint ("bukan kewenangan"), the desk changing a category, forwarding to WBS,
and the desk's redaction of personal data before publication.

Clock rules (ADR 0006): a decline returns the complaint to the desk (status *verified*, no OPD)
with a fresh verification-stage deadline from the day of the decline; the answer deadline
starts again at the next assignment. A category change before assignment takes the new
category's handling class; after assignment the running deadline is kept.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task

from audit.actors import acting_as
from notifications.services import notify
from organizations.models import OPD, Membership
from organizations.selectors import public_opds

from . import access, pii
from .deadlines import local_today, stage_due_date
from .errors import PermissionDenied, ValidationError
from .models import (
    OPEN_STATUSES,
    Category,
    Complaint,
    ComplaintEvent,
    ContactPoint,
    EventKind,
    Privacy,
    RejectReason,
    ReporterIdentity,
    Status,
)

# --- who is reachable ------------------------------------------------------------------


def contact_point_users(opd_id: int) -> list[AbstractBaseUser]:
    return [
        cp.user
        for cp in ContactPoint.objects.filter(opd_id=opd_id, is_active=True, user__is_active=True).select_related(
            "user"
        )
    ]


def opd_staff_users(opd_id: int) -> list[AbstractBaseUser]:
    """Active heads and operators of the OPD (its memberships)."""
    return [m.user for m in Membership.objects.filter(opd_id=opd_id, user__is_active=True).select_related("user")]


def opd_recipients(opd_id: int) -> list[AbstractBaseUser]:
    """Who is told about a complaint at an OPD: its liaisons, or else its heads and operators."""
    return contact_point_users(opd_id) or opd_staff_users(opd_id)


def opd_has_staff(opd: OPD) -> bool:
    return bool(opd_recipients(opd.pk))


def opd_coverage() -> QuerySet[OPD]:
    """Active OPDs (and kecamatan/kelurahan) annotated with ``has_contact_point`` and
    ``has_staff`` (an active liaison, or an active member account): the desk's coverage screen."""
    cps = ContactPoint.objects.filter(opd=OuterRef("pk"), is_active=True, user__is_active=True)
    members = Membership.objects.filter(opd=OuterRef("pk"), user__is_active=True)
    return (
        public_opds()
        .annotate(has_contact_point=Exists(cps), has_member=Exists(members))
        .annotate(has_staff=Q(has_contact_point=True) | Q(has_member=True))
    )


def opds_without_staff_ids() -> set[int]:
    return set(opd_coverage().filter(has_contact_point=False, has_member=False).values_list("pk", flat=True))


# --- notices -------------------------------------------------------------------------------


DESK_NEW_TASK = "complaints.tasks.notify_desk_of_new"


def desk_new_notice_queue(complaint: Complaint) -> None:
    """After the submission commits, one django-q2 job tells the desk (:func:`notify_desk_new`).

    Not in the citizen's request: each desk account's notice is a row, its history row and its
    audit event, which for a desk of five more than doubled a submission's work. Only the
    complaint's id is queued. ``robust``: the complaint is already saved, so a broker that fails
    must not turn the citizen's answer into an error (the desk's list shows every new complaint,
    and escalation catches one left unverified). ``save=False``: a job that succeeds keeps no
    django-q2 result row (the notices are the record; a failed job is kept)."""
    pk = complaint.pk
    transaction.on_commit(
        lambda: async_task(DESK_NEW_TASK, pk, task_name=f"complaint-desk-new-{pk}", group="notices", save=False),
        robust=True,
    )


def notify_desk_new(complaint: Complaint) -> None:
    """Every new complaint is announced to the desk (in-app and e-mail, through ``notify``)."""
    from .workflow import complaint_url, desk_users

    notify(
        recipients=desk_users(),
        subject=_("Pengaduan baru: %(code)s") % {"code": complaint.tracking_code},
        body=str(complaint.category.name),
        url=complaint_url(complaint),
        dedupe_key=f"complaint:{complaint.pk}:desk-new",
    )


def _notify_desk(complaint: Complaint, *, key: str, subject) -> None:
    from .workflow import complaint_url, desk_users

    notify(
        recipients=desk_users(),
        subject=f"{subject}: {complaint.tracking_code}",
        body=str(complaint.title),
        url=complaint_url(complaint),
        dedupe_key=f"complaint:{complaint.pk}:{key}",
    )


def _event(complaint, actor, kind, *, public=False, body="", status="", opd=None) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint, kind=kind, public=public, body=body, status=status, actor=actor, opd=opd
    )


def _as(actor, door: str, reason: str = ""):
    return acting_as(f"user:{actor.get_username()}", door=door, user=actor, reason=reason)


def _require_status(complaint: Complaint, *allowed: str) -> None:
    if complaint.status not in allowed:
        raise ValidationError(
            {"status": [_("Tidak dapat dilakukan pada status %(s)s.") % {"s": complaint.get_status_display()}]}
        )


# --- services ------------------------------------------------------------------------------


def complaint_decline(*, complaint: Complaint, actor, door: str, reason: str) -> Complaint:
    """The assigned OPD sends a complaint back as "bukan kewenangan": it returns to the desk."""
    if not complaint.opd_id or not access.can_act_as_opd(actor, complaint) or access.is_desk(actor):
        raise PermissionDenied(_("Hanya OPD yang menangani pengaduan ini yang dapat mengembalikannya."))
    _require_status(complaint, Status.ASSIGNED, Status.IN_PROGRESS)
    if not reason:
        raise ValidationError({"reason": [_("Jelaskan mengapa bukan kewenangan OPD Anda.")]})
    opd = complaint.opd
    with _as(actor, door, reason), transaction.atomic():
        complaint.status, complaint.opd = Status.VERIFIED, None
        complaint.assigned_at = None
        complaint.due_date = stage_due_date(stage="verification", start=local_today())
        complaint.escalation_level, complaint.escalated_at = 0, None
        complaint.save()
        _event(complaint, actor, EventKind.DECLINED, public=False, body=reason, status=Status.VERIFIED, opd=opd)
        n = complaint.events.filter(kind=EventKind.DECLINED).count()
        _notify_desk(complaint, key=f"declined:{n}", subject=_("Pengaduan dikembalikan OPD"))
    return complaint


def complaint_recategorize(*, complaint: Complaint, actor, door: str, category: Category, reason: str) -> Complaint:
    """The desk changes the category (the handling class follows it until the complaint is assigned)."""
    if not access.is_desk(actor):
        raise PermissionDenied(_("Hanya Meja Pengaduan yang dapat melakukan ini."))
    _require_status(complaint, *OPEN_STATUSES)
    if category.pk == complaint.category_id:
        raise ValidationError({"category": [_("Pengaduan sudah dalam kategori ini.")]})
    if not reason:
        raise ValidationError({"reason": [_("Alasan wajib diisi.")]})
    old = complaint.category.name
    with _as(actor, door, reason), transaction.atomic():
        complaint.category = category
        if complaint.status in (Status.RECEIVED, Status.VERIFIED):
            complaint.handling = category.handling
        complaint.save()
        _event(complaint, actor, EventKind.RECATEGORIZED, body=f"{old} → {category.name}. {reason}")
    return complaint


def complaint_forward_wbs(
    *, complaint: Complaint, actor, door: str, wbs_category_id: int, reported_opd: OPD, reported_person: str, note: str
) -> Complaint:
    """Forward a complaint about wrongdoing to the Inspectorate's WBS channel.

    The WBS report is filed through ``wbs.services`` with the reporter's identity only when the
    reporter gave one (an anonymous complaint stays anonymous; identities are escrowed encrypted
    by WBS). The complaint is closed here (not public any more) and keeps only the WBS report's
    number, which only the Inspectorate sees.
    """
    from wbs.errors import RateLimitedError as WbsRateLimited
    from wbs.services import report_submit

    if not access.is_desk(actor):
        raise PermissionDenied(_("Hanya Meja Pengaduan yang dapat melakukan ini."))
    _require_status(complaint, Status.RECEIVED, Status.VERIFIED, Status.ASSIGNED, Status.IN_PROGRESS)
    if complaint.wbs_reference:
        raise ValidationError({"status": [_("Pengaduan ini sudah diteruskan ke WBS.")]})
    identity = {"identity_name": "", "identity_contact": ""}
    if complaint.privacy != Privacy.ANONIM:
        who = ReporterIdentity.objects.filter(complaint=complaint).first()
        if who is not None:
            identity = {"identity_name": who.name, "identity_contact": who.email or who.phone}
    description = f"{complaint.description}\n\n" + str(
        _("Diteruskan dari pengaduan %(code)s oleh Meja Pengaduan. %(note)s")
        % {"code": complaint.tracking_code, "note": note}
    )
    with _as(actor, door, note or str(_("diteruskan ke WBS"))), transaction.atomic():
        try:
            submitted = report_submit(
                category_id=wbs_category_id,
                reported_opd_id=reported_opd.pk,
                reported_person=reported_person,
                title=complaint.title,
                description=description,
                incident_date=complaint.incident_date,
                location=complaint.location_text[:200],
                **identity,
            )
        except WbsRateLimited:
            raise ValidationError({"__all__": [_("Saluran WBS sedang sibuk. Coba lagi sebentar.")]}) from None
        complaint.wbs_reference = submitted.report.lookup_id
        complaint.status, complaint.rejection_reason = Status.REJECTED, RejectReason.FORWARDED_WBS
        complaint.rejection_note, complaint.due_date, complaint.closed_at = "", None, timezone.now()
        complaint.save()
        _event(
            complaint,
            actor,
            EventKind.FORWARDED_WBS,
            public=True,
            status=Status.REJECTED,
            body=str(_("Pengaduan diteruskan ke saluran WBS Inspektorat dan ditangani secara rahasia di sana.")),
        )
    return complaint


def complaint_redact(*, complaint: Complaint, actor, door: str, title: str, description: str) -> Complaint:
    """The desk sets the public text. Personal data still detected in it is refused."""
    if not access.is_desk(actor):
        raise PermissionDenied(_("Hanya Meja Pengaduan yang dapat melakukan ini."))
    errors = {}
    for field, value in (("title", title), ("description", description)):
        if not value:
            errors[field] = [_("Wajib diisi.")]
        elif kinds := pii.kinds_found(value):
            errors[field] = [_("Masih memuat data pribadi: %(kinds)s.") % {"kinds": ", ".join(kinds)}]
    if errors:
        raise ValidationError(errors)
    with _as(actor, door, str(_("penyamaran data pribadi"))), transaction.atomic():
        complaint.public_title, complaint.public_description = title, description
        complaint.redaction_reviewed_at = timezone.now()
        complaint.save()
        _event(complaint, actor, EventKind.REDACTED)
    return complaint
