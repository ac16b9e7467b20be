"""Indonesian first, in a real browser.

* A phone set to English (``Accept-Language: en``) gets the public site in Indonesian; the header's
  "English" link switches it, the choice is remembered on the next page, "Bahasa Indonesia" switches back.
* The auditor verifies the audit chain from the admin (no shell) and reads a record's diff in plain
  Indonesian: "diubah", labels, the changed words marked inline.

Screenshots at phone and desktop widths go to /tmp/staff/ (or $E2E_SCREENSHOTS).
"""

import os
from pathlib import Path

import pytest

from audit.actors import Door, acting_as
from organizations.roles import GlobalRole
from tests.factories import OPDFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/staff"))
WIDTHS = {"ponsel": (390, 844), "desktop": (1280, 900)}


def shoot(browser, url: str, name: str, *, cookies=None, extra_headers=None) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in WIDTHS.items():
        context = browser.new_context(
            locale="en-US", viewport={"width": width, "height": height}, extra_http_headers=extra_headers or {}
        )
        if cookies:
            context.add_cookies(cookies)
        tab = context.new_page()
        tab.goto(url)
        tab.wait_for_load_state("networkidle")
        tab.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        context.close()


def test_public_site_is_indonesian_for_an_english_phone_and_switches_on_request(live_server, browser):
    english_phone = {"Accept-Language": "en-US,en;q=0.9"}
    context = browser.new_context(
        locale="en-US", extra_http_headers=english_phone, viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(f"{live_server.url}/")
    assert page.get_attribute("html", "lang") == "id"
    assert page.locator(".site-search button").inner_text() == "Cari"
    assert page.locator(".skip-link").inner_text() == "Lompat ke isi"

    page.click(".language-switch a[hreflang=en]")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator(".site-search button").inner_text() == "Search"

    page.goto(f"{live_server.url}/search/")  # no ?lang=: the cookie remembers
    assert page.get_attribute("html", "lang") == "en"
    cookie = next(c for c in context.cookies() if c["name"] == "django_language")
    assert cookie["value"] == "en"

    page.click(".language-switch a[hreflang=id]")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "id"
    context.close()

    shoot(browser, f"{live_server.url}/", "beranda-accept-en", extra_headers=english_phone)
    shoot(browser, f"{live_server.url}/?lang=en", "beranda-english")


def test_auditor_verifies_the_chain_and_reads_a_diff_in_indonesian(live_server, browser):
    UserFactory(username="auditor.e2e", first_name="Agus", last_name="Auditor", roles=[GlobalRole.AUDITOR])
    opd = OPDFactory(name="Dinas Lingkungan Hidup", address="Jl. Ujang Dewa, Nunukan Selatan")
    with acting_as("kepala.dlh", door=Door.ADMIN, reason="Perubahan nomenklatur"):
        opd.name = "Dinas Lingkungan Hidup dan Kehutanan"
        opd.address = "Jl. Ujang Dewa No. 7, Nunukan Selatan, Kalimantan Utara, dekat kantor kecamatan lama"
        opd.is_active = False
        opd.save()

    context = browser.new_context(locale="en-US", extra_http_headers={"Accept-Language": "en"})
    page = context.new_page()
    page.set_default_timeout(30_000)
    base = live_server.url
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "auditor.e2e")
    page.fill("input[name=password]", "rahasia-uji-123")
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")

    page.goto(f"{base}/admin/audit/")
    page.click("text=Verifikasi rantai audit")
    page.wait_for_url(f"{base}/admin/audit/chain/")
    assert "manage.py" not in page.content()
    page.click("button:has-text('Verifikasi sekarang')")
    page.wait_for_url(f"{base}/admin/audit/chain/")
    for _ in range(20):  # the job runs after the request commits
        if page.locator("#verification-status").inner_text() in ("Utuh", "Rusak"):
            break
        page.wait_for_timeout(500)
        page.reload()
    assert page.locator("#verification-status").inner_text() == "Utuh"
    assert int(page.locator("#verification-checked").inner_text()) >= 2
    assert "Agus Auditor" in page.locator("#chain-verification").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "verifikasi-rantai-desktop.png"), full_page=True)

    page.goto(f"{base}/admin/audit/record/organizations.opd/{opd.pk}/")
    text = page.locator("main").inner_text()
    assert "diubah" in text
    assert "Perubahan nomenklatur" in text
    for raw in ("update", "True", "False", "is_active", "opd "):
        assert raw not in text, raw
    assert page.locator("ins", has_text="No. 7").count() >= 1  # the added words, inline
    change = page.locator("section.audit-entry").last.locator("tr", has=page.locator("th", has_text="aktif"))
    assert change.inner_text().split() == ["aktif", "Ya", "Tidak"]
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(SCREENSHOTS / "diff-audit-desktop.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "diff-audit-ponsel.png"), full_page=True)
    context.close()
