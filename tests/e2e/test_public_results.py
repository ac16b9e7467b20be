"""Result pages in a real browser: an editor builds them in the admin, a visitor reads them.

An Editor Kominfo builds a SAKIP results page and a published report page in the Wagtail
admin and publishes both; an anonymous visitor reads them, sees the SVG charts and tables,
downloads the CSV, and finds the page with the site search. A private answer never
appears. Screenshots at phone and desktop widths land in test-artifacts/screenshots/.
"""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from forms_builder.templates import sakip
from home.result_pages import PublishedReportPage, SakipResultsPage
from reporting.models import PeriodType
from tests.e2e.test_public_site import PASSWORD, SCREENSHOTS, publish, shoot
from tests.factories import OPDFactory, make_assignment, make_form, make_report_form, site_home
from tests.factories.public_results import publish_submission, sakip_answers, superuser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SECRET = "CATATAN-RAHASIA-4821"


@pytest.fixture
def results_data(db):
    actor = superuser()
    opds = [
        OPDFactory(name="Dinas Kesehatan", acronym="Dinkes"),
        OPDFactory(name="Dinas Pendidikan dan Kebudayaan", acronym="Disdikbud"),
        OPDFactory(name="Badan Perencanaan Pembangunan Daerah", acronym="Bappeda"),
    ]
    form = make_form(sakip.schema())
    for year, scores in ((2024, (72.5, 61, 80)), (2025, (78.25, 66.4, 83.1))):
        assignment = make_assignment(form=form, opds=opds, period_type=PeriodType.ANNUAL, year=year, actor=actor)
        by_opd = {s.opd_id: s for s in assignment.submissions.all()}
        for opd, score in zip(opds, scores, strict=True):
            publish_submission(by_opd[opd.pk], answers=sakip_answers(score, year=year), actor=actor)

    report = make_report_form(key="laporan_realisasi")
    assignment = make_assignment(
        form=report, opds=opds, period_type=PeriodType.QUARTERLY, year=2026, numbers=[1], actor=actor
    )
    for n, sub in enumerate(assignment.submissions.order_by("pk"), start=1):
        answers = {
            "nama_kegiatan": f"Pelayanan publik terpadu {n}",
            "jumlah_pegawai": 12 * n,
            "catatan_internal": SECRET,
            "realisasi": [{"kegiatan": "Belanja modal", "pagu": 1_000_000 * n, "realisasi": 750_000 * n}],
        }
        publish_submission(sub, answers=answers, actor=actor)
    return {"sakip": form, "report": report}


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("kominfo", "kominfo@nunukankab.go.id", PASSWORD)
    user.groups.add(Group.objects.get(name="Editor Kominfo"))
    return user


def test_editor_builds_result_pages_and_visitor_reads_them(live_server, browser, page, results_data, editor):
    base = live_server.url
    page.set_default_timeout(20_000)
    home = site_home()

    # --- the editor, in the Wagtail admin ------------------------------------------------
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", "kominfo")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")

    page.goto(f"{base}/admin/pages/add/home/sakipresultspage/{home.pk}/")
    page.fill("#id_title", "Hasil Evaluasi SAKIP Kabupaten Nunukan")
    page.select_option("#id_form", str(results_data["sakip"].pk))
    page.fill("#id_years_back", "2")
    publish(page)
    sakip_page = SakipResultsPage.objects.get(title="Hasil Evaluasi SAKIP Kabupaten Nunukan")
    assert sakip_page.live

    page.goto(f"{base}/admin/pages/add/home/publishedreportpage/{home.pk}/")
    page.fill("#id_title", "Laporan Realisasi Anggaran OPD")
    page.select_option("#id_form", str(results_data["report"].pk))
    page.fill("#id_year", "2026")
    publish(page)
    report_page = PublishedReportPage.objects.get(title="Laporan Realisasi Anggaran OPD")
    assert report_page.live

    # --- the anonymous visitor ----------------------------------------------------------
    context = browser.new_context(locale="id-ID", accept_downloads=True)
    visitor = context.new_page()
    visitor.set_default_timeout(20_000)

    visitor.goto(f"{base}{sakip_page.url}")
    assert visitor.locator("h1").inner_text() == "Hasil Evaluasi SAKIP Kabupaten Nunukan"
    assert visitor.locator("svg.chart[role=img]").count() == 3
    assert visitor.locator("svg.chart-bar rect.chart-s0").count() == 3
    assert visitor.locator("#pemda-grade").inner_text() == "BB"  # mean of 78.25, 66.4, 83.1 = 75.92
    rows = visitor.locator("#sakip-table tbody tr")
    assert rows.count() == 3
    assert rows.first.inner_text().split("\t")[0].strip() == "Badan Perencanaan Pembangunan Daerah"
    assert "A" in rows.first.inner_text()
    with visitor.expect_download() as info:
        visitor.locator("section[aria-labelledby=hasil-heading] .downloads a", has_text="CSV").click()
    csv_text = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0] == "OPD,Nilai 2025,Predikat,Keterangan,Nilai 2024,Perubahan"
    assert "Dinas Kesehatan,78.25,BB,Sangat Baik,72.5,5.75" in csv_text

    visitor.goto(f"{base}{report_page.url}")
    assert visitor.locator("svg.chart[role=img]").count() == 1
    assert visitor.locator("#report-table tbody tr").count() == 3
    assert visitor.locator("#report-table tfoot tr").count() == 2
    assert SECRET not in visitor.content()
    with visitor.expect_download() as info:
        visitor.locator("section[aria-labelledby=report-table-heading] .downloads a", has_text="CSV").click()
    report_csv = Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert "Pelayanan publik terpadu 2" in report_csv
    assert SECRET not in report_csv

    visitor.goto(f"{base}/")
    visitor.fill("#site-search-q", "evaluasi sakip")
    visitor.press("#site-search-q", "Enter")
    visitor.wait_for_url("**/search/?query=evaluasi*")
    results = visitor.locator(".search-result")
    titles = [results.nth(i).locator("h2").inner_text() for i in range(results.count())]
    assert "Hasil Evaluasi SAKIP Kabupaten Nunukan" in titles
    context.close()

    # --- screenshots --------------------------------------------------------------------
    shoot(browser, f"{base}{sakip_page.url}", "hasil-sakip")
    shoot(browser, f"{base}{report_page.url}", "laporan-terpublikasi")
    assert (SCREENSHOTS / "hasil-sakip-ponsel.png").stat().st_size > 0
    assert (SCREENSHOTS / "laporan-terpublikasi-desktop.png").stat().st_size > 0
