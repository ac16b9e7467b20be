"""Working days for every app: weekdays that are not Indonesian national holidays nor the Pemda's days off.

The one service complaints (LAPOR deadlines) and budget (late administrative stages) count with.
National holidays come from ``holidays`` (country ``ID``). The Pemda's own days off (cuti bersama,
local holidays) are data kept by another app (today ``complaints.DayOff``, edited under
*Pengaduan → Cuti bersama*); ``organizations`` may import no app of ours, so that app **registers**
a source at start-up::

    # complaints/apps.py, ComplaintsConfig.ready()
    register_days_off_source("complaints", pemda_days_off)

A source is a function returning a ``frozenset`` of dates (it does its own caching); every registered
source is read and their union is the Pemda's days off. A caller that passes ``days_off`` explicitly
counts with exactly those (tests, a what-if); ``days_off=None`` (the default) means "the Pemda's".
Moving ``DayOff`` into ``organizations`` later only changes who registers the source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache

import holidays

DaysOffSource = Callable[[], frozenset[dt.date]]
_SOURCES: dict[str, DaysOffSource] = {}


def register_days_off_source(name: str, source: DaysOffSource) -> None:
    """Register (or replace, by ``name``) a source of the Pemda's days off."""
    _SOURCES[name] = source


def pemda_days_off() -> frozenset[dt.date]:
    """Every registered source's days off (cuti bersama, local holidays), as one set."""
    days: frozenset[dt.date] = frozenset()
    for source in _SOURCES.values():
        days |= source()
    return days


@lru_cache(maxsize=64)
def national_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("ID", years=year).keys())


def _resolve(days_off: frozenset[dt.date] | None) -> frozenset[dt.date]:
    return pemda_days_off() if days_off is None else days_off


def is_working_day(day: dt.date, *, days_off: frozenset[dt.date] | None = None) -> bool:
    return day.weekday() < 5 and day not in national_holidays(day.year) and day not in _resolve(days_off)


def working_days_between(start: dt.date, end: dt.date, *, days_off: frozenset[dt.date] | None = None) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end <= start``)."""
    off = _resolve(days_off)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, days_off=off):
            count += 1
    return count


def add_working_days(start: dt.date, days: int, *, days_off: frozenset[dt.date] | None = None) -> dt.date:
    """The ``days``-th working day after ``start`` (the start day itself does not count)."""
    off = _resolve(days_off)
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, days_off=off):
            left -= 1
    return day
