"""The demo site gets a SAKIP results page and a published report page fed by published demo reports."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.management.color import no_style

from home.result_pages import PublishedReportPage, SakipResultsPage
from reporting.models import Submission, SubmissionStatus
from reporting.selectors import public_answers

pytestmark = pytest.mark.django_db


def _load_demo() -> None:
    from forms_builder import demo as forms_demo
    from home import demo as home_demo
    from organizations import demo as org_demo
    from reporting import demo as reporting_demo

    org_demo.load(stdout=io.StringIO(), style=no_style())
    forms_demo.load(stdout=io.StringIO(), style=no_style())  # the templates
    reporting_demo.load(stdout=io.StringIO(), style=no_style())  # publishes LKE SAKIP and some SPM reports
    for _ in range(2):
        home_demo.load(stdout=io.StringIO(), style=no_style())


def _section(html: str, anchor: str) -> str:
    start = html.index(anchor)
    return html[start : html.index("</section>", start)]


def test_demo_result_pages(client):
    _load_demo()

    sakip = SakipResultsPage.objects.get()
    assert sakip.live
    assert sakip.form.key == "lke_sakip"
    html = client.get(sakip.url).content.decode()
    table = html[html.index('id="sakip-table"') : html.index("</table>", html.index('id="sakip-table"'))]
    assert table.count("<tr>") == 1 + 5  # header + the five demo OPDs
    assert "Dinas Kesehatan" in table
    assert html.count('<svg class="chart') == 3
    assert "Rata-rata OPD" in html  # the demo's Setda files no LKE: the Pemda row is the OPDs' mean

    report = PublishedReportPage.objects.get()
    assert report.live
    assert report.form.key == "spm"
    r = client.get(report.url)
    assert r.status_code == 200
    assert 'id="report-table"' in r.content.decode()
    assert client.get(report.url + "data/tabel/csv/").status_code == 200


def test_demo_public_pages_show_spm_figures_and_sakip_indicators(client):
    _load_demo()

    # SPM: the public figures of the published demo reports reach the page, its CSV and JSON
    report = PublishedReportPage.objects.get()
    published = Submission.objects.filter(assignment__form__key="spm", status=SubmissionStatus.PUBLISHED)
    assert published.count() >= 2
    dinkes = published.filter(opd__acronym="Dinkes").order_by("period__start").first()
    mean = Decimal(str(dinkes.answers["capaian_rata_rata"]))
    served = sum(row["terlayani"] for row in dinkes.answers["layanan"])
    table = _section(client.get(report.url).content.decode(), 'id="report-table-heading"')
    assert "Rata-rata capaian SPM (%)" in table
    assert f"{mean:.2f}".replace(".", ",") in table  # e.g. 98,68 (Indonesian decimal comma)
    rows = list(csv.reader(io.StringIO(client.get(report.url + "data/tabel/csv/").content.decode("utf-8-sig"))))
    header = rows[0]
    dinkes_rows = [r for r in rows if r[0] == "Dinas Kesehatan" and r[1] == str(dinkes.period)]
    assert len(dinkes_rows) == 1
    assert Decimal(dinkes_rows[0][header.index("Rata-rata capaian SPM (%)")]) == mean
    served_column = next(i for i, h in enumerate(header) if "Terlayani" in h)
    assert int(dinkes_rows[0][served_column]) == served
    assert rows[-2][0] == "Jumlah"
    assert rows[-2][header.index("Rata-rata capaian SPM (%)")] == ""  # no sum of means

    # SAKIP: the latest year's indicators with their achievement (lower is better: (2 - 11.8/13) x 100)
    sakip = SakipResultsPage.objects.get()
    indicators = _section(client.get(sakip.url).content.decode(), 'id="indikator-heading"')
    assert "Angka kematian bayi per 1.000 kelahiran hidup" in indicators
    assert "109,23" in indicators
    assert "Persentase ibu hamil mendapatkan pelayanan kesehatan sesuai standar" in indicators
    assert "96,95" in indicators  # 92.1 / 95 x 100
    data = json.loads(client.get(sakip.url + "data/indikator/json/").content)
    by_name = {r["indikator"]: r for r in data["rows"]}
    assert Decimal(str(by_name["Angka kematian bayi per 1.000 kelahiran hidup"]["capaian"])) == Decimal("109.23")


def test_demo_public_report_page_shows_no_private_spm_field(client):
    from reporting.demo import SPM_NOTES

    _load_demo()
    report = PublishedReportPage.objects.get()
    published = Submission.objects.filter(assignment__form__key="spm", status=SubmissionStatus.PUBLISHED)
    notes = {row.get("keterangan") for sub in published for row in sub.answers["layanan"]} - {None, ""}
    assert notes == set(SPM_NOTES.values())  # the internal notes are there, in published reports
    # the selector behind every public page hands out the public answers only
    for sub in published:
        answers = public_answers(submission=sub)
        assert set(answers) == {"layanan", "capaian_rata_rata"}
        assert all(set(row) == {"sasaran", "terlayani", "capaian"} for row in answers["layanan"])
    # the page's columns are the public figures only (no year, no note)
    data = json.loads(client.get(report.url + "data/tabel/json/").content)
    assert [c["key"] for c in data["columns"]] == [
        "opd",
        "periode",
        "layanan.sasaran",
        "layanan.terlayani",
        "capaian_rata_rata",
    ]
    for url in (report.url, report.url + "data/tabel/csv/", report.url + "data/tabel/json/"):
        body = client.get(url).content.decode("utf-8-sig")
        assert "Rata-rata capaian SPM" in body
        for note in notes:
            assert note not in body
            assert json.dumps(note)[1:-1] not in body  # nor escaped in the JSON
        assert "Keterangan" not in body


def test_demo_spbe_and_spm_pages_show_the_published_figures(client):
    from home.spbe_spm_pages import SpbeResultsPage, SpmResultsPage

    _load_demo()
    spbe_page, spm_page = SpbeResultsPage.objects.get(), SpmResultsPage.objects.get()  # once, loaded twice
    assert spbe_page.live
    assert spbe_page.show_in_menus
    spbe = client.get("/api/v1/results/spbe/").json()
    assert len(spbe["years"]) == 2  # two published self-assessments by Diskominfotik
    (entry,) = spbe["results"]
    assert len(entry["domains"]) == 4 and len(entry["aspects"]) == 8  # noqa: PT018
    assert spbe["history"][0]["index"] < spbe["history"][1]["index"]  # levels rise in the second year
    html = client.get(spbe_page.url).content.decode()
    assert f'id="predikat-spbe">{entry["predikat"]}<' in html
    spm_response = client.get("/api/v1/results/spm/")
    if spm_response.status_code == 404:  # in the first quarter nothing of this year's SPM is published yet
        assert "Belum ada laporan SPM" in client.get(spm_page.url).content.decode()
        return
    spm = spm_response.json()
    assert len(spm["services"]) == 6
    html = client.get(spm_page.url).content.decode()
    for service in spm["services"]:
        assert f'id="kategori-{service["key"]}">{service["category"]}<' in html
