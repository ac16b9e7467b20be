"""The public site's demo content loads, renders, and loads again without duplicates."""

import io

import pytest
from django.core.management.color import no_style

from home.documents import SepakatDocument
from home.models import DocumentLibraryPage, NewsPage

pytestmark = pytest.mark.django_db


def test_demo_content_is_idempotent_and_served(client):
    from home import demo as home_demo
    from organizations import demo as org_demo

    for _ in range(2):
        org_demo.load(stdout=io.StringIO(), style=no_style())
        home_demo.load(stdout=io.StringIO(), style=no_style())
    assert NewsPage.objects.live().count() == 3
    assert SepakatDocument.objects.count() == 3
    library = DocumentLibraryPage.objects.get()
    html = client.get(library.url, {"year": "2025"}).content.decode()
    assert "Renstra Dinas Kesehatan 2025-2029" in html
    assert "Ringkasan LPPD Kabupaten Nunukan Tahun 2024" not in html
    home = client.get("/").content.decode()
    assert '<svg class="chart chart-donut"' in home
    assert "Pelayanan Kesehatan Keliling" in home
    found = client.get("/search/", {"query": "kesehatan"}).content.decode()
    assert "Renstra Dinas <mark>Kesehatan</mark>" in found
