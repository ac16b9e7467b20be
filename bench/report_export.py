"""Report exports (CSV and XLSX) at 10,000 and 100,000 submissions: time, queries, peak memory.

Seeds one published form (text, integer, Rupiah, date, yes/no, choice, file, computed, a
two-row table), ``BENCH_EXPORT_OPDS`` OPDs (default 2,000) and as many assignments of that
form in one quarter as the size needs, each with one submitted report per OPD, written with
raw ``bulk_create`` in batches (the harness rolls everything back). The export measured is
the form × period export as a Pemda-wide user (``exports.export_plan(form=…, period=…)``):
the CSV generator consumed and encoded as the response would, and the XLSX workbook written
to a temporary file (what ``FileResponse`` then streams).

Per case: one untraced run giving the time, the queries, the peak resident memory during
the export (``/proc/self/statm`` sampled every 20 ms by a thread, minus the resident memory
before it) and the growth of the process's ``ru_maxrss`` (a high-water mark of the whole
process, so it only grows when an export needs more than anything before it, the seeding
included); then, for sizes up to ``BENCH_EXPORT_TRACE_MAX`` (default 10,000: tracemalloc
slows the export several times), one run under ``tracemalloc`` (peak of Python allocations).
The peak at 10,000 and at 100,000 rows should be about the same: memory stays flat.

    .venv/bin/python -m bench report_export
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sepakat_bench .venv/bin/python -m bench report_export
    BENCH_EXPORT_SIZES=2000,20000 .venv/bin/python -m bench report_export   # quicker
"""

import datetime as dt
import gc
import os
import resource
import tempfile
import threading
import time
import tracemalloc

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench import Figure
from forms_builder.models import FormVersion
from forms_builder.services import EXPORT_FORMAT, EXPORT_FORMAT_VERSION, form_import_json
from organizations.models import OPD, OPDKind
from reporting.exports.writers import export_plan, write_csv, write_xlsx
from reporting.models import Assignment, PeriodType, Submission, SubmissionStatus
from reporting.periods import deadline_for, periods_ensure

SIZES = tuple(int(s) for s in os.environ.get("BENCH_EXPORT_SIZES", "10000,100000").split(","))
OPDS = int(os.environ.get("BENCH_EXPORT_OPDS", "2000"))
TRACE_MAX = int(os.environ.get("BENCH_EXPORT_TRACE_MAX", "10000"))
BATCH = 5000
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 1048576

SCHEMA = {
    "schema_version": 1,
    "key": "bench_ekspor_laporan",
    "title": "Bench ekspor laporan",
    "description": "",
    "fields": [
        {"key": "uraian", "type": "short_text", "label": "Uraian"},
        {"key": "jumlah_pegawai", "type": "integer", "label": "Jumlah pegawai"},
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
        {
            "key": "realisasi",
            "type": "table",
            "label": "Realisasi anggaran",
            "columns": [
                {"key": "kegiatan", "type": "short_text", "label": "Kegiatan"},
                {"key": "pagu", "type": "rupiah", "label": "Pagu"},
                {"key": "realisasi", "type": "rupiah", "label": "Realisasi"},
                {"key": "serapan", "type": "computed", "label": "Serapan", "formula": "realisasi / pagu * 100"},
            ],
        },
        {"key": "total_pagu", "type": "computed", "label": "Total pagu", "formula": "sum(realisasi.pagu)"},
    ],
    "rules": [],
    "scoring": {},
}


def _answers(n: int) -> tuple[dict, dict]:
    answers = {
        "uraian": f"Pelayanan kesehatan dasar di Kecamatan Sebatik — kegiatan {n}",
        "jumlah_pegawai": 10 + n % 50,
        "anggaran": 1_500_000_000 + n,
        "tanggal_rapat": "2026-10-05",
        "ada_sop": n % 2 == 0,
        "tingkat": "ab"[n % 2],
        "dokumen": {"name": f"bukti-{n}.pdf", "size": 1024, "mime": "application/pdf", "attachment": "x"},
        "realisasi": [
            {"kegiatan": "Penyuluhan gizi seimbang", "pagu": 200_000_000, "realisasi": 150_000_000, "serapan": 75},
            {"kegiatan": "Rehabilitasi puskesmas", "pagu": 100_000_000, "realisasi": 25_000_000, "serapan": 25},
        ],
        "total_pagu": 300_000_000,
    }
    computed = {"total_pagu": 300_000_000, "realisasi.0.serapan": 75, "realisasi.1.serapan": 25}
    return answers, computed


class Seed:
    """The form, the OPDs and the period; ``grow(size)`` adds assignments until ``size`` rows exist."""

    def __init__(self):
        document = {"format": EXPORT_FORMAT, "format_version": EXPORT_FORMAT_VERSION, "form": SCHEMA}
        self.form = form_import_json(data=document, actor=None, publish=True)
        self.version = FormVersion.objects.filter(form=self.form).order_by("-number").first()
        self.period = periods_ensure(period_type=PeriodType.QUARTERLY, year=2026)[2]
        self.due_at, self.locks_at = deadline_for(period=self.period, due_days=10, grace_days=5)
        OPD.objects.bulk_create(
            [OPD(name=f"Bench Ekspor OPD {i:05d}", kind=OPDKind.DINAS) for i in range(OPDS)], batch_size=BATCH
        )
        self.opd_ids = list(
            OPD.objects.filter(name__startswith="Bench Ekspor OPD").order_by("pk").values_list("pk", flat=True)
        )
        self.rows = 0

    def grow(self, size: int) -> None:
        sent = timezone.make_aware(dt.datetime(2026, 10, 8, 9, 30))
        while self.rows < size:
            assignment = Assignment.objects.create(
                title=f"Bench penugasan {self.rows // OPDS + 1}", form=self.form, period_type=PeriodType.QUARTERLY
            )
            assignment.periods.add(self.period)
            take = self.opd_ids[: min(OPDS, size - self.rows)]
            for start in range(0, len(take), BATCH):
                batch = []
                for offset, opd_id in enumerate(take[start : start + BATCH]):
                    answers, computed = _answers(self.rows + start + offset)
                    batch.append(
                        Submission(
                            assignment=assignment,
                            period=self.period,
                            opd_id=opd_id,
                            form_version=self.version,
                            status=SubmissionStatus.SUBMITTED,
                            answers=answers,
                            computed=computed,
                            due_at=self.due_at,
                            locks_at=self.locks_at,
                            first_submitted_at=sent,
                            submitted_at=sent,
                            round=1,
                        )
                    )
                Submission.objects.bulk_create(batch)
                del batch
            self.rows += len(take)


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_MB


class _RssPeak:
    """Samples the resident memory in a thread while the block runs; ``peak`` in MB."""

    def __enter__(self):
        self.start = self.peak = _rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss_mb())

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss_mb())


def _csv(plan) -> int:
    return sum(len(chunk.encode("utf-8")) for chunk in write_csv(plan))


def _xlsx(plan) -> int:
    with tempfile.TemporaryFile() as handle:
        write_xlsx(plan, handle)
        return handle.tell()


def _measure(report, case: str, size: int, make_plan, write) -> None:
    gc.collect()
    reset_queries()
    before = _maxrss_mb()
    with CaptureQueriesContext(connection) as queries, _RssPeak() as rss:
        start = time.perf_counter()
        written = write(make_plan())
        elapsed = (time.perf_counter() - start) * 1000
    grew = _maxrss_mb() - before
    traced = ""
    if size <= TRACE_MAX:
        gc.collect()
        tracemalloc.start()
        traced_start = time.perf_counter()
        write(make_plan())
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        traced = f"tracemalloc peak {peak / 1048576:.1f} MB ({time.perf_counter() - traced_start:.0f} s traced), "
    report.figures.append(
        Figure(
            benchmark=report.benchmark,
            case=case,
            size=size,
            median_ms=elapsed,
            best_ms=elapsed,
            queries=len(queries),
            rounds=1,
        )
    )
    report.note(
        f"{case} at {size:,} rows: {traced}RSS peak +{rss.peak - rss.start:.1f} MB over {rss.start:.0f} MB, "
        f"ru_maxrss +{grew:.1f} MB (now {_maxrss_mb():.0f} MB), file {written / 1048576:.1f} MB, "
        f"{elapsed / 1000:.1f} s = {size / (elapsed / 1000):,.0f} rows/s"
    )


def run(report) -> None:
    debug = settings.DEBUG
    user = get_user_model().objects.create_superuser("bench-export", password=None)
    seed = Seed()
    for size in sorted(SIZES):
        settings.DEBUG = False  # no query log while seeding (large INSERT statements)
        started = time.perf_counter()
        seed.grow(size)
        settings.DEBUG = debug
        report.note(f"seeded {size:,} submissions ({OPDS:,} OPDs) in {time.perf_counter() - started:.1f} s")

        def plan():
            return export_plan(user=user, form=seed.form, period=seed.period)

        _measure(report, "CSV (main sheet)", size, plan, _csv)
        _measure(report, "XLSX (main + table sheet)", size, plan, _xlsx)
