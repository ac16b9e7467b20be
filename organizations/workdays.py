"""Working days for every app: weekdays that are not Indonesian national holidays nor the Pemda's days off.

Neutral (no app of ours imported): the caller passes the Pemda's extra days off (cuti bersama, local
holidays) it keeps. National holidays come from ``holidays`` (country ``ID``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def national_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("ID", years=year).keys())


def is_working_day(day: dt.date, *, days_off: frozenset[dt.date] = frozenset()) -> bool:
    return day.weekday() < 5 and day not in national_holidays(day.year) and day not in days_off


def working_days_between(start: dt.date, end: dt.date, *, days_off: frozenset[dt.date] = frozenset()) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, days_off=days_off):
            count += 1
    return count
