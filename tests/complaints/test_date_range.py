"""The staff list's date range is read in the Pemda's calendar (WITA) and as a plain range on
``created_at`` (an index serves it; ``created_at__date`` converted every row first)."""

import datetime as dt
import zoneinfo

import pytest

from complaints.models import Complaint
from complaints.selectors import complaint_list_staff
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db
WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def _at(pk, moment):
    Complaint.objects.filter(pk=pk).update(created_at=moment)


def test_the_range_is_whole_days_of_the_pemdas_calendar(world):
    late_on_the_31st = ComplaintFactory(category=world.category)
    early_on_the_1st = ComplaintFactory(category=world.category)
    first_minute = ComplaintFactory(category=world.category)
    _at(late_on_the_31st.pk, dt.datetime(2026, 1, 31, 23, 59, tzinfo=WITA))  # 15.59 UTC: still 31 January
    _at(early_on_the_1st.pk, dt.datetime(2026, 2, 1, 0, 30, tzinfo=WITA))  # 31 January 16.30 UTC
    _at(first_minute.pk, dt.datetime(2026, 1, 1, 0, 0, tzinfo=WITA))

    january = complaint_list_staff(user=world.desk, created_from=dt.date(2026, 1, 1), created_to=dt.date(2026, 1, 31))
    assert set(january.values_list("pk", flat=True)) == {late_on_the_31st.pk, first_minute.pk}
    february = complaint_list_staff(user=world.desk, created_from=dt.date(2026, 2, 1))
    assert list(february.values_list("pk", flat=True)) == [early_on_the_1st.pk]
    assert "::date" not in str(january.query)
    assert "AT TIME ZONE" not in str(january.query)
