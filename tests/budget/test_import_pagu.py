"""Pagu import (original and revised pagu with its date) through the same importer as the monthly
figures: every bad row named and the file refused whole; the fixed file creates and revises lines;
the same file twice changes nothing; a corrected file replaces the pagu with history. By the
service and through the admin door."""

import io

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from budget.imports.apply import import_apply, import_preview
from budget.imports.pagu import parse_date
from budget.models import BatchStatus, BudgetLine, FiscalYear, ImportBatch, ImportKind, ImportProfile, Realisation
from organizations.roles import GlobalRole
from planning.models import NomenclatureNode
from tests.factories import BUDGET_TODAY, UserFactory, budget_world

pytestmark = pytest.mark.django_db

HEADER = ["SKPD", "Kode Sub Kegiatan", "Sumber Dana", "Pagu Murni", "Pagu Perubahan", "Tgl Perubahan"]
COLUMNS = dict(
    zip(
        ["opd", "sub_kegiatan", "funding_source", "original_amount", "revised_amount", "revised_on"],
        HEADER,
        strict=True,
    )
)


@pytest.fixture
def world():
    with time_machine.travel(BUDGET_TODAY, tick=False):
        year = budget_world(opds=2, with_contracts=0)
    profile = ImportProfile.objects.create(name="SIPD pagu", kind=ImportKind.PAGU, columns=COLUMNS)
    manager = UserFactory(roles=[GlobalRole.BUDGET_MANAGER])
    lines = list(BudgetLine.objects.select_related("opd_budget__opd", "sub_kegiatan", "funding_source").order_by("pk"))
    used = set(BudgetLine.objects.filter(opd_budget=lines[0].opd_budget).values_list("sub_kegiatan_id", flat=True))
    spare = (
        NomenclatureNode.objects.filter(version_id=year.nomenclature_id, level="sub_kegiatan")
        .exclude(pk__in=used)
        .order_by("code")
        .first()
    )
    assert spare is not None
    return year, profile, manager, lines, spare


def _row(line, original, revised="", on=""):
    return [line.opd_budget.opd.name, line.sub_kegiatan.code, line.funding_source.code, original, revised, on]


def _xlsx(rows, name="pagu.xlsx") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _preview(world, data: bytes, name="pagu.xlsx"):
    year, profile, manager, _lines, _spare = world
    return import_preview(
        profile=profile, fiscal_year=year, upload=ContentFile(data, name=name), actor=manager, today=BUDGET_TODAY
    )


def _pagu_snapshot():
    return sorted(BudgetLine.objects.values_list("pk", "original_amount", "revised_amount", "revised_on"))


def test_dates_are_read_in_the_forms_exports_use():
    import datetime as dt

    assert parse_date("2026-08-20 00:00:00") == dt.date(2026, 8, 20)
    assert parse_date("20/08/2026") == parse_date("20-08-2026") == parse_date("20.08.2026") == dt.date(2026, 8, 20)
    assert parse_date("31/02/2026") is None
    assert parse_date("besok") is None


def test_bad_rows_are_named_and_the_file_is_refused_whole(world):
    import datetime as dt

    _year, _profile, manager, lines, spare = world
    spent = Realisation.objects.filter(line=lines[3]).values_list("amount", flat=True)
    spent_total = sum(spent)
    assert spent_total > 0
    before, count = _pagu_snapshot(), BudgetLine.objects.count()
    opd = lines[0].opd_budget.opd.name
    rows = [
        _row(lines[0], lines[0].pagu),
        [opd, "9.99.99.2.99.9999", "PAD", 1000, "", ""],
        _row(lines[1], -5),
        [opd, spare.code, "DANA-X", 1000, "", ""],
        _row(lines[2], 1000, 2000, ""),
        _row(lines[4], 1000, 2000, "20/12/2026"),
        _row(lines[0], 7),
        _row(lines[3], spent_total - 1),
        _row(lines[5], lines[5].pagu, lines[5].pagu, dt.datetime(2026, 8, 20)),
    ]
    batch, check = _preview(world, _xlsx(rows))
    assert batch.status == BatchStatus.REFUSED
    assert batch.errors == [
        "Baris 3: Kode sub-kegiatan “9.99.99.2.99.9999” tidak ada di nomenklatur tahun anggaran ini.",
        "Baris 4: Nilai negatif (-5) tidak diterima.",
        "Baris 5: Sumber dana “DANA-X” tidak dikenal.",
        "Baris 6: Pagu perubahan dan tanggalnya diisi bersama.",
        "Baris 7: Tanggal perubahan 20/12/2026 di luar tahun anggaran 2026 atau di masa depan.",
        "Baris 8: Sub-kegiatan dan sumber dana ini sudah ada di baris 2.",
        f"Baris 9: Pagu Rp {spent_total - 1:,} di bawah realisasi yang sudah tercatat Rp {spent_total:,}.".replace(
            ",", "."
        ),
    ]
    assert check.error_count == 7
    with pytest.raises(ValidationError):
        import_apply(batch=batch, actor=manager, today=BUDGET_TODAY)
    assert (_pagu_snapshot(), BudgetLine.objects.count()) == (before, count)


def test_fixed_file_creates_and_revises_then_the_same_file_changes_nothing(world):
    import datetime as dt

    _year, _profile, manager, lines, spare = world
    source = lines[0].funding_source.code
    up = lines[0].pagu + 1_000_000
    revised = lines[1].pagu + 250_000_000
    rows = [
        _row(lines[0], up),
        _row(lines[1], lines[1].pagu, f"{revised:,}".replace(",", "."), "20/08/2026"),
        [lines[0].opd_budget.opd.acronym, spare.code, source, "750.000.000", "", ""],
    ]
    data = _xlsx(rows)
    batch, check = _preview(world, data)
    assert batch.status == BatchStatus.PREVIEWED, batch.errors
    assert check.rows == 3
    import_apply(batch=batch, actor=manager, today=BUDGET_TODAY)
    lines[0].refresh_from_db()
    lines[1].refresh_from_db()
    assert (lines[0].original_amount, lines[0].pagu) == (up, up)
    assert (lines[1].revised_amount, lines[1].revised_on, lines[1].pagu) == (revised, dt.date(2026, 8, 20), revised)
    created = BudgetLine.objects.get(opd_budget=lines[0].opd_budget, sub_kegiatan=spare)
    assert (created.original_amount, created.revised_amount, created.funding_source.code) == (750_000_000, None, source)
    assert created.history.count() == 1
    snapshot, histories = _pagu_snapshot(), BudgetLine.history.count()

    again, again_check = _preview(world, data, name="pagu-lagi.xlsx")
    assert (again.pk, again_check) == (batch.pk, None)
    import_apply(batch=again, actor=manager, today=BUDGET_TODAY)
    assert (_pagu_snapshot(), BudgetLine.history.count()) == (snapshot, histories)


def test_corrected_file_replaces_the_pagu_with_history(world):
    _year, _profile, manager, lines, _spare = world
    original = lines[0].original_amount
    high, corrected = lines[0].pagu + 2_000_000, lines[0].pagu + 1_000_000
    first, _c = _preview(world, _xlsx([_row(lines[0], high), _row(lines[1], lines[1].original_amount)]))
    import_apply(batch=first, actor=manager, today=BUDGET_TODAY)
    untouched = lines[1].history.count()
    fixed, _c = _preview(world, _xlsx([_row(lines[0], corrected), _row(lines[1], lines[1].original_amount)]))
    import_apply(batch=fixed, actor=manager, today=BUDGET_TODAY)
    lines[0].refresh_from_db()
    assert lines[0].original_amount == corrected
    amounts = list(lines[0].history.order_by("history_id").values_list("original_amount", "history_change_reason"))
    assert amounts[-3:] == [
        (original, amounts[-3][1]),
        (high, f"Impor pagu #{first.pk}"),
        (corrected, f"Impor pagu #{fixed.pk}"),
    ]
    assert lines[1].history.count() == untouched  # the same amount again writes no history


def _upload(rows) -> SimpleUploadedFile:
    return SimpleUploadedFile("pagu.xlsx", _xlsx(rows), content_type="application/octet-stream")


def test_admin_door_new_profile_map_refuse_then_fixed_file_applies(world):
    _year, _profile, manager, lines, _spare = world
    ImportProfile.objects.all().delete()
    client = Client()
    client.force_login(manager)
    year = FiscalYear.objects.get()
    bad = [_row(lines[0], lines[0].pagu + 5), _row(lines[1], "tiga juta")]
    response = client.post(
        "/admin/budget/import/",
        {"fiscal_year": year.pk, "new_profile": "Ekspor SIPD pagu", "kind": "pagu", "file": _upload(bad)},
    )
    batch = ImportBatch.objects.get()
    assert response["Location"].endswith(f"/budget/import/{batch.pk}/map/")
    page = client.get(response["Location"]).content.decode()
    assert "Pagu perubahan (Rp)" in page
    assert "Tanggal perubahan" in page
    client.post(f"/admin/budget/import/{batch.pk}/map/", COLUMNS)
    profile = ImportProfile.objects.get()
    assert (profile.kind, profile.columns) == (ImportKind.PAGU, COLUMNS)
    page = client.get(f"/admin/budget/import/{batch.pk}/").content.decode()
    assert "Baris 3: Nilai “tiga juta” bukan angka." in page
    assert "Terapkan impor" not in page
    client.post(f"/admin/budget/import/{batch.pk}/")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.REFUSED
    assert BudgetLine.objects.get(pk=lines[0].pk).original_amount == lines[0].original_amount

    dotted = f"{lines[1].pagu + 7:,}".replace(",", ".")
    fixed = [_row(lines[0], lines[0].pagu + 5), _row(lines[1], dotted)]
    response = client.post(
        "/admin/budget/import/", {"fiscal_year": year.pk, "profile": profile.pk, "kind": "pagu", "file": _upload(fixed)}
    )
    batch = ImportBatch.objects.latest("pk")
    assert response["Location"].endswith(f"/budget/import/{batch.pk}/")
    assert "membuat atau mengganti pagu" in client.get(response["Location"]).content.decode()
    client.post(f"/admin/budget/import/{batch.pk}/")
    batch.refresh_from_db()
    assert batch.status == BatchStatus.APPLIED
    assert BudgetLine.objects.get(pk=lines[0].pk).original_amount == lines[0].pagu + 5
    assert BudgetLine.objects.get(pk=lines[1].pk).original_amount == lines[1].pagu + 7


def test_cash_plan_is_the_same_importer_with_its_kind(world):
    """The monthly cash plan (anggaran kas): December may be planned in October; a negative row refuses
    the file; the fixed file replaces the months it covers and the old figures go to history."""
    from budget.models import CashPlan, FigureRevision

    year, _profile, manager, lines, _spare = world
    profile = ImportProfile.objects.create(
        name="SIPD anggaran kas",
        kind=ImportKind.CASH_PLAN,
        columns={"opd": "SKPD", "sub_kegiatan": "Kode", "funding_source": "Dana", "month": "Bulan", "amount": "Kas"},
    )

    def upload(rows):
        book = Workbook()
        sheet = book.active
        sheet.append(["SKPD", "Kode", "Dana", "Bulan", "Kas"])
        for line, month, amount in rows:
            sheet.append([line.opd_budget.opd.name, line.sub_kegiatan.code, line.funding_source.code, month, amount])
        out = io.BytesIO()
        book.save(out)
        return import_preview(
            profile=profile, fiscal_year=year, upload=ContentFile(out.getvalue(), name="kas.xlsx"), actor=manager,
            today=BUDGET_TODAY,
        )  # fmt: skip

    old = CashPlan.objects.get(line=lines[0], month=12).amount
    bad, _c = upload([(lines[0], "Desember", 1_000), (lines[1], 12, -1)])
    assert bad.errors == ["Baris 3: Nilai negatif (-1) tidak diterima."]
    assert CashPlan.objects.get(line=lines[0], month=12).amount == old
    fixed, _c = upload([(lines[0], "Desember", 1_000), (lines[1], 12, 1)])
    import_apply(batch=fixed, actor=manager, today=BUDGET_TODAY)
    assert CashPlan.objects.get(line=lines[0], month=12).amount == 1_000
    revision = FigureRevision.objects.get(kind=ImportKind.CASH_PLAN, line=lines[0], month=12)
    assert (revision.old_amount, revision.new_amount, revision.batch_id) == (old, 1_000, fixed.pk)
