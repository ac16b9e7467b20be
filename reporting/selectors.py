"""Reads of periodic reports, already restricted to the user and already joined.

OPD members see their own OPDs' reports only (not their subtree, not other OPDs);
Pemda-wide readers (Editor Kominfo, Reviewer Bappeda, Inspektorat, Auditor, superuser)
see every report; anonymous users none. Public pages read ``published_submissions`` and
``public_answers`` only.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Case, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from organizations.models import Membership
from organizations.roles import GlobalRole
from organizations.selectors import has_global_role

from .models import ReportingPeriod, Submission, SubmissionStatus
from .periods import local_zone
from .permissions import can_publish, has_review_queue

#: Global roles that read every OPD's reports.
READER_ROLES = (GlobalRole.KOMINFO_EDITOR, GlobalRole.BAPPEDA_REVIEWER, GlobalRole.INSPECTORATE, GlobalRole.AUDITOR)


def _joined(qs: QuerySet[Submission]) -> QuerySet[Submission]:
    return qs.select_related("assignment", "assignment__form", "period", "opd", "form_version")


def visible_submissions(*, user) -> QuerySet[Submission]:
    """OPD members: their OPDs; Pemda-wide readers: all; anonymous: none."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Submission.objects.none()
    qs = Submission.objects.all()
    if not has_global_role(user, *READER_ROLES):
        qs = qs.filter(opd_id__in=Membership.objects.filter(user=user).values("opd_id"))
    return _joined(qs)


def submission_get(*, user, pk: int) -> Submission:
    """One visible submission, or ``Http404`` (never "exists but forbidden")."""
    return get_object_or_404(visible_submissions(user=user), pk=pk)


def my_current_submissions(*, user, today: dt.date | None = None) -> QuerySet[Submission]:
    """The reports the user's OPDs are working on now.

    Those of active assignments whose period has started and that are still open: not
    locked yet (or reopened), or returned for fixing. Work still to do comes first (verified and
    published reports last), the current period's before older ones, then the earliest deadline.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return Submission.objects.none()
    if today is None:
        now = timezone.now()
        today = now.astimezone(local_zone()).date()
    else:
        now = dt.datetime.combine(today, dt.time.min, tzinfo=local_zone())
    open_now = Q(locks_at__gt=now) | Q(reopened_until__gt=now) | Q(status=SubmissionStatus.RETURNED)
    qs = Submission.objects.filter(
        open_now,
        opd_id__in=Membership.objects.filter(user=user).values("opd_id"),
        assignment__is_active=True,
        period__start__lte=today,
    )
    finished = Case(
        When(status__in=[SubmissionStatus.VERIFIED, SubmissionStatus.PUBLISHED], then=Value(1)), default=Value(0)
    )
    current = Case(When(period__start__lte=today, period__end__gte=today, then=Value(0)), default=Value(1))
    return (
        _joined(qs)
        .annotate(_finished=finished, _current=current)
        .order_by("_finished", "_current", "-period__start", "due_at", "opd__name", "pk")
    )


def published_submissions(
    *, form, period: ReportingPeriod | None = None, year: int | None = None
) -> QuerySet[Submission]:
    """Published reports of a form (for public pages): status published only."""
    qs = Submission.objects.filter(status=SubmissionStatus.PUBLISHED, assignment__form=form)
    if period is not None:
        qs = qs.filter(period=period)
    if year is not None:
        qs = qs.filter(period__year=year)
    return _joined(qs).order_by("period__start", "opd__name", "pk")


def public_fields(schema: dict) -> dict[str, Any]:
    """Top-level key -> ``True`` (whole value) or a list of public table columns.

    A field is public when the version marks it ``public``; a table's columns are public
    when the table or the column is. File fields never are, whatever the flag says.
    """
    result: dict[str, Any] = {}
    for spec in schema.get("fields") or []:
        children = (spec.get("fields") or []) if spec.get("type") == "section" else [spec]
        for child in children:
            kind = child.get("type")
            if kind in ("file", "section", "heading"):
                continue
            if kind == "table":
                columns = [
                    c["key"]
                    for c in child.get("columns") or []
                    if c.get("type") not in ("file", "heading") and (child.get("public") or c.get("public"))
                ]
                if columns:
                    result[child["key"]] = columns
            elif child.get("public"):
                result[child["key"]] = True
    return result


def public_answers(*, submission: Submission) -> dict:
    """Only the fields the version marks public; never files, attachments or private fields."""
    if submission.form_version is None:
        return {}
    answers = submission.answers or {}
    out: dict[str, Any] = {}
    for key, rule in public_fields(submission.form_version.schema).items():
        value = answers.get(key)
        if rule is True:
            if isinstance(value, dict):  # only file metadata is a dict; never public
                continue
            out[key] = value
        else:
            rows = value if isinstance(value, list) else []
            out[key] = [{c: row.get(c) for c in rule} for row in rows if isinstance(row, dict)]
    return out


def review_queue(*, user, limit: int) -> list[Submission]:
    """Reports waiting for this user's review: submitted ones, and verified ones for publishers.

    Empty for a user without a review queue; oldest submission first, at most ``limit``.
    """
    if not has_review_queue(user):
        return []
    statuses = [SubmissionStatus.SUBMITTED]
    if can_publish(user):
        statuses.append(SubmissionStatus.VERIFIED)
    return list(visible_submissions(user=user).filter(status__in=statuses).order_by("submitted_at", "pk")[:limit])


def my_todo(*, user, limit: int = 10, now: dt.datetime | None = None) -> dict[str, list[Submission]]:
    """The admin home to-do: the user's OPDs' reports overdue, due, returned, and waiting for
    verification (``my_current_submissions``), and the reports waiting for the user's review.

    A constant number of queries whatever the number of reports; each list at most ``limit``.
    """
    now = now or timezone.now()
    todo: dict[str, list[Submission]] = {"overdue": [], "due": [], "returned": [], "submitted": []}
    for sub in my_current_submissions(user=user):
        if sub.status == SubmissionStatus.RETURNED:
            todo["returned"].append(sub)
        elif sub.status == SubmissionStatus.SUBMITTED:
            todo["submitted"].append(sub)
        elif sub.status in (SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT):
            todo["overdue" if sub.due_at < now else "due"].append(sub)
    todo = {name: rows[:limit] for name, rows in todo.items()}
    todo["review"] = review_queue(user=user, limit=limit)
    return todo
