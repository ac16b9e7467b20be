"""Reads of complaints, already restricted to what the caller may see and prefetched."""

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, F, Prefetch, Q, QuerySet

from . import access
from .codes import normalize_code, secret_matches
from .deadlines import local_day_start, local_today
from .models import (
    OPEN_STATUSES,
    PUBLIC_STATUSES,
    Attachment,
    Category,
    Complaint,
    ComplaintEvent,
    EventKind,
    Privacy,
    ReporterIdentity,
    Status,
)
from .search import ranked_text_search, text_search

User = AbstractBaseUser | AnonymousUser

STAFF_RELATED = ("category", "opd", "kecamatan", "kelurahan")
#: Events a reporter sees on the tracking page besides public ones (their own input).
REPORTER_EVENT_KINDS = (EventKind.REPORTER_INFO, EventKind.RATING, EventKind.REOPENED)


def category_list(*, active_only: bool = True) -> QuerySet[Category]:
    qs = Category.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def complaint_list_staff(
    *,
    user: User,
    status: str | None = None,
    category: str | None = None,
    opd: int | None = None,
    privacy: str | None = None,
    overdue: bool | None = None,
    escalated: bool | None = None,
    q: str | None = None,
    created_from: dt.date | None = None,
    created_to: dt.date | None = None,
) -> QuerySet[Complaint]:
    """Staff list: the complaints ``user`` may see, filtered; one query per page."""
    visible = access.staff_filter(user)
    if visible is None:
        return Complaint.objects.none()
    qs = Complaint.objects.filter(visible).select_related(*STAFF_RELATED)
    if status:
        qs = qs.filter(status=status)
    if category:
        qs = qs.filter(category__slug=category)
    if opd:
        qs = qs.filter(opd_id=opd)
    if privacy:
        qs = qs.filter(privacy=privacy)
    if overdue is not None:
        late = Q(status__in=OPEN_STATUSES, due_date__lt=local_today())
        qs = qs.filter(late) if overdue else qs.exclude(late)
    if escalated is not None:
        qs = qs.filter(escalation_level__gt=0) if escalated else qs.filter(escalation_level=0)
    if created_from:
        qs = qs.filter(created_at__gte=local_day_start(created_from))
    if created_to:
        qs = qs.filter(created_at__lt=local_day_start(created_to + dt.timedelta(days=1)))
    if q:  # last: its sparse-match probe then sees every other filter
        qs = text_search(qs, q, audience="staff")
    return qs.order_by("-created_at", "-id")


def complaint_get_staff(*, user: User, pk: int) -> Complaint:
    """One complaint for staff; ``Complaint.DoesNotExist`` when not visible."""
    return complaint_list_staff(user=user).prefetch_related("attachments").get(pk=pk)


def reporter_for_staff(*, user: User, complaint: Complaint) -> ReporterIdentity | None:
    """The reporter's identity as shown in staff screens without a reveal (public complaints only)."""
    if not access.identity_visible_without_reveal(user, complaint):
        return None
    return ReporterIdentity.objects.filter(complaint=complaint).first()


def complaint_public_list(
    *,
    category: str | None = None,
    status: str | None = None,
    opd: int | None = None,
    codes: list[str] | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    q: str | None = None,
) -> QuerySet[Complaint]:
    """Public complaints the public may see (verified, not rejected, not merged); no identity.

    ``q`` searches the public (redacted) text only, ranked: complaints holding every word first, then
    those holding most of them (``complaints.search.ranked_text_search``); otherwise newest first."""
    qs = Complaint.objects.filter(
        privacy=Privacy.PUBLIC, status__in=PUBLIC_STATUSES, merged_into__isnull=True
    ).select_related("category", "opd", "kecamatan", "kelurahan")
    if category:
        qs = qs.filter(category__slug__in=[c for c in category.split(",") if c])
    if status:
        qs = qs.filter(status__in=status if isinstance(status, list | tuple) else [status])
    if opd:
        qs = qs.filter(opd_id=opd)
    if codes is not None:
        qs = qs.filter(tracking_code__in=codes)
    if start:
        qs = qs.filter(created_at__gte=start)
    if end:
        qs = qs.filter(created_at__lte=end)
    qs = ranked_text_search(qs, q, audience="public") if q else qs.order_by("-created_at", "-id")
    return qs.prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.filter(content_type__startswith="image/"))
    )


def complaint_public_get(*, code: str) -> Complaint | None:
    code = normalize_code(code)
    return complaint_public_list().filter(tracking_code=code).first() if code else None


def complaint_track(*, code: str, secret: str) -> Complaint | None:
    """The reporter's own complaint, found by tracking code and secret (any privacy)."""
    code = normalize_code(code)
    if not code:
        return None
    complaint = (
        Complaint.objects.select_related("category", "opd", "merged_into", "merged_into__opd")
        .filter(tracking_code=code)
        .first()
    )
    if complaint is None or not secret_matches(secret, complaint.secret_hash):
        return None
    return complaint


def complaint_timeline(*, complaint: Complaint, audience: str) -> list[ComplaintEvent]:
    """Timeline for ``audience`` "public", "reporter" or "staff" (only staff see internal notes)."""
    qs = ComplaintEvent.objects.filter(complaint=complaint).select_related("opd")
    submitted = ComplaintEvent(
        complaint=complaint, kind=EventKind.SUBMITTED, public=True, status=Status.RECEIVED,
        created_at=complaint.created_at,
    )  # fmt: skip
    if audience == "staff":
        return [submitted, *qs.select_related("actor")]
    if audience == "reporter":
        events = [submitted, *qs.filter(Q(public=True) | Q(kind__in=REPORTER_EVENT_KINDS))]
        if complaint.merged_into_id:
            primary = ComplaintEvent.objects.filter(
                complaint_id=complaint.merged_into_id, public=True, kind__in=(EventKind.ANSWER, EventKind.FOLLOW_UP)
            ).select_related("opd")
            events = sorted([*events, *primary], key=lambda e: (e.created_at, e.pk or 0))
        return events
    if complaint.privacy != Privacy.PUBLIC:
        return []
    return [submitted, *qs.filter(public=True)]


def complaint_attachment_for(*, uuid: str, user: User, code: str = "", secret: str = "") -> Attachment | None:
    """An attachment if the caller may download it: public complaint, staff who see it, or its reporter."""
    att = Attachment.objects.select_related("complaint").filter(uuid=uuid).first()
    if att is None:
        return None
    c = att.complaint
    if c.privacy == Privacy.PUBLIC and c.status in PUBLIC_STATUSES:
        return att
    if access.can_see(user, c):
        return att
    if code and normalize_code(code) == c.tracking_code and secret_matches(secret, c.secret_hash):
        return att
    return None


#: The admin home's complaint to-do groups, in the order shown; each is a filter on the complaints
#: the user may see. A group is offered only to the role that acts on it (``complaint_todo``).
TODO_GROUPS = {
    "overdue": Q(status__in=OPEN_STATUSES),  # narrowed to past-due in ``complaint_todo``
    "to_verify": Q(status=Status.RECEIVED),
    "to_assign": Q(status=Status.VERIFIED),
    "to_follow_up": Q(status__in=(Status.ASSIGNED, Status.IN_PROGRESS)),
    "escalated": Q(status__in=OPEN_STATUSES, escalation_level__gt=0),
}


def complaint_todo(*, user: User, limit: int = 5, today: dt.date | None = None) -> dict[str, dict]:
    """What waits for ``user`` among the complaints they may see, per group: ``{"count", "rows"}``.

    The desk verifies and assigns; an OPD's staff follow up what was assigned to them; the
    Inspectorate watches escalations; everyone sees what is past its deadline. One query for the
    counts and one per non-empty group for its ``limit`` most urgent rows (nearest deadline first),
    whatever the number of complaints.
    """
    visible = access.staff_filter(user)
    if visible is None:
        return {}
    if access.is_desk(user):
        names = ("overdue", "to_verify", "to_assign")
    elif access.is_inspectorate(user):
        names = ("overdue", "escalated")
    else:
        names = ("overdue", "to_follow_up")
    today = today or local_today()
    groups = {name: TODO_GROUPS[name] for name in names}
    groups["overdue"] = groups["overdue"] & Q(due_date__lt=today)
    base = Complaint.objects.filter(visible, merged_into__isnull=True)
    counts = base.aggregate(**{name: Count("pk", filter=q) for name, q in groups.items()})
    todo = {}
    for name, q in groups.items():
        rows = []
        if counts[name]:
            rows = list(
                base.filter(q)
                .select_related("category", "opd")
                .order_by(F("due_date").asc(nulls_last=True), "id")[:limit]
            )
        todo[name] = {"count": counts[name], "rows": rows}
    return todo
