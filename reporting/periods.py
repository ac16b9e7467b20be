"""Period arithmetic and deadlines.

Deadlines are moments in the Pemda's own time zone (WIB/WITA/WIT): a report due "10 days
after the quarter ends" is due at 23:59:59.999999 local time on that day, whatever the
server's zone. The period locks after the deadline plus the grace days.
"""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from audit.bulk import bulk_create_tracked

from .models import PERIODS_PER_YEAR, PeriodType, ReportingPeriod

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
MONTHS_ID = [
    _("Januari"), _("Februari"), _("Maret"), _("April"), _("Mei"), _("Juni"),
    _("Juli"), _("Agustus"), _("September"), _("Oktober"), _("November"), _("Desember"),
]  # fmt: skip


def period_bounds(period_type: str, year: int, number: int) -> tuple[dt.date, dt.date]:
    """First and last day of period ``number`` (1-based) of ``year``."""
    count = PERIODS_PER_YEAR[PeriodType(period_type)]
    if not 1 <= number <= count:
        raise ValueError(f"period {number} out of range for {period_type}")
    months = 12 // count
    first_month = (number - 1) * months + 1
    last_month = first_month + months - 1
    last_day = calendar.monthrange(year, last_month)[1]
    return dt.date(year, first_month, 1), dt.date(year, last_month, last_day)


def period_label(period: ReportingPeriod) -> str:
    """Indonesian label: 'Januari 2026', 'Triwulan I 2026', 'Semester II 2026', 'Tahun 2026'."""
    kind, n, year = period.period_type, period.number, period.year
    if kind == PeriodType.MONTHLY:
        return f"{MONTHS_ID[n - 1]} {year}"
    if kind == PeriodType.QUARTERLY:
        return _("Triwulan %(n)s %(year)s") % {"n": ROMAN[n], "year": year}
    if kind == PeriodType.SEMESTER:
        return _("Semester %(n)s %(year)s") % {"n": ROMAN[n], "year": year}
    return _("Tahun %(year)s") % {"year": year}


def periods_ensure(*, period_type: str, year: int) -> list[ReportingPeriod]:
    """The periods of ``year`` of one type, created when missing (idempotent)."""
    existing = {p.number: p for p in ReportingPeriod.objects.filter(period_type=period_type, year=year)}
    created = []
    for number in range(1, PERIODS_PER_YEAR[PeriodType(period_type)] + 1):
        if number not in existing:
            start, end = period_bounds(period_type, year, number)
            created.append(ReportingPeriod(period_type=period_type, year=year, number=number, start=start, end=end))
    if created:
        try:
            with transaction.atomic():
                bulk_create_tracked(ReportingPeriod, created, reason="Periode pelaporan dibuat")
        except IntegrityError:  # another process created them first; read theirs
            pass
        existing = {p.number: p for p in ReportingPeriod.objects.filter(period_type=period_type, year=year)}
    return [existing[n] for n in sorted(existing)]


def period_containing(*, period_type: str, day: dt.date) -> ReportingPeriod:
    """The period of ``period_type`` that contains ``day`` (created when missing)."""
    count = PERIODS_PER_YEAR[PeriodType(period_type)]
    number = (day.month - 1) // (12 // count) + 1
    return next(p for p in periods_ensure(period_type=period_type, year=day.year) if p.number == number)


def local_zone() -> zoneinfo.ZoneInfo:
    """The Pemda's time zone (settings.TIME_ZONE before the Pemda is set up)."""
    from organizations.selectors import current_pemda

    pemda = current_pemda()
    return zoneinfo.ZoneInfo(pemda.timezone if pemda else settings.TIME_ZONE)


def end_of_local_day(day: dt.date, zone: zoneinfo.ZoneInfo | None = None) -> dt.datetime:
    """The last instant of ``day`` in the Pemda's zone, as an aware datetime."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=zone or local_zone())


def deadline_for(*, period: ReportingPeriod, due_days: int, grace_days: int) -> tuple[dt.datetime, dt.datetime]:
    """(due at, locks at) for a period: local end of day ``due_days`` after the period ends."""
    zone = local_zone()
    due_day = period.end + dt.timedelta(days=due_days)
    return end_of_local_day(due_day, zone), end_of_local_day(due_day + dt.timedelta(days=grace_days), zone)
