"""The public site in a real browser: an editor builds pages in the admin, a visitor reads them.

An Editor Kominfo logs in, writes a news item and a page with a chart block (fed by the
"documents per year" provider) and publishes both; an anonymous visitor reads them, sees
the SVG chart and its table, downloads the CSV, and searches in Indonesian. Screenshots
at phone and desktop widths land in test-artifacts/screenshots/.
"""

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from home.models import NewsPage, StandardPage
from tests.factories import make_document, make_document_library, make_news, make_news_index, site_home

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
WIDTHS = {"ponsel": 390, "desktop": 1280}
PASSWORD = "Rahasia#2026"


def shoot(browser, url: str, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, width in WIDTHS.items():
        context = browser.new_context(locale="id-ID", viewport={"width": width, "height": 900})
        tab = context.new_page()
        tab.goto(url)
        tab.wait_for_load_state("networkidle")
        tab.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        context.close()


def publish(page) -> None:
    """Open the editor footer's "more actions" menu and press Publish.

    Waits for the editor's scripts to settle first: on a loaded 2-core CI machine a click that
    lands before Wagtail's controllers connect does not submit the form.
    """
    page.wait_for_load_state("networkidle")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator('button[name="action-publish"]').click()
    page.wait_for_url("**/admin/pages/*/", timeout=60_000)


@pytest.fixture
def content(db):
    from tests.factories import OPDFactory

    index = make_news_index()
    make_news(index, title="Sosialisasi kanal pengaduan", date=datetime.date(2026, 9, 3))
    dinkes = OPDFactory(name="Dinas Kesehatan", acronym="Dinkes")
    make_document(
        title="Renstra Dinas Kesehatan 2025-2029",
        year=2025,
        opd=dinkes,
        kind="renstra",
        description="Rencana strategis pelayanan kesehatan.",
    )
    make_document(title="LKjIP Kabupaten Nunukan 2024", year=2024, kind="lkjip")
    make_document(title="LKjIP Kabupaten Nunukan 2025", year=2025, kind="lkjip")
    library = make_document_library()
    home = site_home()
    home.intro = "<p>Portal akuntabilitas dan transparansi Pemerintah Kabupaten Nunukan.</p>"
    home.body = [
        (
            "figures",
            {
                "heading": "Sekilas angka",
                "items": [
                    {"label": "Dokumen publik", "provider": "jumlah_dokumen_publik"},
                    {"label": "OPD terhubung", "value": 1, "unit": "OPD"},
                ],
            },
        ),
        ("latest_news", {"heading": "Berita terbaru", "count": 3}),
        ("chart", {"title": "Dokumen per jenis", "chart_type": "donut", "provider": "dokumen_per_jenis", "rows": []}),
    ]
    home.save_revision().publish()
    return {"index": index, "library": library}


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("kominfo", "kominfo@nunukankab.go.id", PASSWORD)
    user.groups.add(Group.objects.get(name="Editor Kominfo"))
    return user


def test_editor_builds_pages_and_visitor_reads_them(live_server, browser, page, content, editor):
    base = live_server.url
    page.set_default_timeout(20_000)

    # --- the editor, in the Wagtail admin ------------------------------------------------
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "kominfo")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")

    page.goto(f"{base}/admin/pages/add/home/newspage/{content['index'].pk}/")
    page.fill("#id_title", "Pelayanan Kesehatan Keliling di Pulau Sebatik")
    page.fill("#id_intro", "Puskesmas keliling kini datang dua kali sebulan ke desa perbatasan.")
    publish(page)
    news = NewsPage.objects.get(title="Pelayanan Kesehatan Keliling di Pulau Sebatik")
    assert news.live

    page.goto(f"{base}/admin/pages/add/home/standardpage/{site_home().pk}/")
    page.fill("#id_title", "Statistik Dokumen Publik")
    page.locator("[data-contentpath='body'] button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Grafik").click()
    page.fill("input[name='body-0-value-title']", "Dokumen publik per tahun")
    page.select_option("select[name='body-0-value-chart_type']", "bar")
    page.select_option("select[name='body-0-value-provider']", "dokumen_per_tahun")
    publish(page)
    chart_page = StandardPage.objects.get(title="Statistik Dokumen Publik")
    assert chart_page.live
    assert chart_page.body[0].block_type == "chart"

    # --- the anonymous visitor ----------------------------------------------------------
    visitor_context = browser.new_context(locale="id-ID", accept_downloads=True)
    visitor = visitor_context.new_page()
    visitor.set_default_timeout(20_000)

    visitor.goto(f"{base}{news.url}")
    assert visitor.locator("h1").inner_text() == "Pelayanan Kesehatan Keliling di Pulau Sebatik"
    visitor.goto(f"{base}{content['index'].url}")
    assert visitor.locator(".news-card").count() == 2

    visitor.goto(f"{base}{chart_page.url}")
    svg = visitor.locator("svg.chart[role=img]")
    assert svg.count() == 1
    assert svg.locator("title").first.text_content() == "Dokumen publik per tahun"
    assert visitor.locator("svg.chart rect.chart-s0").count() == 2  # 2024 and 2025
    table_rows = visitor.locator(".chart-table tbody tr")
    assert table_rows.count() == 2
    assert table_rows.nth(1).inner_text().split() == ["2025", "2"]

    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    csv_text = Path(download.path()).read_text(encoding="utf-8-sig")
    assert csv_text.splitlines() == ["Label,Dokumen", "2024,1", "2025,2"]

    visitor.goto(f"{base}/")
    visitor.fill("#site-search-q", "kesehatan")
    visitor.press("#site-search-q", "Enter")
    visitor.wait_for_url("**/search/?query=kesehatan*")
    results = visitor.locator(".search-result")
    titles = [results.nth(i).locator("h2").inner_text() for i in range(results.count())]
    assert "Pelayanan Kesehatan Keliling di Pulau Sebatik" in titles
    assert "Renstra Dinas Kesehatan 2025-2029" in titles
    assert visitor.locator(".search-result mark").first.inner_text().lower().startswith("kesehatan")

    visitor.select_option("#id_type", "document")
    visitor.click(".search-form button[type=submit]")
    visitor.wait_for_url("**type=document*")
    assert visitor.locator(".search-result").count() == 1

    visitor.goto(f"{base}{content['library'].url}")
    visitor.select_option("#id_year", "2024")
    visitor.click(".filters button[type=submit]")
    visitor.wait_for_url("**year=2024*")
    assert visitor.locator(".doc-item").count() == 1
    visitor_context.close()

    # --- screenshots of the main pages ---------------------------------------------------
    for url, name in [
        (f"{base}/", "beranda"),
        (f"{base}{content['index'].url}", "berita"),
        (f"{base}{news.url}", "berita-detail"),
        (f"{base}{chart_page.url}", "grafik"),
        (f"{base}{content['library'].url}", "dokumen"),
        (f"{base}/search/?query=kesehatan", "pencarian"),
    ]:
        shoot(browser, url, name)
    assert (SCREENSHOTS / "grafik-ponsel.png").stat().st_size > 0
