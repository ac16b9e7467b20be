"""Renaksi in real chromium: an OPD operator reports a quarter's progress with an evidence file in
"Rencana aksi saya", and the public progress page shows it on a phone (390 px, no sideways scroll)
and on a desktop. Screenshots land in /tmp/renaksi/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from complaints.deadlines import local_today
from complaints.renaksi.models import ActionEvidence, ActionProgress
from home.renaksi_pages import RenaksiPage
from tests.complaints.renaksi_world import make_world, png
from tests.factories import site_home
from tests.factories.home import _publish

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path("/tmp/renaksi")
PASSWORD = "rahasia-uji-123"
VIEWPORTS = {"ponsel": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}


def test_opd_operator_reports_progress_and_the_public_page_shows_it(browser, live_server, pemda):
    w = make_world()
    page_obj = _publish(site_home(), RenaksiPage(title="Kemajuan Rencana Aksi Pengaduan", slug="renaksi-pengaduan"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    today = local_today()
    year, quarter = today.year, (today.month - 1) // 3 + 1
    assert year in w.plan.years, "the test plan must cover today"
    evidence = SHOTS / "bukti.png"
    evidence.write_bytes(png())

    # --- the OPD operator reports ---------------------------------------------------------------
    context = browser.new_context(locale="id-ID", viewport=VIEWPORTS["desktop"])
    tab = context.new_page()
    console_errors: list[str] = []
    tab.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
    tab.goto(f"{live_server.url}/admin/login/")
    tab.fill("input[name=username]", w.operator.username)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/admin/")
    tab.goto(f"{live_server.url}/admin/complaints/renaksi/mine/")
    section = tab.locator(f"#aksi-{w.action.pk}")
    expect(section.locator("h2")).to_contain_text("Aksi Dinkes 1")
    prefix = f"a{w.action.pk}"
    section.locator(f"select[name={prefix}-period]").select_option(f"{year}-{quarter}")
    section.locator(f"input[name={prefix}-percent]").fill("65")
    section.locator(f"textarea[name={prefix}-narrative]").fill("Kanal pengaduan terpasang di 8 puskesmas.")
    section.locator(f"input[name={prefix}-evidence]").set_input_files(str(evidence))
    section.get_by_role("button", name="Simpan laporan").click()
    expect(tab.locator(".messages")).to_contain_text("tersimpan")
    expect(tab.locator(f"#aksi-{w.action.pk} table")).to_contain_text("65%")
    tab.screenshot(path=str(SHOTS / "rencana-aksi-saya.png"), full_page=True)
    assert not console_errors, console_errors  # nothing refused by the Content Security Policy
    context.close()
    progress = ActionProgress.objects.get(action=w.action)
    assert (progress.year, progress.quarter, progress.percent, progress.reported_by) == (year, quarter, 65, w.operator)
    assert ActionEvidence.objects.filter(progress=progress).count() == 1

    # --- the public page ------------------------------------------------------------------------
    for label, viewport in VIEWPORTS.items():
        context = browser.new_context(locale="id-ID", viewport=viewport)
        tab = context.new_page()
        tab.goto(f"{live_server.url}{page_obj.url}")
        expect(tab.locator("h1")).to_have_text("Kemajuan Rencana Aksi Pengaduan")
        card = tab.locator(f"#aksi-{w.action.pk}")
        expect(card.locator(".renaksi-percent")).to_have_text("65%")
        expect(card.locator(".renaksi-period")).to_have_text(f"(TW {quarter} {year})")
        expect(card.locator(".renaksi-opd")).to_have_text("Dinas Kesehatan")
        assert card.locator("progress").get_attribute("value") == "65"
        expect(tab.locator("#renaksi-actions > li")).to_have_count(4)
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"the page scrolls sideways by {overflow}px at {label}"
        tab.screenshot(path=str(SHOTS / f"renaksi-{label}.png"), full_page=True)
        context.close()


def test_desk_reads_the_action_list_with_status_and_filters(browser, live_server, pemda):
    w = make_world()
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="id-ID", viewport=VIEWPORTS["desktop"])
    tab = context.new_page()
    tab.goto(f"{live_server.url}/admin/login/")
    tab.fill("input[name=username]", w.desk.username)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/admin/")
    tab.goto(f"{live_server.url}/admin/complaints/renaksi/actions/")
    expect(tab.locator("table.listing tbody tr")).to_have_count(5)  # four of the running plan, one draft
    tab.screenshot(path=str(SHOTS / "aksi-renaksi-meja.png"), full_page=True)
    tab.goto(f"{live_server.url}/admin/complaints/renaksi/actions/?opd={w.other.pk}")
    expect(tab.locator("table.listing tbody tr")).to_have_count(2)
    context.close()
