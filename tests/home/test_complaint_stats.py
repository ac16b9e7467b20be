"""Complaint statistics through the chart providers: charts, tables, downloads, purge on change."""

import csv
import io
import json

import pytest

from complaints.models import Complaint, Privacy, Status
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


def test_cached_and_purged_when_a_complaint_changes(client, stats_page, data, django_capture_on_commit_callbacks):
    assert 'id="total">4<' in client.get(stats_page.url).content.decode()
    Complaint.objects.filter(status=Status.REJECTED).update(status=Status.RECEIVED)  # bypasses signals
    assert 'id="total">4<' in client.get(stats_page.url).content.decode()  # cached
    complaint = Complaint.objects.filter(status=Status.ASSIGNED).first()
    with django_capture_on_commit_callbacks(execute=True):
        complaint.status = Status.ANSWERED
        complaint.save()
    assert 'id="total">5<' in client.get(stats_page.url).content.decode()
