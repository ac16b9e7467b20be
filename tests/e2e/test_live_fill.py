"""Issue 16, the operator's fill page in real chromium (phone 390 px and desktop): a conditional
field appears as the operator answers, computed values follow, "Tambah baris" adds a row, all
without a page load; saving keeps everything.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reporting.models import Submission
from tests.factories import PemdaFactory, make_form, simple_schema
from tests.factories.reports import report_slot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
SIZES = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
}


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_fill_page_is_live_without_reloads(browser, live_server, size):
    PemdaFactory()
    slot = report_slot(form=make_form(simple_schema(f"isi_e2e_{size}")))
    context = browser.new_context(locale="id-ID", **SIZES[size])
    page = context.new_page()
    page.set_default_timeout(60000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", slot.operator.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    url = f"{live_server.url}/admin/reports/{slot.submission.pk}/"
    page.goto(url)
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    page.evaluate("window.__samePage = true")
    form = page.locator("#report-form")
    expect(form).to_have_attribute("data-evaluated", "1")  # the first answer of the endpoint is shown

    # the conditional field is hidden until "Ada kegiatan?" is Ya, and says when it is needed
    uraian = page.locator("#field-uraian")
    expect(uraian).to_be_hidden()
    page.select_option("select[name='f-ada_kegiatan']", "ya")
    expect(uraian).to_be_visible()
    expect(uraian.locator(".report-hint")).to_have_text(
        "Ditampilkan bila “Ada kegiatan?” = Ya. Wajib diisi bila “Ada kegiatan?” = Ya."
    )
    expect(page.locator("[data-required-for='uraian']")).to_be_visible()
    # a field a condition just made required says so at the field, before saving
    uraian_error = page.locator("[data-live-error-for='uraian']")
    expect(uraian_error).to_have_text("Wajib diisi.")
    page.fill("textarea[name='f-uraian']", "Pemeliharaan jalan desa")
    expect(uraian_error).to_be_hidden()
    page.fill("input[name='f-nama']", "Dinas Uji")

    # computed values follow the typing
    page.fill("input[name='f-anggaran.0.kegiatan']", "Aspal")
    page.fill("input[name='f-anggaran.0.pagu']", "1.500.000")
    # a value out of range is shown at its cell while typing
    page.fill("input[name='f-anggaran.0.realisasi']", "-5")
    cell_error = page.locator("[data-live-error-for='anggaran.0.realisasi']")
    expect(cell_error).to_have_text("Nilai paling kecil 0.")
    page.fill("input[name='f-anggaran.0.realisasi']", "750000")
    expect(cell_error).to_be_hidden()
    page.locator("input[name='f-anggaran.0.realisasi']").blur()
    # grouped as it is shown after saving
    expect(page.locator("input[name='f-anggaran.0.realisasi']")).to_have_value("750.000")
    expect(page.locator("[id='computed-anggaran.0.serapan']")).to_have_text("50")
    expect(page.locator("[id='computed-total_pagu']")).to_have_text("1.500.000")

    # a row is added without a reload
    page.get_by_role("button", name="Tambah baris").click()
    new_row = page.locator("input[name='f-anggaran.1.kegiatan']")
    expect(new_row).to_be_visible()
    expect(page.locator("input[name='rows-anggaran']")).to_have_value("2")
    new_row.fill("Cat marka")
    page.fill("input[name='f-anggaran.1.pagu']", "500.000")
    expect(page.locator("[id='computed-total_pagu']")).to_have_text("2.000.000")
    assert page.evaluate("window.__samePage") is True
    assert navigations == []
    assert page.url == url
    page.screenshot(path=f"/tmp/e2e-live-fill-{size}.png", full_page=True)

    # saving keeps everything
    page.get_by_role("button", name="Simpan draf").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages")).to_contain_text("Draf tersimpan")
    sub = Submission.objects.get(pk=slot.submission.pk)
    assert sub.answers["uraian"] == "Pemeliharaan jalan desa"
    assert [r["kegiatan"] for r in sub.answers["anggaran"]] == ["Aspal", "Cat marka"]
    expect(page.locator("input[name='f-anggaran.1.kegiatan']")).to_have_value("Cat marka")
    expect(page.locator("#field-uraian")).to_be_visible()
    expect(page.locator("[id='computed-total_pagu']")).to_have_text("2.000.000")
    # a saved Rupiah amount reads as it was typed
    expect(page.locator("input[name='f-anggaran.0.pagu']")).to_have_value("1.500.000")
    page.screenshot(path=f"/tmp/e2e-live-fill-{size}-saved.png", full_page=True)
    context.close()
