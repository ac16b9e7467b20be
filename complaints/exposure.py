"""What each audience may see of a complaint, as plain dicts every door renders.

One place decides which fields leave the system for the public, the reporter and staff,
so REST, GraphQL, Open311, the public pages and exports cannot drift apart.
"""

import datetime as dt

from django.conf import settings
from django.urls import reverse

from . import access, pii
from .deadlines import local_today
from .models import OPEN_STATUSES, Attachment, Complaint, ComplaintEvent, Privacy, Status
from .selectors import complaint_timeline, reporter_for_staff
from .submission import reopen_days

public_text = pii.public_text


def attachment_url(att: Attachment) -> str:
    return reverse("api:complaint-attachment", kwargs={"uuid": att.uuid})


def _opd(opd) -> dict | None:
    return {"id": opd.pk, "name": opd.name, "acronym": opd.acronym} if opd else None


def _event(e: ComplaintEvent, *, staff: bool = False) -> dict:
    data = {
        "kind": e.kind,
        "kind_label": e.get_kind_display(),
        "status": e.status,
        "body": e.body,
        "public": e.public,
        "opd": e.opd.name if e.opd_id and e.opd else "",
        "created_at": e.created_at,
    }
    if staff:
        data["actor"] = e.actor.get_username() if e.actor_id and e.actor else ""
    return data


def is_overdue(c: Complaint, today: dt.date | None = None) -> bool:
    return c.status in OPEN_STATUSES and c.due_date is not None and c.due_date < (today or local_today())


#: Working days before a deadline from which a staff list marks an item as "near".
NEAR_WORKING_DAYS = 2


def deadline_state(c: Complaint, today: dt.date | None = None) -> str:
    """ "overdue", "near" (deadline within ``NEAR_WORKING_DAYS`` working days) or "" for staff lists."""
    if c.status not in OPEN_STATUSES or c.due_date is None:
        return ""
    today = today or local_today()
    if c.due_date < today:
        return "overdue"
    from .deadlines import working_days_between

    return "near" if working_days_between(today, c.due_date) <= NEAR_WORKING_DAYS else ""


def public_dict(c: Complaint) -> dict:
    """The public view of a public complaint: no identity, no internal notes."""
    assert c.privacy == Privacy.PUBLIC  # noqa: S101 - callers use the public selectors
    title, description = pii.public_text(c)
    return {
        "tracking_code": c.tracking_code,
        "kind": c.kind,
        "category": {"slug": c.category.slug, "name": c.category.name},
        "title": title,
        "description": description,
        "location_text": c.location_text,
        "kecamatan": c.kecamatan.name if c.kecamatan_id else "",
        "kelurahan": c.kelurahan.name if c.kelurahan_id else "",
        "lat": c.lat,
        "long": c.long,
        "status": c.status,
        "status_label": c.get_status_display(),
        "opd": _opd(c.opd),
        "support_count": c.support_count,
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "media": [attachment_url(a) for a in c.attachments.all() if a.content_type.startswith("image/")],
    }


def reporter_dict(c: Complaint) -> dict:
    """What the reporter sees on the tracking page (their own complaint, any privacy)."""
    can_reopen = (
        c.status in (Status.ANSWERED, Status.CLOSED)
        and c.answered_at is not None
        and not c.merged_into_id
        and (dt.datetime.now(dt.UTC) - c.answered_at).days < reopen_days()
    )
    primary = c.merged_into
    return {
        "tracking_code": c.tracking_code,
        "kind": c.kind,
        "privacy": c.privacy,
        "category": {"slug": c.category.slug, "name": c.category.name},
        "title": c.title,
        "description": c.description,
        "status": c.status,
        "status_label": c.get_status_display(),
        "opd": _opd(c.opd),
        "due_date": c.due_date,
        "created_at": c.created_at,
        "rating": c.rating,
        "can_rate": c.status in (Status.ANSWERED, Status.CLOSED) and not c.merged_into_id,
        "can_confirm": c.status == Status.ANSWERED,
        "can_reopen": can_reopen,
        "can_add_information": c.status not in (Status.CLOSED, Status.REJECTED) and not c.merged_into_id,
        "merged_into": {
            "tracking_code": primary.tracking_code if primary.privacy == Privacy.PUBLIC else "",
            "status": primary.status,
            "status_label": primary.get_status_display(),
        }
        if primary
        else None,
        "timeline": [_event(e) for e in complaint_timeline(complaint=c, audience="reporter")],
    }


def staff_row(c: Complaint, today: dt.date | None = None) -> dict:
    """One row of the staff list (no identity at all)."""
    return {
        "id": c.pk,
        "tracking_code": c.tracking_code,
        "title": c.title,
        "kind": c.kind,
        "category": {"slug": c.category.slug, "name": c.category.name},
        "privacy": c.privacy,
        "status": c.status,
        "status_label": c.get_status_display(),
        "opd": _opd(c.opd),
        "kecamatan": c.kecamatan.name if c.kecamatan_id else "",
        "due_date": c.due_date,
        "overdue": is_overdue(c, today),
        "deadline_state": deadline_state(c, today),
        "escalation_level": c.escalation_level,
        "support_count": c.support_count,
        "created_at": c.created_at,
    }


def staff_dict(c: Complaint, *, user) -> dict:
    """Staff detail: identity only where the rules allow it without a logged reveal."""
    identity = reporter_for_staff(user=user, complaint=c)
    if identity is not None:
        reporter = {"name": identity.name, "email": identity.email, "phone": identity.phone}
    elif c.privacy == Privacy.RAHASIA:
        reporter = {"hidden": True, "can_reveal": access.is_desk(user)}
    else:
        reporter = None
    public_title, public_description = pii.public_text(c)
    return {
        **staff_row(c),
        "description": c.description,
        "extra": {"form_version": c.extra_form_version_id, "answers": c.extra_answers}
        if c.extra_form_version_id
        else None,
        "location_text": c.location_text,
        "kelurahan": c.kelurahan.name if c.kelurahan_id else "",
        "lat": c.lat,
        "long": c.long,
        "incident_date": c.incident_date,
        "handling": c.handling,
        "rejection_reason": c.rejection_reason,
        "rating": c.rating,
        "rating_comment": c.rating_comment,
        "merged_into": c.merged_into.tracking_code if c.merged_into_id else "",
        "public_title": public_title,
        "public_description": public_description,
        "personal_data": pii.kinds_found(f"{c.title}\n{c.description}"),
        "redaction_reviewed_at": c.redaction_reviewed_at,
        "wbs_reference": c.wbs_reference if access.is_inspectorate(user) else "",
        "reporter": reporter,
        "attachments": [
            {"url": attachment_url(a), "content_type": a.content_type, "size": a.size} for a in c.attachments.all()
        ],
        "timeline": [_event(e, staff=True) for e in complaint_timeline(complaint=c, audience="staff")],
    }


def absolute(url: str) -> str:
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{url}"
