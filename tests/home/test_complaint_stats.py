"""Complaint statistics through the chart providers: charts, tables, downloads, the refreshed snapshot."""

import csv
import io
import json
import threading

import pytest
from django.core.cache import cache

from complaints import stats
from complaints.models import Complaint, Privacy, Status
from complaints.schedules import SCHEDULES
from complaints.tasks import refresh_public_figures
from home import providers
from home.complaint_pages import ComplaintStatsPage
from tests.factories import CategoryFactory, ComplaintFactory, OPDFactory, site_home
from tests.factories.home import _publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def stats_page():
    return _publish(site_home(), ComplaintStatsPage(title="Statistik Pengaduan", slug="statistik-pengaduan"))


@pytest.fixture
def data():
    roads = CategoryFactory(name="Jalan dan jembatan", slug="jalan")
    health = CategoryFactory(name="Kesehatan", slug="kesehatan")
    dpu = OPDFactory(name="Dinas PU")
    ComplaintFactory.create_batch(3, category=roads, opd=dpu, status=Status.ASSIGNED)
    ComplaintFactory(category=health, opd=dpu, status=Status.ANSWERED, privacy=Privacy.RAHASIA, title="RHS-99")
    ComplaintFactory(category=health, status=Status.REJECTED)
    return {"roads": roads, "health": health, "dpu": dpu}


def test_providers_are_registered_for_editors():
    names = {name for name, _label in providers.chart_provider_choices()}
    assert {"pengaduan_per_kategori", "pengaduan_per_opd", "pengaduan_per_status", "pengaduan_per_bulan"} <= names
    figures = {name for name, _label in providers.figure_provider_choices()}
    assert {"pengaduan_jumlah", "pengaduan_tepat_waktu", "pengaduan_median_hari"} <= figures


def test_page_shows_charts_tables_and_downloads(client, stats_page, data):
    r = client.get(stats_page.url)
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="total">4<' in html  # the rejected one does not count
    assert html.count('class="chart-figure"') == 5
    assert html.count('<svg class="chart') == 4  # no stage timestamps yet: the medians chart says "no data"
    assert html.count('class="chart-table"') == 4
    assert "RHS-99" not in html  # a confidential complaint counts, but its row never shows
    assert "max-age=60" in r["Cache-Control"]
    rows = list(
        csv.reader(
            io.StringIO(client.get(stats_page.url + "data/pengaduan_per_kategori/csv/").content.decode("utf-8-sig"))
        )
    )
    assert rows == [["Label", "Pengaduan"], ["Jalan dan jembatan", "3"], ["Kesehatan", "1"]]
    status = json.loads(client.get(stats_page.url + "data/pengaduan_per_status/json/").content)
    assert sorted(status["series"][0]["values"]) == [1.0, 3.0]


def test_provider_chart_block_on_a_standard_page(client, data):
    from tests.factories import make_chart_page

    page = make_chart_page(title="Pengaduan", provider="pengaduan_per_kategori")
    html = client.get(page.url).content.decode()
    assert "Jalan dan jembatan" in html


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_is_flat(client, stats_page, django_assert_max_num_queries, size):
    opds = [OPDFactory() for _ in range(size)]
    categories = [CategoryFactory(slug=f"kat-{n}") for n in range(size)]
    for n in range(size):
        ComplaintFactory(category=categories[n], opd=opds[n], status=Status.ASSIGNED)
    with django_assert_max_num_queries(26):
        r = client.get(stats_page.url)
    assert r.status_code == 200


def test_figures_come_from_the_snapshot_that_the_job_refreshes(client, stats_page, data, settings):
    settings.TIME_ZONE = "Asia/Makassar"
    html = client.get(stats_page.url).content.decode()
    assert 'id="total">4<' in html
    assert "Angka diperbarui setiap beberapa menit; terakhir" in html
    assert "WITA" in html
    complaint = Complaint.objects.filter(status=Status.REJECTED).first()
    complaint.status = Status.RECEIVED
    complaint.save()  # a citizen's change does not rebuild the figures inside a request
    assert 'id="total">4<' in client.get(stats_page.url).content.decode()
    assert refresh_public_figures()  # the scheduled job (every few minutes)
    assert 'id="total">5<' in client.get(stats_page.url).content.decode()


def test_the_refresh_job_is_scheduled_every_few_minutes():
    declared = {s["name"]: s for s in SCHEDULES}
    job = declared["complaints.refresh_public_figures"]
    assert (job["func"], job["schedule_type"], job["minutes"]) == ("complaints.tasks.refresh_public_figures", "I", 5)
    assert stats.MAX_AGE_SECONDS == 3 * 5 * 60


def test_a_missing_snapshot_is_computed_once_while_others_wait(data, django_assert_num_queries):
    """Stampede protection: while one request computes, another waits and reads its result."""
    assert cache.add(stats.FIGURES_LOCK_KEY, "1")  # someone else is computing
    ready = stats.public_figures_compute()
    threading.Timer(0.3, lambda: cache.set(stats.FIGURES_KEY, ready, 60)).start()
    with django_assert_num_queries(0):
        figures = stats.public_figures(wait=5)
    assert figures["computed_at"] == ready["computed_at"]


def test_a_waiting_reader_still_answers_when_the_computing_one_is_gone(data):
    assert cache.add(stats.FIGURES_LOCK_KEY, "1")
    figures = stats.public_figures(wait=0.2)
    assert figures["stats"]["total"] == 4
    assert cache.get(stats.FIGURES_KEY) is None  # answered, not stored: the lock holder stores


def test_desk_dashboard_medians_agree_with_the_public_statistics(data):
    import datetime as dt

    from django.utils import timezone

    from complaints.stats import complaint_dashboard, complaint_public_medians
    from tests.factories import desk_user

    start = timezone.now() - dt.timedelta(days=20)
    for n, status in enumerate([Status.ASSIGNED, Status.ASSIGNED, Status.REJECTED]):
        c = ComplaintFactory(category=data["roads"], status=status)
        Complaint.objects.filter(pk=c.pk).update(created_at=start, verified_at=start + dt.timedelta(days=n + 1))
    stats.public_figures_refresh()
    desk = complaint_dashboard(user=desk_user(username="meja.stat"))
    public = complaint_public_medians()
    assert [(r["stage"], r["median_days"], r["n"]) for r in desk["medians"]] == [
        (r["stage"], r["median_days"], r["n"]) for r in public
    ]
    assert next(r for r in public if r["stage"] == "verification")["median_days"] == 1.5  # the rejected one is out
