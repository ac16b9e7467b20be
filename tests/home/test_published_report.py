"""The published report page: per-OPD public fields, totals and means; private data never leaks."""

import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError

from home.result_pages import PublishedReportPage
from reporting.models import PeriodType
from tests.factories import OPDFactory, make_assignment, make_report_form, pdf_upload, site_home
from tests.factories.home import _publish
from tests.factories.public_results import publish_submission, superuser

pytestmark = pytest.mark.django_db

SECRET = "RAHASIA-INTERNAL-7731"
SECRET_FILE = "lampiran-rahasia-5519.pdf"


def answers(n: int, **extra) -> dict:
    data = {
        "nama_kegiatan": f"Pelayanan terpadu {n}",
        "jumlah_pegawai": 10 * n,
        "catatan_internal": f"{SECRET} untuk OPD {n}",
        "realisasi": [
            {"kegiatan": "Belanja modal", "pagu": 1_000_000 * n, "realisasi": 800_000 * n},
            {"kegiatan": "Belanja pegawai", "pagu": 500_000, "realisasi": 500_000},
        ],
    }
    data.update(extra)
    return data


def build(opds, *, year=2026, numbers=(1,), attach=False):
    actor = superuser()
    form = make_report_form(key="laporan_publik")
    assignment = make_assignment(
        form=form, opds=opds, period_type=PeriodType.QUARTERLY, year=year, numbers=list(numbers), actor=actor
    )
    for i, sub in enumerate(assignment.submissions.select_related("opd").order_by("opd__name"), start=1):
        files = {"dokumen": pdf_upload(name=SECRET_FILE)} if attach and i == 1 else None
        publish_submission(sub, answers=answers(i), actor=actor, files=files)
    return form, assignment


def report_page(form, **kwargs) -> PublishedReportPage:
    kwargs.setdefault("year", 2026)
    page = PublishedReportPage(title="Laporan Realisasi OPD", slug="laporan-realisasi", form=form, **kwargs)
    return _publish(site_home(), page)


def test_public_fields_totals_and_means_without_private_data(client):
    opds = [OPDFactory(name="Dinas Kesehatan"), OPDFactory(name="Dinas Pendidikan")]
    form, assignment = build(opds, attach=True)
    period = assignment.periods.get()
    page = report_page(form, period=period, year=None)

    r = client.get(page.url)
    assert r.status_code == 200
    html = r.content.decode()
    assert "Pelayanan terpadu 1" in html
    assert "Pelayanan terpadu 2" in html
    assert "Dinas Kesehatan" in html
    assert "Dinas Pendidikan" in html
    table = html[html.index('id="report-table"') :]
    assert "Jumlah pegawai" in table
    assert ">30<" in table  # total of 10 and 20 employees
    assert ">15<" in table  # their mean
    assert "4.000.000" in table  # pagu summed: (1,000,000 + 500,000) + (2,000,000 + 500,000)
    assert "jumlah Serapan" not in table  # a ratio column is never summed
    assert html.count('<svg class="chart') == 1
    # never the private field, the file field or the attachment
    for body in (
        html,
        client.get(page.url + "data/tabel/csv/").content.decode("utf-8-sig"),
        client.get(page.url + "data/tabel/json/").content.decode(),
        client.get(page.url + "data/grafik/csv/").content.decode("utf-8-sig"),
        client.get(page.url + "data/grafik/json/").content.decode(),
    ):
        assert SECRET not in body
        assert SECRET_FILE not in body
        assert "Catatan internal" not in body
        assert "Dokumen pendukung" not in body


def test_csv_and_json_downloads(client):
    form, _assignment = build([OPDFactory(name="Dinas Kesehatan"), OPDFactory(name="Dinas Sosial")])
    page = report_page(form)
    r = client.get(page.url + "data/tabel/csv/")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["OPD", "Periode", "Nama kegiatan", "Jumlah pegawai"]
    assert rows[1][0] == "Dinas Kesehatan"
    assert rows[1][3] == "10"
    assert rows[-2][0] == "Jumlah"
    assert rows[-2][3] == "30"
    assert rows[-1][0] == "Rata-rata"
    assert rows[-1][3] == "15"
    data = json.loads(client.get(page.url + "data/tabel/json/").content)
    assert [row["opd"] for row in data["rows"]] == ["Dinas Kesehatan", "Dinas Sosial"]
    assert data["rows"][1]["jumlah_pegawai"] == 20
    assert data["footer"][0]["jumlah_pegawai"] == 30
    chart = json.loads(client.get(page.url + "data/grafik/json/").content)
    assert chart["series"][0]["values"] == [10.0, 20.0]


def test_unpublished_reports_are_not_shown(client):
    from reporting import workflow

    actor = superuser()
    form, _assignment = build([OPDFactory(name="Dinas Kesehatan")])
    other = OPDFactory(name="Dinas Perhubungan")
    second = make_assignment(
        form=form, opds=[other], period_type=PeriodType.QUARTERLY, year=2026, numbers=[1], actor=actor
    )
    sub = second.submissions.get()
    import datetime

    from django.utils import timezone

    sub = workflow.submission_reopen(
        submission=sub, actor=actor, until=timezone.now() + datetime.timedelta(days=1), reason="uji"
    )
    sub = workflow.submission_save_draft(submission=sub, actor=actor, answers=answers(9))
    workflow.submission_verify(submission=workflow.submission_submit(submission=sub, actor=actor), actor=actor)
    html = client.get(report_page(form).url).content.decode()
    assert "Dinas Kesehatan" in html
    assert "Dinas Perhubungan" not in html
    assert "Pelayanan terpadu 9" not in html


def test_editor_must_choose_form_and_period_or_year():
    page = PublishedReportPage(title="x", slug="x", form=None, year=None)
    with pytest.raises(ValidationError) as exc:
        page.clean()
    assert {"form", "year"} <= set(exc.value.message_dict)


@pytest.mark.parametrize("size", [3, 12])
def test_query_count_is_flat(client, django_assert_max_num_queries, size):
    form, _ = build([OPDFactory() for _ in range(size)])
    page = report_page(form)
    with django_assert_max_num_queries(16):
        r = client.get(page.url)
    assert r.status_code == 200
    assert r.content.decode().count("Pelayanan terpadu") == size


def test_purged_when_a_report_is_published(client, django_capture_on_commit_callbacks):
    actor = superuser()
    form, _ = build([OPDFactory(name="Dinas Kesehatan")])
    page = report_page(form)
    assert "Dinas Pariwisata" not in client.get(page.url).content.decode()
    late = make_assignment(
        form=form,
        opds=[OPDFactory(name="Dinas Pariwisata")],
        period_type=PeriodType.QUARTERLY,
        year=2026,
        numbers=[1],
        actor=actor,
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish_submission(late.submissions.get(), answers=answers(4), actor=actor)
    assert "Dinas Pariwisata" in client.get(page.url).content.decode()
