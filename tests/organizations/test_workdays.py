"""The one working-day service: weekends, national holidays and the registered Pemda days off."""

import datetime as dt

import pytest

from organizations import workdays

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra_source():
    """A second registered source (as another app would add), removed afterwards."""
    days = {dt.date(2026, 12, 23)}
    workdays.register_days_off_source("test.extra", lambda: frozenset(days))
    yield days
    workdays._SOURCES.pop("test.extra", None)


def test_complaints_registers_its_days_off_at_start_up():
    assert "complaints.DayOff" in workdays._SOURCES


def test_registered_sources_are_united_and_explicit_days_off_replace_them(extra_source):
    from tests.factories import DayOffFactory

    DayOffFactory(date=dt.date(2026, 12, 24), name="Cuti bersama Hari Raya Natal")
    assert workdays.pemda_days_off() >= {dt.date(2026, 12, 23), dt.date(2026, 12, 24)}
    # Tue 22 → Mon 28: Wed 23 (extra source), Thu 24 (DayOff), Fri 25 Christmas, weekend, Mon 28.
    assert workdays.working_days_between(dt.date(2026, 12, 22), dt.date(2026, 12, 28)) == 1
    assert workdays.working_days_between(dt.date(2026, 12, 22), dt.date(2026, 12, 28), days_off=frozenset()) == 3
    assert workdays.add_working_days(dt.date(2026, 12, 22), 1) == dt.date(2026, 12, 28)
    assert not workdays.is_working_day(dt.date(2026, 12, 24))
    assert workdays.is_working_day(dt.date(2026, 12, 24), days_off=frozenset())
