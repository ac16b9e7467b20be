import io

import pytest
from django.core.management import call_command

from complaints.models import Category, Complaint, DayOff, ReporterIdentity

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent(settings):
    from tests.complaints.test_pages import _root

    _root()  # a transactional test may have flushed the default site of a reused database
    settings.COMPLAINT_SUBMIT_RATE = (100, 3600)
    call_command("load_demo", stdout=io.StringIO())
    counts = (Category.objects.count(), DayOff.objects.count(), Complaint.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Category.objects.count(), DayOff.objects.count(), Complaint.objects.count()) == counts
    assert counts[0] == 6
    assert counts[2] == 4
    assert ReporterIdentity.objects.count() == 3  # the anonymous sample has none
