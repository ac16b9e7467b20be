"""Periods: bounds, Indonesian labels, and deadlines at the Pemda's local end of day."""

import datetime as dt
import zoneinfo

import pytest
from django.core.cache import cache

from organizations.models import TimeZone
from reporting.models import PeriodType, ReportingPeriod
from reporting.periods import deadline_for, period_bounds, period_containing, period_label, periods_ensure
from tests.factories import PemdaFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("period_type", "number", "start", "end"),
    [
        (PeriodType.MONTHLY, 2, dt.date(2028, 2, 1), dt.date(2028, 2, 29)),  # leap year
        (PeriodType.MONTHLY, 12, dt.date(2028, 12, 1), dt.date(2028, 12, 31)),
        (PeriodType.QUARTERLY, 1, dt.date(2028, 1, 1), dt.date(2028, 3, 31)),
        (PeriodType.QUARTERLY, 3, dt.date(2028, 7, 1), dt.date(2028, 9, 30)),
        (PeriodType.SEMESTER, 2, dt.date(2028, 7, 1), dt.date(2028, 12, 31)),
        (PeriodType.ANNUAL, 1, dt.date(2028, 1, 1), dt.date(2028, 12, 31)),
    ],
)
def test_period_bounds(period_type, number, start, end):
    assert period_bounds(period_type, 2028, number) == (start, end)


@pytest.mark.parametrize(("period_type", "number"), [(PeriodType.QUARTERLY, 5), (PeriodType.SEMESTER, 0)])
def test_period_bounds_refuses_out_of_range(period_type, number):
    with pytest.raises(ValueError, match="out of range"):
        period_bounds(period_type, 2026, number)


def test_labels_are_indonesian():
    labels = {
        (p.period_type, p.number): str(period_label(p))
        for kind in PeriodType
        for p in periods_ensure(period_type=kind, year=2026)
    }
    assert labels[(PeriodType.MONTHLY, 8)] == "Agustus 2026"
    assert labels[(PeriodType.QUARTERLY, 2)] == "Triwulan II 2026"
    assert labels[(PeriodType.SEMESTER, 1)] == "Semester I 2026"
    assert labels[(PeriodType.ANNUAL, 1)] == "Tahun 2026"


def test_periods_ensure_is_idempotent_and_containing_finds_the_period():
    first = periods_ensure(period_type=PeriodType.QUARTERLY, year=2026)
    again = periods_ensure(period_type=PeriodType.QUARTERLY, year=2026)
    assert [p.pk for p in first] == [p.pk for p in again]
    assert ReportingPeriod.objects.filter(period_type=PeriodType.QUARTERLY, year=2026).count() == 4
    q3 = period_containing(period_type=PeriodType.QUARTERLY, day=dt.date(2026, 8, 17))
    assert (q3.number, q3.start, q3.end) == (3, dt.date(2026, 7, 1), dt.date(2026, 9, 30))


@pytest.mark.parametrize(
    ("zone", "utc_hour"),
    [(TimeZone.WITA, 15), (TimeZone.WIB, 16), (TimeZone.WIT, 14)],
)
def test_deadline_is_local_end_of_day_in_the_pemdas_zone(zone, utc_hour):
    PemdaFactory(timezone=zone)
    q1 = periods_ensure(period_type=PeriodType.QUARTERLY, year=2026)[0]  # ends 31 March
    due_at, locks_at = deadline_for(period=q1, due_days=10, grace_days=5)
    local = due_at.astimezone(zoneinfo.ZoneInfo(zone))
    assert (local.date(), local.hour, local.minute) == (dt.date(2026, 4, 10), 23, 59)
    as_utc = due_at.astimezone(dt.UTC)
    assert (as_utc.date(), as_utc.hour) == (dt.date(2026, 4, 10), utc_hour)
    assert locks_at - due_at == dt.timedelta(days=5)


def test_wita_deadline_passes_an_hour_before_the_wib_one():
    q1 = periods_ensure(period_type=PeriodType.QUARTERLY, year=2026)[0]
    pemda = PemdaFactory(timezone=TimeZone.WITA)
    wita_due, _ = deadline_for(period=q1, due_days=10, grace_days=0)
    pemda.timezone = TimeZone.WIB
    pemda.save()
    cache.clear()
    wib_due, _ = deadline_for(period=q1, due_days=10, grace_days=0)
    assert wib_due - wita_due == dt.timedelta(hours=1)
