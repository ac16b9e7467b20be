"""The headless pages API (/api/v2/): only live, public pages and public documents, public fields."""

import pytest
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import make_document, make_news, make_news_index, make_standard_page

pytestmark = pytest.mark.django_db


def test_pages_api_is_open_to_anonymous_readers_and_lists_only_live_public_pages(client):
    index = make_news_index()
    public = make_news(index, title="Berita publik", intro="Ringkasan publik")
    make_news(index, title="Draf berita", live=False)
    private = make_standard_page(title="Halaman internal")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    response = client.get("/api/v2/pages/", {"limit": 20})
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert "Berita publik" in titles
    assert "Draf berita" not in titles
    assert "Halaman internal" not in titles
    assert client.get(f"/api/v2/pages/{private.pk}/").status_code == 404

    detail = client.get(f"/api/v2/pages/{public.pk}/").json()
    assert detail["intro"] == "Ringkasan publik"
    assert detail["date"] == public.date.isoformat()
    assert detail["body"][0]["type"] == "paragraph"
    assert "owner" not in detail
    assert "latest_revision" not in detail


def test_pages_api_type_filter_and_fields(client):
    index = make_news_index()
    make_news(index, title="Satu")
    response = client.get("/api/v2/pages/", {"type": "home.NewsPage", "fields": "date,intro"})
    item = response.json()["items"][0]
    assert item["title"] == "Satu"
    assert "date" in item
    assert "intro" in item
    bad = client.get("/api/v2/pages/", {"type": "home.TidakAda"})
    assert bad.status_code == 400


def test_documents_api_hides_private_collections_and_exposes_metadata(client):
    secret = Collection.get_first_root_node().add_child(name="Internal")
    CollectionViewRestriction.objects.create(collection=secret, restriction_type="password", password="x")
    public = make_document(title="LKjIP 2025", year=2025, kind="lkjip", description="Laporan kinerja")
    hidden = make_document(title="Draf internal", collection=secret)
    items = client.get("/api/v2/documents/", {"fields": "year,kind,description"}).json()["items"]
    assert [i["title"] for i in items] == ["LKjIP 2025"]
    assert items[0]["year"] == 2025
    assert items[0]["kind"] == "lkjip"
    assert items[0]["meta"]["download_url"].endswith(public.url)
    assert client.get(f"/api/v2/documents/{hidden.pk}/").status_code == 404


def test_images_api_answers_anonymous_readers(client):
    assert client.get("/api/v2/images/").status_code == 200
