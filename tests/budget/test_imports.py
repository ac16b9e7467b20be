"""Realisation import: every bad row named and the file refused whole; the fixed file imports;
the same file twice changes nothing; a corrected file replaces the month with history."""

import csv
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from openpyxl import Workbook

from budget.imports.apply import import_apply, import_preview
from budget.models import BatchStatus, BudgetLine, FigureRevision, ImportKind, ImportProfile, Realisation
from organizations.roles import GlobalRole
from tests.factories import BUDGET_TODAY, UserFactory, budget_world

pytestmark = pytest.mark.django_db

HEADER = ["Nama SKPD", "Kode Sub Kegiatan", "Sumber Dana", "Bulan", "Nilai SP2D"]


@pytest.fixture
def world():
    with time_machine.travel(BUDGET_TODAY, tick=False):
        year = budget_world(opds=2, with_contracts=0)
    profile = ImportProfile.objects.create(
        name="SIPD realisasi",
        kind=ImportKind.REALISATION,
        columns={
            "opd": "Nama SKPD",
            "sub_kegiatan": "Kode Sub Kegiatan",
            "funding_source": "Sumber Dana",
            "month": "Bulan",
            "amount": "Nilai SP2D",
        },
    )
    manager = UserFactory(roles=[GlobalRole.BUDGET_MANAGER])
    lines = list(BudgetLine.objects.select_related("opd_budget__opd", "sub_kegiatan", "funding_source").order_by("pk"))
    return year, profile, manager, lines


def _row(line, month, amount):
    return [line.opd_budget.opd.name, line.sub_kegiatan.code, line.funding_source.code, str(month), amount]


def _xlsx(rows) -> ContentFile:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return ContentFile(out.getvalue(), name="realisasi.xlsx")


def _csv(rows) -> ContentFile:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return ContentFile(out.getvalue().encode(), name="realisasi.csv")


def _preview(world, upload):
    year, profile, manager, _lines = world
    return import_preview(profile=profile, fiscal_year=year, upload=upload, actor=manager, today=BUDGET_TODAY)


def test_bad_rows_are_named_and_nothing_is_written(world):
    _year, _profile, manager, lines = world
    before = list(Realisation.objects.order_by("pk").values_list("amount", flat=True))
    rows = [
        _row(lines[0], 9, "1.000.000"),
        [lines[0].opd_budget.opd.name, "9.99.99.2.99.9999", lines[0].funding_source.code, "9", "5"],
        _row(lines[1], 9, "-5"),
        _row(lines[2], 11, "100"),
        _row(lines[3], 9, str(lines[3].pagu + 1)),
        ["Dinas Tidak Ada", lines[0].sub_kegiatan.code, "PAD", "9", "1"],
    ]
    batch, _check = _preview(world, _xlsx(rows))
    assert batch.status == BatchStatus.REFUSED
    messages = "\n".join(batch.errors)
    assert "Baris 3: Kode sub-kegiatan “9.99.99.2.99.9999” tidak dikenal" in messages
    assert "Baris 4: Nilai negatif" in messages
    assert "Baris 5: Bulan 11/2026 belum berjalan" in messages
    assert "Baris 6: Realisasi kumulatif" in messages
    assert "melebihi pagu" in messages
    assert "Baris 7: OPD “Dinas Tidak Ada” tidak dikenal" in messages
    assert batch.error_count == 5
    with pytest.raises(ValidationError):
        import_apply(batch=batch, actor=manager, today=BUDGET_TODAY)
    assert list(Realisation.objects.order_by("pk").values_list("amount", flat=True)) == before


def test_fixed_file_imports_and_the_same_file_twice_changes_nothing(world):
    _year, _profile, manager, lines = world
    rows = [_row(lines[0], 9, "1.000.000"), _row(lines[0], 9, "250.000,40"), _row(lines[1], 10, "7000")]
    first = _xlsx(rows)
    first_bytes = first.read()
    first.seek(0)
    batch, check = _preview(world, first)
    assert batch.status == BatchStatus.PREVIEWED
    assert check.rows == 3
    import_apply(batch=batch, actor=manager, today=BUDGET_TODAY)
    assert Realisation.objects.get(line=lines[0], month=9).amount == 1_250_000
    assert Realisation.objects.get(line=lines[1], month=10).amount == 7000
    revisions = FigureRevision.objects.count()
    snapshot = sorted(Realisation.objects.values_list("line_id", "month", "amount"))

    again, again_check = _preview(world, ContentFile(first_bytes, name="realisasi-lagi.xlsx"))
    assert again.pk == batch.pk
    assert again_check is None
    import_apply(batch=again, actor=manager, today=BUDGET_TODAY)
    assert sorted(Realisation.objects.values_list("line_id", "month", "amount")) == snapshot
    assert FigureRevision.objects.count() == revisions


def test_corrected_file_replaces_the_month_with_history(world):
    _year, _profile, manager, lines = world
    first, _c = _preview(world, _csv([_row(lines[0], 9, "1000"), _row(lines[1], 9, "2000")]))
    import_apply(batch=first, actor=manager, today=BUDGET_TODAY)
    fixed, _c = _preview(world, _csv([_row(lines[0], 9, "1500")]))
    import_apply(batch=fixed, actor=manager, today=BUDGET_TODAY)
    assert Realisation.objects.get(line=lines[0], month=9).amount == 1500
    same_opd = lines[1].opd_budget_id == lines[0].opd_budget_id
    assert Realisation.objects.filter(line=lines[1], month=9).exists() is not same_opd
    history = FigureRevision.objects.filter(line=lines[0], month=9, batch=fixed).get()
    assert (history.old_amount, history.new_amount) == (1000, 1500)


def test_only_an_importer_may_import(world):
    year, profile, _manager, _lines = world
    leader = UserFactory(roles=[GlobalRole.LEADER])
    with pytest.raises(PermissionDenied):
        import_preview(profile=profile, fiscal_year=year, upload=_csv([]), actor=leader, today=BUDGET_TODAY)


def test_a_profile_naming_a_missing_column_is_refused_on_the_header(world):
    _year, profile, _manager, lines = world
    profile.columns = {**profile.columns, "amount": "Jumlah"}
    profile.save()
    batch, _c = _preview(world, _csv([_row(lines[0], 9, "1")]))
    assert batch.status == BatchStatus.REFUSED
    assert batch.errors == ["Baris 1: Kolom “Jumlah” tidak ada di baris judul."]


def test_the_worker_job_applies_a_batch_as_an_audited_actor(world):
    from audit.models import AuditEvent
    from budget.jobs import import_apply as job

    _year, _profile, manager, lines = world
    batch, _check = _preview(world, _csv([_row(lines[0], 9, "4321")]))
    with time_machine.travel(BUDGET_TODAY, tick=False):
        assert job(batch.pk, manager.pk) == "applied"
    assert Realisation.objects.get(line=lines[0], month=9).amount == 4321
    assert AuditEvent.objects.filter(actor="job:budget_import", model__iexact="budget.importbatch").exists()
