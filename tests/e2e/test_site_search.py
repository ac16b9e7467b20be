"""A citizen on a phone searches the site for an everyday phrase and reaches a public complaint:
complaints holding every word come first, a partial match says how many words it holds, and the link
opens the complaint's public page (real chromium, 390 px)."""

import itertools

import pytest

from complaints.services import complaint_verify
from tests.factories import CategoryFactory, desk_user, site_home, submit_complaint

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
_clients = itertools.count(1)


def _public(category, desk, title, description):
    c = submit_complaint(
        category=category, title=title, description=description, client=f"10.9.0.{next(_clients)}"
    ).complaint
    complaint_verify(complaint=c, actor=desk, door="admin")
    return c


def test_citizen_finds_a_complaint_by_an_everyday_phrase(browser, live_server, transactional_db):
    from home.complaint_pages import ComplaintTrackPage

    site_home().add_child(instance=ComplaintTrackPage(title="Lacak Pengaduan", slug="lacak-cari"))
    category, desk = CategoryFactory(name="Jalan", slug="jalan-cari"), desk_user(username="meja.cari")
    full = _public(category, desk, "Jalan rusak di Jalan Pelabuhan", "Aspal berlubang dan tergenang.")
    partial = _public(category, desk, "Lampu jalan mati", "Gelap sejak seminggu; hubungi 081234567890.")

    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/search/")
    page.fill("#id_query", "pengaduan jalan rusak")
    page.press("#id_query", "Enter")
    page.wait_for_selector(".search-result-complaint")
    page.screenshot(path="/tmp/e2e-site-search-phone.png", full_page=True)
    results = page.locator(".search-result-complaint")
    assert results.count() == 2
    assert "Jalan rusak di Jalan Pelabuhan" in results.nth(0).inner_text()
    assert "Memuat 1 dari 3 kata yang dicari" in results.nth(1).inner_text()
    assert "Dicari di halaman situs, dokumen publik dan pengaduan publik" in page.inner_text(".searched-in")
    assert "081234567890" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    results.nth(0).locator("h2 a").click()
    page.wait_for_load_state()
    assert full.tracking_code in page.url
    assert "Jalan rusak di Jalan Pelabuhan" in page.inner_text("main")
    assert partial.tracking_code not in page.url
    context.close()
