"""Serap: a year of realisation for 550 Pemda-sized budgets (≈ 5M SP2D rows), imported streaming.

Seeds ``BENCH_BUDGET_BUDGETS`` OPD budgets (default 550) on the demo nomenclature, each with every
demo sub-kegiatan from two funding sources (≈ 68 lines), writes a CSV export of
``BENCH_BUDGET_ROWS`` SP2D rows (default 5,000,000) to a temporary file, then measures the import:
the streaming check (csv reader, sums per line and month, every row validated) and the write of
the monthly figures (bulk, with one revision row per figure). Prints rows/s and the peak resident
memory above the start (``/proc/self/statm`` sampled every 20 ms): it stays flat with the row
count (bounded by lines × months). Then the dashboard reads at this size: their query counts are
the same as at any size.

    .venv/bin/python -m bench budget_import
    BENCH_BUDGET_ROWS=1000000 .venv/bin/python -m bench budget_import      # quicker
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import tempfile
import time

from django.conf import settings
from django.contrib.auth import get_user_model

from bench import Figure
from bench.report_export import _RssPeak
from budget.absorption import absorption_rows, absorption_trend
from budget.imports.apply import figures_replace
from budget.imports.check import import_check
from budget.models import BudgetLine, FiscalYear, FundingSource, ImportBatch, ImportKind, ImportProfile, OPDBudget
from organizations.models import OPD, OPDKind
from planning.demo import demo_nomenclature_version
from planning.models import NomenclatureLevel, NomenclatureNode

ROWS = int(os.environ.get("BENCH_BUDGET_ROWS", "5000000"))
BUDGETS = int(os.environ.get("BENCH_BUDGET_BUDGETS", "550"))
HEADER = ["Nama SKPD", "Kode Sub Kegiatan", "Sumber Dana", "Bulan", "Nilai SP2D"]


class _Peak(_RssPeak):
    """The report export benchmark's sampler, with the growth above the start."""

    @property
    def growth(self) -> float:
        return self.peak - self.start


def _seed() -> tuple[FiscalYear, list[tuple[str, str, str, int]]]:
    version = demo_nomenclature_version()
    year = FiscalYear.objects.create(year=dt.date.today().year - 1, nomenclature=version)
    sources = [FundingSource.objects.get_or_create(code=c, defaults={"name": c})[0] for c in ("BENCH-A", "BENCH-B")]
    opds = OPD.objects.bulk_create(
        [OPD(name=f"OPD Bench {i:04d}", acronym=f"B{i:04d}", kind=OPDKind.DINAS) for i in range(BUDGETS)]
    )
    budgets = OPDBudget.objects.bulk_create([OPDBudget(fiscal_year=year, opd=o) for o in opds])
    subs = list(NomenclatureNode.objects.filter(version=version, level=NomenclatureLevel.SUB_KEGIATAN))
    lines = [
        BudgetLine(opd_budget=b, sub_kegiatan=s, funding_source=f, original_amount=10**13)
        for b in budgets
        for s in subs
        for f in sources
    ]
    BudgetLine.objects.bulk_create(lines, batch_size=5000)
    keys = [(b.opd.name, s.code, f.code, 0) for b in budgets for s in subs for f in sources]
    return year, keys


def _write_csv(path: str, keys: list[tuple[str, str, str, int]]) -> None:
    rng = random.Random(5)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        for i in range(ROWS):
            opd, code, source, _zero = keys[i % len(keys)]
            writer.writerow((opd, code, source, rng.randint(1, 12), rng.randint(1_000, 50_000_000)))


def run(report) -> None:
    debug = settings.DEBUG
    settings.DEBUG = False  # no query log while seeding and importing
    started = time.perf_counter()
    year, keys = _seed()
    report.note(f"seeded {BUDGETS:,} budgets, {len(keys):,} budget lines in {time.perf_counter() - started:.1f} s")
    profile = ImportProfile.objects.create(
        name="bench", kind=ImportKind.REALISATION,
        columns=dict(zip(["opd", "sub_kegiatan", "funding_source", "month", "amount"], HEADER, strict=True)),
    )  # fmt: skip
    user = get_user_model().objects.create_superuser("bench-budget", password=None)
    with tempfile.NamedTemporaryFile(suffix=".csv", delete=False) as tmp:
        path = tmp.name
    try:
        started = time.perf_counter()
        _write_csv(path, keys)
        size_mb = os.path.getsize(path) / 1048576
        report.note(f"wrote {ROWS:,} SP2D rows ({size_mb:.0f} MB CSV) in {time.perf_counter() - started:.1f} s")
        with open(path, "rb") as handle, _Peak() as peak:
            started = time.perf_counter()
            check = import_check(profile=profile, fiscal_year=year, handle=handle, today=dt.date.today())
            check_s = time.perf_counter() - started
        assert check.error_count == 0, check.errors[:3]
        report.note(
            f"check (stream + validate + sum): {check_s:.1f} s, {ROWS / check_s:,.0f} rows/s, "
            f"{len(check.sums):,} monthly figures, peak memory +{peak.growth:.0f} MB"
        )
        batch = ImportBatch.objects.create(
            profile=profile, fiscal_year=year, file_name="bench.csv", digest="0" * 64, created_by=user
        )
        with _Peak() as peak:
            started = time.perf_counter()
            figures_replace(batch=batch, check=check, actor=user)
            write_s = time.perf_counter() - started
        report.note(
            f"write {len(check.sums):,} figures + revisions: {write_s:.1f} s; whole import "
            f"{ROWS / (check_s + write_s):,.0f} rows/s; peak memory +{peak.growth:.0f} MB"
        )
    finally:
        os.unlink(path)
    settings.DEBUG = debug
    month = 12
    report.measure(
        "absorption per OPD (all)", BUDGETS, lambda: absorption_rows(user=None, year=year.year, month=month), rounds=3
    )
    report.measure("absorption per programme", BUDGETS,
                   lambda: absorption_rows(user=None, year=year.year, month=month, by="program"), rounds=3)  # fmt: skip
    report.measure(
        "trend vs cash plan", BUDGETS, lambda: absorption_trend(user=None, year=year.year, month=month), rounds=3
    )
    report.figures.append(
        Figure("budget_import", "import rows", ROWS, (check_s + write_s) * 1000, check_s * 1000, 0, 1)
    )
