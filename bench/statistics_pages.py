"""The public complaint statistics page and the staff complaint dashboard at ``BENCH_COMPLAINTS``
(default 1,000,000) complaints: issue 15's target is a p95 under 100 ms for both.

Both are served from snapshots: the public figures from the one a scheduled job refreshes (its cost
is printed once, as the job pays it), the dashboard from the one kept per visibility (the first view
computes it under a lock, later views within ``FRESH_SECONDS`` read it; a stale one is served while a
job recomputes it). The page is rendered with the page cache off, so the figure is the render from
the snapshot, not a cache hit. The rows are seeded as ``bench complaints_api`` seeds them.
"""

import os
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Site

from complaints.dashboard import dashboard_snapshot
from complaints.stats import public_figures_refresh
from home.complaint_pages import ComplaintStatsPage
from organizations.roles import GlobalRole

from .complaints_api import seed_complaints

SIZE = int(os.environ.get("BENCH_COMPLAINTS", "1000000"))
ROUNDS = int(os.environ.get("BENCH_CASE_ROUNDS", "20"))


def _get(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


def run(report) -> None:
    seed_complaints(report, SIZE)

    root = Site.objects.get(is_default_site=True).root_page
    page = root.add_child(instance=ComplaintStatsPage(title="Statistik pengaduan (bench)", slug="statistik-bench"))
    page.save_revision().publish()
    desk = get_user_model().objects.create_user("bench-desk-stats", password=None)
    desk.groups.add(Group.objects.get(name=str(GlobalRole.COMPLAINT_DESK)))

    started = time.perf_counter()
    public_figures_refresh()
    report.note(f"the scheduled job's refresh of the public figures: {(time.perf_counter() - started) * 1000:.0f} ms")
    started = time.perf_counter()
    dashboard_snapshot(user=desk, refresh=True)
    report.note(
        f"one dashboard snapshot computed (the first view, or the job): {(time.perf_counter() - started) * 1000:.0f} ms"
    )

    with override_settings(PAGE_CACHE_ENABLED=False):
        citizen = Client()
        report.measure(
            "public statistics page (from the snapshot)",
            SIZE,
            lambda: _get(citizen, page.url),
            rounds=ROUNDS,
            target_ms=100,
        )
        staff = Client()
        staff.force_login(desk)
        dashboard = reverse("complaints_dashboard")
        report.measure(
            "staff dashboard (from the snapshot)", SIZE, lambda: _get(staff, dashboard), rounds=ROUNDS, target_ms=100
        )
