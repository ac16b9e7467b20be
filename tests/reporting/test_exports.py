"""Exports of periodic reports (CSV and XLSX) through the admin door, and the export service.

Submissions hold what ``workflow.submission_submit`` stores (``validate_answers`` cleaned
answers and computed values, ``score_answers`` scores), written on the expected rows
directly so these tests exercise the export alone (the workflow has its own tests); a
late first submission and a file answer are set the same way.
"""

import csv
import datetime as dt
import io
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import SensitiveRead
from forms_builder.scoring import score_answers
from forms_builder.validation import validate_answers
from organizations.roles import GlobalRole
from reporting.exports.columns import safe_text, schema_columns
from reporting.exports.writers import export_plan, export_rows, write_csv
from reporting.models import Submission, SubmissionStatus
from tests.factories import OPDFactory, PemdaFactory, UserFactory, opd_user
from tests.factories.forms import make_form
from tests.factories.reports import editor_user, make_assignment

pytestmark = pytest.mark.django_db

WITA = zoneinfo.ZoneInfo("Asia/Makassar")
NOTE = "Penyuluhan “Gizi Seimbang” – Desa Aji Kuning, Sebatik Tengah"
INJECTION = '=HYPERLINK("http://jahat.example","klik")'


def export_schema(key: str) -> dict:
    return {
        "schema_version": 1,
        "key": key,
        "title": "Laporan Ekspor",
        "description": "",
        "fields": [
            {
                "key": "umum",
                "type": "section",
                "label": "Umum",
                "fields": [
                    {"key": "uraian", "type": "short_text", "label": "Uraian"},
                    {"key": "jumlah_pegawai", "type": "integer", "label": "Jumlah pegawai", "weight": 1},
                    {"key": "anggaran", "type": "rupiah", "label": "Anggaran"},
                    {"key": "tanggal_rapat", "type": "date", "label": "Tanggal rapat"},
                    {"key": "ada_sop", "type": "yes_no", "label": "Ada SOP?"},
                    {
                        "key": "tingkat",
                        "type": "single_choice",
                        "label": "Tingkat",
                        "choices": [{"value": "a", "label": "Awal"}, {"value": "b", "label": "Berkembang"}],
                    },
                    {"key": "dokumen", "type": "file", "label": "Dokumen", "allowed_types": ["pdf"]},
                ],
            },
            {
                "key": "realisasi",
                "type": "table",
                "label": "Realisasi anggaran",
                "max_rows": 10,
                "columns": [
                    {"key": "kegiatan", "type": "short_text", "label": "Kegiatan"},
                    {"key": "pagu", "type": "rupiah", "label": "Pagu"},
                    {"key": "realisasi", "type": "rupiah", "label": "Realisasi"},
                    {
                        "key": "serapan",
                        "type": "computed",
                        "label": "Serapan",
                        "formula": "realisasi / pagu * 100",
                        "decimals": 2,
                    },
                ],
            },
            {"key": "total_pagu", "type": "computed", "label": "Total pagu", "formula": "sum(realisasi.pagu)"},
        ],
        "rules": [],
        "scoring": {"label": "Nilai akhir", "decimals": 2},
    }


def answers_for(n: int, *, uraian: str | None = None) -> dict:
    return {
        "uraian": uraian or f"Kegiatan OPD {n}",
        "jumlah_pegawai": 10 + n,
        "anggaran": 1_500_000_000 + n,
        "tanggal_rapat": "2026-10-05",
        "ada_sop": True,
        "tingkat": "b",
        "realisasi": [
            {"kegiatan": NOTE, "pagu": 200_000_000, "realisasi": 150_000_000},
            {"kegiatan": "Rehab gedung", "pagu": 100_000_000, "realisasi": 25_000_000},
        ],
    }


def submit(submission: Submission, answers: dict, at: dt.datetime) -> None:
    """Store what a submission holds once submitted (the workflow's shapes)."""
    version = submission.assignment.form.versions.order_by("-number").first()
    result = validate_answers(schema=version.schema, answers=answers)
    assert result.is_valid, result.errors
    submission.form_version = version
    submission.answers, submission.computed = result.cleaned, result.computed
    submission.score = score_answers(schema=version.schema, cleaned=result.cleaned)
    submission.status, submission.round = SubmissionStatus.SUBMITTED, 1
    submission.first_submitted_at = submission.submitted_at = at
    submission.save()


@pytest.fixture
def setup(db):
    PemdaFactory()  # WITA
    form = make_form(export_schema(f"laporan_ekspor_{timezone.now():%H%M%S%f}"))
    opd_a = OPDFactory(name="Dinas Kesehatan")
    opd_b = OPDFactory(name="Kecamatan Sebatik")
    opd_c = OPDFactory(name="Bappeda")
    assignment = make_assignment(form=form, opds=[opd_a, opd_b, opd_c], numbers=[4], title="Laporan Triwulan")
    period = assignment.periods.get()
    operator_a = opd_user(opd_a)
    sub_a = Submission.objects.get(assignment=assignment, period=period, opd=opd_a)
    sub_b = Submission.objects.get(assignment=assignment, period=period, opd=opd_b)
    submit(sub_a, answers_for(1), timezone.now())
    submit(sub_b, answers_for(2, uraian=INJECTION), sub_b.due_at + dt.timedelta(days=2))
    answers_b = {**sub_b.answers, "dokumen": {"name": "bukti.pdf", "size": 10, "mime": "application/pdf"}}
    Submission.objects.filter(pk=sub_b.pk).update(answers=answers_b)
    return {
        "form": form,
        "assignment": assignment,
        "period": period,
        "opds": (opd_a, opd_b, opd_c),
        "subs": (sub_a, sub_b),
        "operator_a": operator_a,
        "editor": editor_user(),
    }


def url(assignment, period, **params):
    base = reverse("reporting_report_export_download", args=[assignment.pk, period.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def get_csv(client, address) -> list[list[str]]:
    response = client.get(address)
    assert response.status_code == 200, response
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def get_xlsx(client, address):
    response = client.get(address)
    assert response.status_code == 200, response
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def rows_by_opd(sheet) -> tuple[list, dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return list(rows[0]), {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}


def test_xlsx_has_typed_values_tables_sheet_and_indonesian_text(client, setup):
    client.force_login(setup["editor"])
    workbook = get_xlsx(client, url(setup["assignment"], setup["period"], format="xlsx"))
    assert workbook.sheetnames == ["Laporan", "Realisasi anggaran", "Kamus data"]
    headers, rows = rows_by_opd(workbook["Laporan"])
    assert headers[:4] == ["OPD", "Status", "Dikirim pada", "Ketepatan waktu"]
    assert headers[4:] == [
        "uraian", "jumlah_pegawai", "anggaran", "tanggal_rapat", "ada_sop", "tingkat", "dokumen",
        "total_pagu", "Nilai akhir", "Predikat",
    ]  # fmt: skip
    assert set(rows) == {"Dinas Kesehatan", "Kecamatan Sebatik", "Bappeda"}
    a, b, c = rows["Dinas Kesehatan"], rows["Kecamatan Sebatik"], rows["Bappeda"]
    sub_a = setup["subs"][0]
    assert a["Status"] == "Dikirim"
    assert c["Status"] == "Belum dimulai"
    assert a["Dikirim pada"] == timezone.localtime(sub_a.submitted_at, WITA).replace(tzinfo=None, microsecond=0)
    assert (a["Ketepatan waktu"], b["Ketepatan waktu"]) == ("Tepat waktu", "Terlambat")
    assert a["jumlah_pegawai"] == 11
    assert isinstance(a["jumlah_pegawai"], int)
    assert a["anggaran"] == 1_500_000_001
    assert a["tanggal_rapat"] == dt.datetime(2026, 10, 5)
    assert (a["ada_sop"], a["tingkat"]) == ("Ya", "Berkembang")
    assert a["total_pagu"] == 300_000_000
    assert a["Nilai akhir"] == 11
    assert b["dokumen"] == "bukti.pdf"
    assert a["dokumen"] is None
    assert c["uraian"] is None
    assert c["Dikirim pada"] is None
    # number formats: Rupiah as a number with a format, dates as dates
    main = list(workbook["Laporan"].iter_rows(min_row=2))
    first = next(r for r in main if r[0].value == "Dinas Kesehatan")
    assert first[headers.index("anggaran")].number_format == '"Rp" #,##0'
    assert first[headers.index("anggaran")].data_type == "n"
    assert first[headers.index("tanggal_rapat")].is_date

    table = list(workbook["Realisasi anggaran"].iter_rows(values_only=True))
    assert table[0] == ("OPD", "Baris", "kegiatan", "pagu", "realisasi", "serapan")
    assert ("Dinas Kesehatan", 1, NOTE, 200_000_000, 150_000_000, 75) in table
    assert ("Kecamatan Sebatik", 2, "Rehab gedung", 100_000_000, 25_000_000, 25) in table
    assert len(table) == 5  # header + two rows for each of two submitted OPDs

    dictionary = list(workbook["Kamus data"].iter_rows(values_only=True))
    assert ("anggaran", "Anggaran", "rupiah", "Laporan") in dictionary
    assert ("serapan", "Serapan", "computed", "Realisasi anggaran") in dictionary


def test_csv_main_and_table_parse_with_csv_module(client, setup):
    client.force_login(setup["editor"])
    rows = get_csv(client, url(setup["assignment"], setup["period"], format="csv"))
    header, data = rows[0], {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert header[:5] == ["OPD", "Status", "Dikirim pada", "Ketepatan waktu", "uraian"]
    a = data["Dinas Kesehatan"]
    assert (a["anggaran"], a["tanggal_rapat"], a["ada_sop"], a["total_pagu"]) == (
        "1500000001",
        "2026-10-05",
        "Ya",
        "300000000",
    )
    local = timezone.localtime(setup["subs"][0].submitted_at, WITA)
    assert a["Dikirim pada"] == local.strftime("%Y-%m-%d %H:%M:%S")
    assert data["Bappeda"]["uraian"] == ""

    table = get_csv(client, url(setup["assignment"], setup["period"], format="csv", table="realisasi"))
    assert table[0] == ["OPD", "Baris", "kegiatan", "pagu", "realisasi", "serapan"]
    assert ["Dinas Kesehatan", "1", NOTE, "200000000", "150000000", "75"] in table
    assert len(table) == 5


def test_formula_injection_is_neutralised_in_csv_and_xlsx(client, setup):
    client.force_login(setup["editor"])
    rows = get_csv(client, url(setup["assignment"], setup["period"], format="csv"))
    row = next(r for r in rows if r[0] == "Kecamatan Sebatik")
    assert row[rows[0].index("uraian")] == "'" + INJECTION
    workbook = get_xlsx(client, url(setup["assignment"], setup["period"], format="xlsx"))
    cells = next(r for r in workbook["Laporan"].iter_rows(min_row=2) if r[0].value == "Kecamatan Sebatik")
    cell = cells[rows[0].index("uraian")]
    assert cell.value == "'" + INJECTION
    assert cell.data_type == "s"
    assert [safe_text(v) for v in ("+1", "-x", "@a", "biasa", 5)] == ["'+1", "'-x", "'@a", "biasa", 5]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_opd_user_never_exports_another_opds_rows(client, setup, fmt):
    client.force_login(setup["operator_a"])
    address = url(setup["assignment"], setup["period"], format=fmt)
    if fmt == "csv":
        names = [r[0] for r in get_csv(client, address)[1:]]
        table = [r[0] for r in get_csv(client, address + "&table=realisasi")[1:]]
    else:
        workbook = get_xlsx(client, address)
        names = [r[0] for r in workbook["Laporan"].iter_rows(min_row=2, values_only=True)]
        table = [r[0] for r in workbook["Realisasi anggaran"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Dinas Kesehatan"]
    assert set(table) == {"Dinas Kesehatan"}


def test_assignment_without_own_rows_is_not_found_for_opd_user(client, setup):
    other = make_assignment(form=setup["form"], opds=[setup["opds"][1]], numbers=[4], title="Lain")
    client.force_login(setup["operator_a"])
    assert client.get(url(other, other.periods.get(), format="csv")).status_code == 404
    page = client.get(reverse("reporting_report_export"))
    assert page.status_code == 200
    assert [a.pk for a in page.context["assignments"]] == [setup["assignment"].pk]
    assert client.get(reverse("reporting_report_export") + f"?assignment={other.pk}").status_code == 404


def test_user_without_reports_sees_nothing(client, setup):
    desk = UserFactory(roles=[GlobalRole.COMPLAINT_DESK])
    client.force_login(desk)
    assert client.get(url(setup["assignment"], setup["period"], format="csv")).status_code == 404
    client.logout()
    assert client.get(url(setup["assignment"], setup["period"], format="csv")).status_code == 302  # to login


def test_export_is_logged_as_sensitive_read(client, setup):
    client.force_login(setup["editor"])
    before = SensitiveRead.objects.count()
    get_csv(client, url(setup["assignment"], setup["period"], format="csv", table="realisasi"))
    get_xlsx(client, url(setup["assignment"], setup["period"], format="xlsx"))
    reads = list(SensitiveRead.objects.order_by("pk")[before:])
    assert [(r.action, r.door, r.model, r.object_id) for r in reads] == [
        ("forms.export", "admin", "reporting.assignment", str(setup["assignment"].pk))
    ] * 2
    assert reads[0].user_id == setup["editor"].pk
    assert reads[0].detail.startswith("csv ")
    assert "table=realisasi" in reads[0].detail
    assert reads[1].detail.startswith("xlsx ")


def test_bad_parameters_answer_400_or_404(client, setup):
    client.force_login(setup["editor"])
    assignment, period = setup["assignment"], setup["period"]
    other_period = make_assignment(form=setup["form"], opds=[setup["opds"][0]], numbers=[3]).periods.get()
    assert client.get(url(assignment, period, format="pdf")).status_code == 400
    assert client.get(url(assignment, period, format="xlsx", table="realisasi")).status_code == 400
    assert client.get(url(assignment, period, format="csv", table="tidak_ada")).status_code == 404
    assert client.get(url(assignment, other_period, format="csv")).status_code == 404
    missing = reverse("reporting_report_export_download", args=[999999, period.pk])
    assert client.get(missing).status_code == 404
    page = reverse("reporting_report_export")
    assert client.get(page + "?assignment=abc").status_code == 400
    assert client.get(page + "?assignment=999999").status_code == 404
    assert client.post(url(assignment, period, format="csv")).status_code == 405
    assert SensitiveRead.objects.filter(action="forms.export").count() == 0


def test_export_page_offers_periods_and_table_downloads(client, setup):
    client.force_login(setup["editor"])
    page = client.get(reverse("reporting_report_export") + f"?assignment={setup['assignment'].pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert url(setup["assignment"], setup["period"]) + "?format=xlsx" in html
    assert "format=csv&amp;table=realisasi" in html


def _grow(setup, count: int) -> None:
    """More submitted OPDs on the same assignment and period (rows set directly: speed)."""
    sub_a = Submission.objects.get(pk=setup["subs"][0].pk)
    for _i in range(count):
        opd = OPDFactory()
        setup["assignment"].opds.add(opd)
        Submission.objects.create(
            assignment=sub_a.assignment,
            period=sub_a.period,
            opd=opd,
            form_version=sub_a.form_version,
            status=SubmissionStatus.SUBMITTED,
            answers=sub_a.answers,
            computed=sub_a.computed,
            score=sub_a.score,
            due_at=sub_a.due_at,
            locks_at=sub_a.locks_at,
            first_submitted_at=sub_a.first_submitted_at,
            submitted_at=sub_a.submitted_at,
        )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_query_count_does_not_grow_with_rows(client, setup, django_assert_max_num_queries, fmt):
    client.force_login(setup["editor"])
    address = url(setup["assignment"], setup["period"], format=fmt)
    for extra in (0, 40):
        _grow(setup, extra)
        with django_assert_max_num_queries(18):
            response = client.get(address)
            body = b"".join(response.streaming_content)
        assert response.status_code == 200
        assert body


def test_form_export_spans_assignments_and_lists_them(setup):
    form, period = setup["form"], setup["period"]
    make_assignment(form=form, opds=[setup["opds"][2]], numbers=[4], title="Penugasan Tambahan")
    plan = export_plan(user=setup["editor"], form=form, period=period)
    text = "".join(write_csv(plan))
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert header[:3] == ["OPD", "Penugasan", "Status"]
    rows = list(export_rows(plan))
    assert sorted((r[0], r[1]) for r in rows) == [
        ("Bappeda", "Laporan Triwulan"),
        ("Bappeda", "Penugasan Tambahan"),
        ("Dinas Kesehatan", "Laporan Triwulan"),
        ("Kecamatan Sebatik", "Laporan Triwulan"),
    ]
    operator_rows = list(export_rows(export_plan(user=setup["operator_a"], form=form, period=period)))
    assert [r[0] for r in operator_rows] == ["Dinas Kesehatan"]


def test_columns_line_up_across_versions_newest_first():
    old = {"fields": [{"key": "a", "type": "integer"}, {"key": "lama", "type": "short_text"}]}
    new = {
        "fields": [
            {"key": "b", "type": "date"},
            {"key": "a", "type": "integer"},
            {"key": "t", "type": "table", "label": "T", "columns": [{"key": "x", "type": "rupiah"}]},
        ]
    }
    columns, tables = schema_columns([new, old])
    assert [c.key for c in columns] == ["b", "a", "lama"]
    assert [(t.key, [c.key for c in t.columns]) for t in tables] == [("t", ["x"])]


def test_xlsx_stream_round_trips_through_openpyxl():
    from decimal import Decimal

    from reporting.exports.columns import Column, cell_converter, cell_value
    from reporting.exports.xlsx_stream import XlsxStream

    handle = io.BytesIO()
    book = XlsxStream(handle)
    sheet = book.sheet("Lembar [uji]".replace("[", "(").replace("]", ")"), [None, '"Rp" #,##0', "0.00", "DD/MM/YYYY"])
    sheet.header(["teks", "rupiah", "persen", "tanggal"])
    sheet.append(["a < b & c > d\x01\r\nbaris", 1_500_000_001, 12.5, dt.date(2026, 10, 5)])
    sheet.append([None, Decimal("2.50"), float("nan"), dt.datetime(2026, 10, 8, 17, 30, 15)])
    other = book.sheet("Kedua", [])
    other.append(["x", True, 3])
    book.close()
    workbook = load_workbook(io.BytesIO(handle.getvalue()))
    assert workbook.sheetnames == ["Lembar (uji)", "Kedua"]
    first = workbook["Lembar (uji)"]
    assert first.freeze_panes == "B2"
    assert first["A1"].font.b
    assert not first["A2"].font.b
    assert [c.value for c in first[2]] == ["a < b & c > d\r\nbaris", 1_500_000_001, 12.5, dt.datetime(2026, 10, 5)]
    assert (first["B2"].number_format, first["C2"].number_format) == ('"Rp" #,##0', "0.00")
    assert first["A3"].value is None
    assert (first["B3"].value, first["C3"].value) == (2.5, "nan")
    assert first["D3"].value == dt.datetime(2026, 10, 8, 17, 30, 15)
    assert first["D3"].is_date
    assert [c.value for c in workbook["Kedua"][1]] == ["x", True, 3]
    # the per-column fast paths give what cell_value gives
    columns = [
        Column("n", "N", "integer"),
        Column("d", "D", "date"),
        Column("c", "C", "single_choice", {"a": "Awal"}),
        Column("t", "T", "short_text"),
        Column("f", "F", "file"),
    ]
    samples = [None, "", [], 0, 7, 2.5, True, False, "a", "2026-10-05", "bukan tanggal", {"name": "x.pdf"}, ["a", 1]]
    for column in columns:
        convert = cell_converter(column, opd_names={}, yes="Ya", no="Tidak")
        for value in samples:
            assert convert(value) == cell_value(column, value, opd_names={}, yes="Ya", no="Tidak"), (column, value)
