"""Issue 13 "Done when", in real chromium: a Bappeda planner imports a Renstra sheet, links an
OPD sasaran to a Pemda sasaran, an OPD operator enters Q1 realisation with evidence, Bappeda
verifies, and the public tree and the results API show the new achievement (phone and desktop).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from home.planning_pages import PerformancePage
from planning.demo import demo_nomenclature_version
from planning.models import NodeLevel, PlanNode, Realisation, RealisationStatus
from tests.factories import OPDFactory, PemdaFactory, bappeda_user, opd_user, plan_world, site_home
from tests.factories.home import _publish

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"
SHOTS = Path("/tmp/planning")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def login(browser, live_server, user, viewport=DESKTOP):
    context = browser.new_context(locale="id-ID", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(60000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def renstra_sheet(path: Path, opd_name: str) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["Jenjang", "Kode", "Uraian", "Kode Induk", "OPD", "Indikator", "Satuan", "Arah", "Target 2025",
                  "Target 2026"])  # fmt: skip
    sheet.append(["Tujuan", "T1", "Meningkatnya derajat kesehatan masyarakat", "", opd_name, "", "", "", "", ""])
    sheet.append(["Sasaran", "T1.S1", "Meningkatnya kualitas layanan kesehatan ibu", "T1", opd_name,
                  "Persentase ibu hamil mendapat layanan sesuai standar", "%", "naik", 90, 95])  # fmt: skip
    sheet.append(["Program", "1.02.02", "Program pemenuhan upaya kesehatan perorangan", "T1.S1", opd_name,
                  "Persentase fasilitas kesehatan sesuai standar", "%", "naik", 80, 85])  # fmt: skip
    book.save(path)
    return path


def test_planning_end_to_end(browser, live_server, tmp_path):
    SHOTS.mkdir(exist_ok=True)
    PemdaFactory()
    demo_nomenclature_version()
    world = plan_world(opds=0)
    opd = OPDFactory(name="Dinas Kesehatan Uji", acronym="DKU")
    planner = bappeda_user(username="perencana.bappeda")
    operator = opd_user(opd, username="operator.dku")
    public = _publish(site_home(), PerformancePage(title="Kinerja Daerah", slug="kinerja-daerah"))

    # 1. the planner imports the Renstra sheet: upload, confirm the mapping, preview, save
    page = login(browser, live_server, planner)
    page.goto(f"{live_server.url}/admin/perencanaan/impor/")
    page.set_input_files("input[name=file]", str(renstra_sheet(tmp_path / "renstra.xlsx", opd.name)))
    page.click("button:has-text('Unggah')")
    expect(page.locator("#pemetaan")).to_be_visible()
    expect(page.locator("select[name=col_level]")).to_have_value("0")  # guessed from the header
    page.click("button:has-text('Pratinjau')")
    expect(page.get_by_text("3 baris siap disimpan.")).to_be_visible()
    page.screenshot(path=str(SHOTS / "1-impor-pratinjau.png"), full_page=True)
    page.click("button:has-text('Simpan semua')")
    page.wait_for_url("**/admin/perencanaan/pohon/**")
    sasaran = PlanNode.objects.get(level=NodeLevel.SASARAN_OPD, opd=opd)
    assert sasaran.indicators.get().targets.get(year=2026).value == 95

    # 2. the unlinked OPD sasaran is flagged; the planner links it to the Pemda sasaran
    expect(page.get_by_text("Simpul OPD yang belum mendukung sasaran daerah")).to_be_visible()
    page.click(f"a[href$='/simpul/{sasaran.pk}/kaitkan/']")
    page.get_by_label(f"{world.sasaran.code} {world.sasaran.name}", exact=False).check()
    page.fill("input[name=reason]", "Cascading Renstra Dinkes")
    page.screenshot(path=str(SHOTS / "2-kaitkan.png"), full_page=True)
    page.click("button:has-text('Simpan keterkaitan')")
    page.wait_for_url("**/admin/perencanaan/pohon/**")
    expect(page.get_by_text("Simpul OPD yang belum mendukung sasaran daerah")).to_have_count(0)
    assert list(sasaran.supports.all()) == [world.sasaran]

    # 3. the OPD operator enters Q1 realisation with evidence, on a phone
    op_page = login(browser, live_server, operator, viewport=PHONE)
    op_page.goto(f"{live_server.url}/admin/perencanaan/realisasi/?tahun=2026&triwulan=1")
    indicator = sasaran.indicators.get()
    section = op_page.locator(f"#indikator-{indicator.pk}")
    section.locator("input[name=rencana]").fill("95")
    section.locator("input[name=realisasi]").fill("90")
    pdf = tmp_path / "bukti-tw1.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    section.locator("input[name=bukti]").set_input_files(str(pdf))
    section.locator("button:has-text('Ajukan')").click()
    expect(op_page.get_by_text("triwulan 1 diajukan", exact=False)).to_be_visible()
    op_page.screenshot(path=str(SHOTS / "3-realisasi-ponsel.png"), full_page=True)
    real = Realisation.objects.get(indicator=indicator, year=2026, quarter=1)
    assert real.status == RealisationStatus.SUBMITTED
    assert real.evidence.get().name == "bukti-tw1.pdf"

    # before verification the public figures do not count it
    before = page.request.get(f"{live_server.url}/api/v1/results/performance/?tahun=2026").json()
    assert before["summary"]["achievement"] is None

    # 4. Bappeda verifies
    page.goto(f"{live_server.url}/admin/perencanaan/verifikasi/")
    expect(page.get_by_text("bukti-tw1.pdf")).to_be_visible()
    page.screenshot(path=str(SHOTS / "4-verifikasi.png"), full_page=True)
    page.click("button:has-text('Verifikasi')")
    expect(page.get_by_text("Realisasi diverifikasi.")).to_be_visible()

    # 5. the public tree and the API show the new achievement: 90 / 95 × 100 = 94,74 % (Sangat Baik)
    api = page.request.get(f"{live_server.url}/api/v1/results/performance/?tahun=2026").json()
    assert api["summary"]["achievement"] == 94.74
    assert api["summary"]["rating"] == "Sangat Baik"
    tree = page.request.get(f"{live_server.url}/api/v1/results/performance/tree/?tahun=2026").json()["tree"]
    opd_node = tree[0]["children"][0]["children"][0]
    assert (opd_node["name"], opd_node["achievement"]) == (sasaran.name, 94.74)
    for name, viewport in (("ponsel", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(locale="id-ID", viewport=viewport)
        visitor = context.new_page()
        visitor.goto(f"{live_server.url}{public.url}?tahun=2026")
        expect(visitor.locator("#capaian-pemda")).to_have_text("94,74%")
        svg = visitor.locator("svg.pohon-svg")
        expect(svg).to_have_attribute("role", "img")
        expect(svg.locator("text", has_text="94,74% · Sangat Baik").first).to_be_attached()
        visitor.click("button[data-pohon-zoom=in]")
        expect(visitor.locator("[data-pohon-skala]")).not_to_have_text("")
        visitor.screenshot(path=str(SHOTS / f"5-publik-{name}.png"), full_page=True)
        context.close()
