"""The public Serap page: charts, tables, CSV/JSON, no personal data, constant queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from budget.models import ContractParty, Provider
from home.budget_pages import BudgetResultsPage
from tests.factories import budget_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_page(on_budget_day):
    home = Site.objects.get(is_default_site=True).root_page
    page = BudgetResultsPage(title="Serapan Anggaran", slug="serapan")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_public_page_shows_charts_tables_and_downloads(world, public_page):
    Provider.objects.filter(pk=Provider.objects.filter(contracts__isnull=False).order_by("pk").first().pk).update(
        is_individual=True
    )  # audit: bulk-ok
    client = Client()
    html = client.get(public_page.url).content.decode()
    for text in ("Serapan anggaran per OPD", "Daftar kontrak", "<svg", "Dinas Kesehatan", "Penyedia perorangan"):
        assert text in html
    individual = Provider.objects.get(is_individual=True)
    for personal in (individual.name, individual.npwp, "+62", *ContractParty.objects.values_list("name", flat=True)):
        assert personal not in html
    csv = client.get(f"{public_page.url}data/kontrak/csv/")
    assert csv.status_code == 200
    assert "Nomor kontrak" in csv.content.decode("utf-8-sig")
    data = client.get(f"{public_page.url}data/opd/json/").json()
    assert {row["opd"] for row in data["rows"]} >= {"Dinas Kesehatan"}


def test_public_page_queries_do_not_grow(on_budget_day, public_page):
    client = Client()
    budget_world(opds=2, with_contracts=1)
    client.get(public_page.url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(public_page.url).status_code == 200
    budget_world(opds=6, with_contracts=4)
    with CaptureQueriesContext(connection) as large:
        assert client.get(public_page.url).status_code == 200
    assert len(small) == len(large)
