"""THE status rule of a Renaksi action, and the quarterly reporting calendar.

An action's status follows from its latest reported percent (cumulative, the latest year and
quarter reported) and its due date, on the Pemda's calendar day:

- ``selesai``: the latest report says 100 %;
- ``terlambat``: past its due date and not 100 %;
- ``berjalan``: not past due, some progress (latest percent above 0);
- ``belum_mulai``: not past due, no report yet or 0 %.

``action_status`` decides it for one action in Python; ``status_filter`` is the same rule as a
query filter over ``with_latest_percent`` (the admin list filter). Tests hold the two to agree; the
public doors (page, REST ``?status=``, GraphQL) read ``action_status`` through ``public.plan_data``.
Nothing else decides a status.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from .models import ActionProgress

#: A quarter's progress is due on this day of the month after the quarter (the 10th).
PROGRESS_DUE_DAY = 10
#: Reminders go out this many days before a quarter's progress is due.
REMINDER_DAYS_BEFORE = 14


class ActionStatus(models.TextChoices):
    NOT_STARTED = "belum_mulai", _("Belum mulai")
    IN_PROGRESS = "berjalan", _("Berjalan")
    DONE = "selesai", _("Selesai")
    LATE = "terlambat", _("Terlambat")


def action_status(*, due_date: dt.date, latest_percent: int | None, today: dt.date) -> ActionStatus:
    """The status of an action from its due date and latest percent (None: nothing reported)."""
    percent = latest_percent or 0
    if percent >= 100:
        return ActionStatus.DONE
    if due_date < today:
        return ActionStatus.LATE
    return ActionStatus.IN_PROGRESS if percent > 0 else ActionStatus.NOT_STARTED


def with_latest_percent(actions: QuerySet) -> QuerySet:
    """Annotate ``latest_percent`` (None when nothing is reported): one subquery, any list size."""
    latest = ActionProgress.objects.filter(action=OuterRef("pk")).order_by("-year", "-quarter").values("percent")[:1]
    return actions.annotate(latest_percent=Subquery(latest))


def status_filter(status: str, *, today: dt.date) -> Q:
    """``action_status`` as a filter over ``with_latest_percent`` (an unknown status matches nothing)."""
    done = Q(latest_percent__gte=100)
    late = Q(due_date__lt=today) & (Q(latest_percent__lt=100) | Q(latest_percent__isnull=True))
    current = Q(due_date__gte=today) & (Q(latest_percent__lt=100) | Q(latest_percent__isnull=True))
    started = Q(latest_percent__gt=0)
    nothing = Q(latest_percent__isnull=True) | Q(latest_percent=0)  # not ~started: NULL > 0 is NULL
    return {
        ActionStatus.DONE: done,
        ActionStatus.LATE: late,
        ActionStatus.IN_PROGRESS: current & started,
        ActionStatus.NOT_STARTED: current & nothing,
    }.get(status, Q(pk__in=[]))


def status_of(action, *, today: dt.date) -> ActionStatus:
    """The status of an action annotated by ``with_latest_percent``."""
    return action_status(due_date=action.due_date, latest_percent=action.latest_percent, today=today)


# --- the quarterly calendar --------------------------------------------------------------------


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> dt.date:
    return dt.date(year, 3 * (quarter - 1) + 1, 1)


def progress_due_date(year: int, quarter: int) -> dt.date:
    """The day a quarter's progress report is due: the 10th of the month after the quarter."""
    if quarter == 4:
        return dt.date(year + 1, 1, PROGRESS_DUE_DAY)
    return dt.date(year, 3 * quarter + 1, PROGRESS_DUE_DAY)


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def reporting_quarter(today: dt.date) -> tuple[int, int] | None:
    """The quarter whose report falls due within ``REMINDER_DAYS_BEFORE`` days of ``today``
    (the quarter just ended, or the one ending), or None between reminder windows."""
    current = quarter_of(today)
    for year, quarter in (previous_quarter(*current), current):
        due = progress_due_date(year, quarter)
        if today <= due <= today + dt.timedelta(days=REMINDER_DAYS_BEFORE):
            return year, quarter
    return None


def quarter_choices_for(plan, *, today: dt.date) -> list[tuple[int, int]]:
    """(year, quarter) an OPD may report for in ``plan``: started quarters of the plan's years."""
    out = []
    for year in plan.years:
        for quarter in range(1, 5):
            if quarter_start(year, quarter) <= today:
                out.append((year, quarter))
    return out
