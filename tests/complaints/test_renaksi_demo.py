"""The demo Renaksi: a labelled demo plan with eight actions across several OPDs, quarterly progress
with cleaned evidence, and its public page; loading twice changes nothing."""

import io

import pytest
from django.core.management import call_command

from complaints.renaksi.demo import PLAN_TITLE
from complaints.renaksi.models import ActionEvidence, ActionPlan, ActionProgress, PlanStatus
from home.renaksi_pages import RenaksiPage
from tests.complaints.test_pages import _root

pytestmark = pytest.mark.django_db


def test_demo_plan_page_and_progress(client, settings):
    _root()  # a transactional test may have flushed the default site of a reused database
    settings.COMPLAINT_SUBMIT_RATE = (100, 3600)
    call_command("load_demo", stdout=io.StringIO())
    counts = (ActionPlan.objects.count(), ActionProgress.objects.count(), RenaksiPage.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (ActionPlan.objects.count(), ActionProgress.objects.count(), RenaksiPage.objects.count()) == counts
    plan = ActionPlan.objects.get(title=PLAN_TITLE)
    assert (plan.status, plan.is_demo, plan.start_year, plan.end_year) == (PlanStatus.ACTIVE, True, 2025, 2027)
    assert plan.actions.count() == 8
    assert plan.actions.values("opd").distinct().count() >= 5
    assert ActionEvidence.objects.count() == ActionProgress.objects.count() > 0
    page = RenaksiPage.objects.live().get()
    html = client.get(page.url).content.decode()
    assert PLAN_TITLE in html
    assert 'id="renaksi-demo"' in html  # labelled as demo data
    assert html.count('class="renaksi-action status-') == 8
