"""Working days and stage deadlines (SP4N-LAPOR, Perpres 76/2013 and PermenPANRB 62/2018).

Working days exclude Saturdays, Sundays, Indonesian national holidays (``holidays``,
country ``ID``) and the Pemda's extra days off (``DayOff``: cuti bersama, local holidays).
A deadline of *n* working days after day *d* is the *n*-th working day after *d* (the day
of receipt does not count); an item is late on the day after its deadline. The counting is
``organizations.workdays`` (shared with budget); ``DayOff`` is registered there as the Pemda's days off.
"""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from organizations import workdays

from .models import DayOff, Handling

#: Working days per stage, from shared/domain/bands.json ``lapor_deadlines_working_days``
#: (verified). ``settings.COMPLAINT_DEADLINES`` may override them per installation.
LAPOR_DEADLINES = {
    "verification": 3,
    Handling.SIMPLE: 5,
    Handling.NO_INSPECTION: 14,
    Handling.INSPECTION: 60,
}

DAYS_OFF_CACHE_KEY = "sepakat:complaints:days-off:v1"


def deadline_days(stage: str) -> int:
    return {**LAPOR_DEADLINES, **settings.COMPLAINT_DEADLINES}[stage]


def pemda_days_off() -> frozenset[dt.date]:
    """The ``DayOff`` rows as dates (cached; the signals forget it on change). Registered with
    ``organizations.workdays`` in ``ComplaintsConfig.ready`` as the Pemda's days off for every app."""
    days = cache.get(DAYS_OFF_CACHE_KEY)
    if days is None:
        days = frozenset(DayOff.objects.values_list("date", flat=True))
        cache.set(DAYS_OFF_CACHE_KEY, days, 600)
    return days


def forget_days_off() -> None:
    cache.delete(DAYS_OFF_CACHE_KEY)


def is_working_day(day: dt.date, *, extra: frozenset[dt.date] | None = None) -> bool:
    return workdays.is_working_day(day, days_off=extra)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The ``days``-th working day after ``start``."""
    return workdays.add_working_days(start, days)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    return workdays.working_days_between(start, end)


def _pemda_tz():
    from organizations.selectors import current_pemda

    pemda = current_pemda()
    return zoneinfo.ZoneInfo(pemda.timezone) if pemda else timezone.get_current_timezone()


def local_date(moment: dt.datetime) -> dt.date:
    """The Pemda's calendar date of ``moment`` (jobs have no request to activate its zone)."""
    return timezone.localdate(moment, _pemda_tz())


def local_today() -> dt.date:
    return local_date(timezone.now())


def local_day_start(day: dt.date) -> dt.datetime:
    """The first moment of ``day`` in the Pemda's zone (aware). Filter ``created_at >= start of
    the first day`` and ``< start of the day after the last``: an index on ``created_at`` serves that,
    while ``created_at__date`` converts every row's time first (0.7 s at a million complaints)."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=_pemda_tz())


def stage_due_date(*, stage: str, start: dt.date) -> dt.date:
    return add_working_days(start, deadline_days(stage))
