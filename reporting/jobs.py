"""django-q2 jobs for report deadlines: reminders before the due date, notices after it.

Both run hourly (declared in ``reporting.schedules``), so a reminder day starts within the hour after local
midnight in the Pemda's zone. They are safe to run twice, on two workers at once, or after
a pause: every notice has a dedupe key (``notices``), and keys already sent are
looked up in one query per run so a repeated run writes nothing. Query counts do not grow
with the number of submissions read (members are prefetched); only the notices actually
created cost writes.

Reminders: an open submission (not started, draft, returned) of an active assignment gets
the reminder for each day in ``Assignment.reminder_days`` once, counted in local days before
the due day. A run that comes late (the worker was down) sends the most urgent reminder due
by now and never the older ones.

Overdue: an unsubmitted report past ``due_at`` gets one overdue notice, and a second one
("the period locked") after ``locks_at``, unless it was reopened. Deadlines older than
``REPORT_NOTICE_WINDOW_DAYS`` (default 30) are left alone, so enabling the jobs on an old
database does not flood OPDs with notices about last year.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.jobs import audited_job
from notifications.models import Notification

from . import notices
from .models import Assignment, Submission, SubmissionStatus
from .periods import end_of_local_day, local_zone

logger = logging.getLogger(__name__)


OPEN_STATUSES = (SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
UNSUBMITTED_STATUSES = (SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT)
_KEY_CHUNK = 500


def notice_window() -> dt.timedelta:
    return dt.timedelta(days=getattr(settings, "REPORT_NOTICE_WINDOW_DAYS", 30))


def _submissions(statuses: Iterable[str]) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(status__in=list(statuses), assignment__is_active=True, opd__is_active=True)
        .select_related("assignment__form", "period", "opd")
        .prefetch_related(notices.memberships_prefetch())
        .order_by("due_at", "pk")
    )


def _sent_keys(keys: list[str]) -> set[str]:
    """Dedupe keys that already have a notification (one query per 500 keys)."""
    sent: set[str] = set()
    for start in range(0, len(keys), _KEY_CHUNK):
        chunk = keys[start : start + _KEY_CHUNK]
        sent.update(Notification.objects.filter(dedupe_key__in=chunk).values_list("dedupe_key", flat=True))
    return sent


def _reminder_days(value) -> list[int]:
    """The valid days of an assignment's ``reminder_days`` (admins type this JSON list)."""
    days = set()
    for item in value or []:
        try:
            day = int(item)
        except (TypeError, ValueError):
            continue
        if 0 <= day <= 366:
            days.add(day)
    return sorted(days)


def _send_each(plan: list[tuple[Submission, str, Callable[[], int]]], sent: set[str], counts: dict, name: str) -> None:
    for submission, key, send in plan:
        if key in sent:
            continue
        try:
            counts[name] += 1 if send() else 0
        except Exception:  # one broken report must not stop the others; the next run retries it
            logger.exception("report notice %s failed for submission %s", key, submission.pk)
            counts["failed"] += 1


@audited_job("send_report_reminders")
def send_due_reminders(now: dt.datetime | None = None) -> dict[str, int]:
    """Send the reminders due by ``now`` (default: now). Returns counts for the task result."""
    now = now or timezone.now()
    zone = local_zone()
    today = now.astimezone(zone).date()
    counts = {"reminders": 0, "failed": 0}
    configured = Assignment.objects.filter(is_active=True).values_list("reminder_days", flat=True)
    horizons = [max(days) for days in map(_reminder_days, configured) if days]
    if not horizons:
        return counts
    horizon = max(horizons)
    candidates = _submissions(OPEN_STATUSES).filter(
        due_at__gte=now, due_at__lte=end_of_local_day(today + dt.timedelta(days=horizon), zone)
    )
    plan = []
    for submission in candidates:
        left = (notices.local_day(submission.due_at, zone) - today).days
        due = [d for d in _reminder_days(submission.assignment.reminder_days) if d >= left]
        if not due:
            continue
        day = min(due)  # the most urgent reminder reached; older ones are not sent late

        def send(submission=submission, day=day) -> int:
            return notices.remind_due(submission=submission, days_before=day, today=today, zone=zone)

        plan.append((submission, notices.reminder_key(submission, day, zone), send))
    _send_each(plan, _sent_keys([key for _, key, _ in plan]), counts, "reminders")
    return counts


@audited_job("send_report_overdue_notices")
def send_overdue_notices(now: dt.datetime | None = None) -> dict[str, int]:
    """Overdue notices (past due, before the lock) and locked notices (past the lock)."""
    now = now or timezone.now()
    zone = local_zone()
    since = now - notice_window()
    counts = {"overdue": 0, "locked": 0, "failed": 0}
    not_reopened = Q(reopened_until__isnull=True) | Q(reopened_until__lt=now)
    late = _submissions(UNSUBMITTED_STATUSES).filter(
        Q(due_at__lt=now, due_at__gte=since, locks_at__gt=now)
        | (Q(locks_at__lte=now, locks_at__gte=since) & not_reopened)
    )
    overdue, locked = [], []
    for submission in late:
        if submission.locks_at > now:

            def send(submission=submission) -> int:
                return notices.notify_overdue(submission=submission, zone=zone)

            overdue.append((submission, notices.overdue_key(submission, zone), send))
        else:

            def send(submission=submission) -> int:
                return notices.notify_locked(submission=submission, zone=zone)

            locked.append((submission, notices.locked_key(submission, zone), send))
    sent = _sent_keys([key for _, key, _ in overdue + locked])
    _send_each(overdue, sent, counts, "overdue")
    _send_each(locked, sent, counts, "locked")
    return counts
