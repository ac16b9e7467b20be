"""Public page types through the test client: news, document library, chart downloads, caching."""

import json

import pytest
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories import (
    OPDFactory,
    make_chart_page,
    make_document,
    make_document_library,
    make_news,
    make_news_index,
    make_standard_page,
)

pytestmark = pytest.mark.django_db


def test_news_index_lists_live_news_newest_first_and_links_them(client):
    index = make_news_index()
    old = make_news(index, title="Berita lama", date=__import__("datetime").date(2025, 1, 1))
    new = make_news(index, title="Berita baru", date=__import__("datetime").date(2026, 5, 1))
    make_news(index, title="Draf rahasia", live=False)
    response = client.get(index.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Berita baru") < html.index("Berita lama")
    assert "Draf rahasia" not in html
    assert f'href="{new.url}"' in html
    assert f'href="{old.url}"' in html


def test_news_page_renders_date_intro_and_body(client):
    index = make_news_index()
    page = make_news(index, title="Puskesmas keliling", intro="Jadwal baru.", body="Dua kali sebulan.")
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Puskesmas keliling</h1>" in html
    assert "Jadwal baru." in html
    assert "Dua kali sebulan." in html
    assert 'lang="id"' in html
    assert 'href="#main"' in html


@pytest.mark.parametrize("page_param", ["abc", "0", "-1", "99999999", "9" * 5000, "1.5", "%00", ""])
def test_news_pagination_never_fails_on_bad_page_numbers(client, page_param):
    index = make_news_index()
    for _ in range(12):
        make_news(index)
    response = client.get(index.url, {"page": page_param})
    assert response.status_code == 200
    assert response.content.decode().count('class="card news-card"') in (2, 10)


def test_news_pagination_links_keep_other_parameters(client):
    index = make_news_index()
    for _ in range(11):
        make_news(index)
    html = client.get(index.url, {"page": "2", "utm": "x"}).content.decode()
    assert 'href="?utm=x&amp;page=1"' in html
    assert 'aria-current="page">2<' in html


def test_document_library_filters_by_year_opd_kind_and_keyword(client):
    dinkes, disdik = OPDFactory(name="Dinas Kesehatan"), OPDFactory(name="Dinas Pendidikan")
    library = make_document_library()
    make_document(title="LKjIP Dinkes 2025", year=2025, opd=dinkes, kind="lkjip")
    make_document(title="Renstra Dinkes 2024", year=2024, opd=dinkes, kind="renstra", description="rencana lima tahun")
    make_document(title="LKjIP Disdik 2025", year=2025, opd=disdik, kind="lkjip")

    def titles(**params):
        html = client.get(library.url, params).content.decode()
        return {t for t in ("LKjIP Dinkes 2025", "Renstra Dinkes 2024", "LKjIP Disdik 2025") if t in html}

    assert titles() == {"LKjIP Dinkes 2025", "Renstra Dinkes 2024", "LKjIP Disdik 2025"}
    assert titles(year=2025) == {"LKjIP Dinkes 2025", "LKjIP Disdik 2025"}
    assert titles(opd=dinkes.pk) == {"LKjIP Dinkes 2025", "Renstra Dinkes 2024"}
    assert titles(kind="renstra") == {"Renstra Dinkes 2024"}
    assert titles(q="lima tahun") == {"Renstra Dinkes 2024"}
    assert titles(year=2025, opd=disdik.pk) == {"LKjIP Disdik 2025"}


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "1800"},
        {"opd": "999999"},
        {"opd": "x'; drop table"},
        {"kind": "nope"},
        {"q": "kata " * 400},
        {"page": "abc", "year": "2025"},
        {"page": "100000", "unknown": "1"},
        {"year": ["2025", "2024"]},
    ],
)
def test_document_library_survives_bad_query_strings(client, params):
    library = make_document_library()
    make_document(title="LKjIP 2025", year=2025)
    response = client.get(library.url, params)
    assert response.status_code == 200
    assert "Pustaka Dokumen" in response.content.decode()


def test_unknown_filter_values_are_ignored_and_reported(client):
    library = make_document_library()
    make_document(title="LKjIP 2025", year=2025)
    html = client.get(library.url, {"year": "1999"}).content.decode()
    assert "LKjIP 2025" in html  # the bad filter is dropped, not applied
    assert "diabaikan" in html


def test_documents_in_a_private_collection_never_appear(client):
    root = Collection.get_first_root_node()
    secret = root.add_child(name="Internal")
    inner = secret.add_child(name="Internal / Draf")
    CollectionViewRestriction.objects.create(collection=secret, restriction_type="password", password="x")
    library = make_document_library()
    make_document(title="Dokumen publik")
    make_document(title="Draf rahasia", collection=inner)
    html = client.get(library.url).content.decode()
    assert "Dokumen publik" in html
    assert "Draf rahasia" not in html


def test_chart_block_renders_svg_table_and_download_links(client):
    page = make_chart_page()
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="chart chart-bar"' in html
    assert 'role="img"' in html
    assert '<th scope="row">Dinas Kesehatan</th>' in html
    assert '<td class="num">12</td>' in html
    block_id = page.body[0].id
    assert f'href="{page.url}data/{block_id}/csv/"' in html
    assert f'href="{page.url}data/{block_id}/json/"' in html


def test_chart_data_downloads_as_csv_and_json(client):
    page = make_chart_page(rows=[{"label": "=cmd", "value": 1.5}, {"label": "Disdikbud", "value": 7}])
    block_id = page.body[0].id
    csv_response = client.get(f"{page.url}data/{block_id}/csv/")
    assert csv_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "attachment" in csv_response["Content-Disposition"]
    text = csv_response.content.decode("utf-8-sig")
    assert text.splitlines() == ["Label,Layanan", "'=cmd,1.5", "Disdikbud,7"]
    payload = json.loads(client.get(f"{page.url}data/{block_id}/json/").content)
    assert payload["labels"] == ["=cmd", "Disdikbud"]
    assert payload["series"] == [{"name": "Layanan", "values": [1.5, 7.0]}]


BAD_DATA_ROUTES = ["data/nope/csv/", "data/{id}/xml/", "data/{id}.csv", "data/{id}/", "data/%2e%2e/csv/"]


@pytest.mark.parametrize("suffix", BAD_DATA_ROUTES)
def test_unknown_chart_data_routes_are_404(client, suffix):
    page = make_chart_page()
    response = client.get(page.url + suffix.format(id=page.body[0].id))
    assert response.status_code == 404


def test_chart_from_a_provider_shows_live_data(client):
    make_document(year=2024)
    make_document(year=2025)
    make_document(year=2025)
    page = make_chart_page(provider="dokumen_per_tahun")
    html = client.get(page.url).content.decode()
    assert '<th scope="row">2025</th><td class="num">2</td>' in html
    make_document(year=2025)
    payload = json.loads(client.get(f"{page.url}data/{page.body[0].id}/json/").content)
    assert payload["labels"] == ["2024", "2025"]
    assert payload["series"][0]["values"] == [1.0, 3.0]


def test_public_pages_are_cached_and_live_figures_briefly(client, django_user_model):
    plain = make_standard_page(title="Profil")
    live = make_chart_page(provider="dokumen_per_tahun")
    manual = make_chart_page()
    assert client.get(plain.url)["Cache-Control"] == "public, max-age=300"
    assert client.get(manual.url)["Cache-Control"] == "public, max-age=300"
    assert client.get(live.url)["Cache-Control"] == "public, max-age=60"
    client.force_login(django_user_model.objects.create_user("editor", password="x"))
    assert "private" in client.get(plain.url)["Cache-Control"]


def test_private_pages_are_never_publicly_cached(client):
    page = make_standard_page(title="Internal", intro="<p>Isi rahasia</p>")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="rahasia")
    response = client.get(page.url)
    assert response.status_code == 200  # Wagtail's password form, not the page
    assert "Isi rahasia" not in response.content.decode()
    assert "public" not in response.get("Cache-Control", "")
    response = client.post(
        f"/_util/authenticate_with_password/{page.get_view_restrictions().get().pk}/{page.pk}/",
        {"password": "rahasia", "return_url": page.url},
    )
    response = client.get(page.url)
    assert "Isi rahasia" in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_home_page_shows_figures_latest_news_and_chart(client):
    from tests.factories import site_home

    index = make_news_index()
    make_news(index, title="Kabar pertama")
    make_document(year=2025, kind="lkjip")
    home = site_home()
    home.body = [
        ("figures", {"heading": "Angka", "items": [{"label": "Dokumen publik", "provider": "jumlah_dokumen_publik"}]}),
        ("latest_news", {"heading": "Berita terbaru", "count": 3}),
        ("chart", {"title": "Per jenis", "chart_type": "donut", "provider": "dokumen_per_jenis", "rows": []}),
    ]
    home.save_revision().publish()
    response = client.get("/")
    html = response.content.decode()
    assert '<span class="figure-value">1 dokumen</span>' in html
    assert "Kabar pertama" in html
    assert '<svg class="chart chart-donut"' in html
    assert response["Cache-Control"] == "public, max-age=60"
