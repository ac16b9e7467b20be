"""The public SPBE and SPM results pages in real chromium, at phone and desktop widths.

An anonymous visitor reads the SPBE index, its predikat and the domain indices, picks an
earlier year with the year chooser, downloads the CSV; on the SPM page reads each service's
achievement and category. What the page shows equals what ``/api/v1/results/…`` answers, the
page never scrolls sideways on a phone (wide tables scroll inside their own box), and
screenshots land in /tmp/cascade/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.api.test_published_results import pages, world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path("/tmp/cascade")
VIEWPORTS = {"ponsel": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


def no_sideways_scroll(tab) -> None:
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"


def test_visitor_reads_spbe_and_spm_results(browser, live_server):
    forms, opds = world(3)
    made = pages(forms)
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    for label, viewport in VIEWPORTS.items():
        context = browser.new_context(locale="id-ID", viewport=viewport)
        tab = context.new_page()

        # --- SPBE -----------------------------------------------------------------------
        api = tab.request.get(f"{base}/api/v1/results/spbe/").json()
        entry = api["results"][0]
        tab.goto(f"{base}{made['spbe'].url}")
        expect(tab.locator("h1")).to_have_text("Hasil SPBE")
        expect(tab.locator("#indeks-spbe")).to_have_text(f"{entry['index']:.2f}".replace(".", ","))
        expect(tab.locator("#predikat-spbe")).to_have_text(entry["predikat"])
        expect(tab.locator("#tabel-domain tbody tr")).to_have_count(4)
        expect(tab.locator("#tabel-aspek tbody tr")).to_have_count(8)
        assert tab.locator("svg.chart").count() >= 2
        no_sideways_scroll(tab)
        tab.screenshot(path=str(SHOTS / f"spbe-{label}.png"), full_page=True)
        # the visitor picks 2024
        tab.select_option("#tahun", "2024")
        tab.get_by_role("button", name="Tampilkan").click()
        tab.wait_for_url("**?tahun=2024")
        expect(tab.locator("#indeks-spbe")).to_have_text("2,00")
        csv_href = tab.locator("section:has(#tabel-domain) .downloads a", has_text="CSV").get_attribute("href")
        csv = tab.request.get(f"{base}{csv_href}").text()
        assert "Domain Layanan" in csv
        assert "2024" in csv_href

        # --- SPM ------------------------------------------------------------------------
        api = tab.request.get(f"{base}/api/v1/results/spm/").json()
        tab.goto(f"{base}{made['spm'].url}")
        for service in api["services"]:
            expect(tab.locator(f"#kategori-{service['key']}")).to_have_text(service["category"])
        expect(tab.locator("#kategori-kesehatan")).to_have_text("Tuntas Utama")  # 99.995 %, shown 100 %
        expect(tab.locator("#tabel-opd tbody tr")).to_have_count(12)  # two published reports × six services
        assert opds[2].name not in tab.content()  # its report is only submitted
        no_sideways_scroll(tab)
        tab.screenshot(path=str(SHOTS / f"spm-{label}.png"), full_page=True)
        context.close()
