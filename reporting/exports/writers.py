"""Exports of periodic reports: the submissions of an assignment (or a form) and a period.

One row per OPD submission, one column per field key (``exports.columns``): OPD, status,
sent at (the Pemda's time zone), on time or late, then the fields in schema order
(computed values included), then the score total and its band when the form scores.

Decisions (see ``docs/adr/0008-report-exports.md``):

- Tables: the XLSX file holds one extra sheet per table field (OPD, row number, row label
  for fixed rows, then the columns) and a "Kamus data" sheet (key → label → type). A CSV
  holds one sheet only, so each table is its own CSV (``write_csv(plan, table=key)``), a
  separate streamed download; no ZIP, because a ZIP of several CSVs can only be streamed
  by reading the submissions once per member and most people want one sheet at a time.
- Memory stays flat: the rows are read with ``values_list`` (only the needed columns,
  never the version schema per row) and ``.iterator(chunk_size=CHUNK_SIZE)``; the CSV is
  a generator for ``StreamingHttpResponse``; the XLSX is written by ``exports.xlsx_stream`` (each
  sheet spooled to its own temporary file, one XML string per row; openpyxl's write-only
  mode was ~10× slower) into a temporary file that the door streams with ``FileResponse``.
- Speed: everything per export is prepared once (labels, a converter per column,
  ``_RowMaker``); per row there is no schema lookup, translation or style object.
- Query count does not depend on the number of rows: versions, the Pemda's zone, OPD
  names (only when an OPD-choice field exists) and one iterated query.
- Visibility comes from ``reporting.selectors.visible_submissions``: an OPD user
  exports only its own OPDs' rows, whatever the door asks for.
- Every export is a sensitive read (``export_log`` → ``audit.reads.log_sensitive_read``).
- Text cells starting with = + - @ (or tab/CR) are prefixed with ' (formula injection),
  in the CSV and in the XLSX; numbers stay numbers, dates become dates.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from forms_builder.models import FormDefinition, FormVersion

from ..models import Assignment, ReportingPeriod, SubmissionStatus
from ..periods import local_zone, period_label
from ..selectors import visible_submissions
from .columns import Column, TableSheet, cell_converter, has_scoring, safe_text, schema_columns

CHUNK_SIZE = 2000
CSV_BUFFER = 64 * 1024
FORMATS = ("csv", "xlsx")
_FIELDS = (
    "opd__name",
    "assignment__title",
    "status",
    "submitted_at",
    "first_submitted_at",
    "due_at",
    "answers",
    "computed",
    "score",
)


@dataclass
class ExportPlan:
    """What one export writes: its columns, table sheets and the (lazy) rows it reads."""

    title: str
    period: ReportingPeriod
    assignment: Assignment | None
    form: FormDefinition
    columns: list[Column]
    tables: list[TableSheet]
    scored: bool
    zone: ZoneInfo
    records: QuerySet
    opd_names: dict[int, str] = field(default_factory=dict)
    now: dt.datetime = field(default_factory=timezone.now)

    @property
    def filename(self) -> str:
        return slugify(f"{self.title} {period_label(self.period)}")[:80] or "laporan"

    def table(self, key: str) -> TableSheet | None:
        return next((t for t in self.tables if t.key == key), None)


def may_export(user) -> bool:
    """Whether the export page is worth showing: Pemda-wide readers and OPD members."""
    from organizations.selectors import has_global_role, is_opd_member

    from ..selectors import READER_ROLES

    if not getattr(user, "is_authenticated", False):
        return False
    return has_global_role(user, *READER_ROLES) or is_opd_member(user)


def exportable_assignments(*, user) -> QuerySet[Assignment]:
    """Assignments with at least one submission ``user`` may see (the export page's choices)."""
    return (
        Assignment.objects.filter(pk__in=visible_submissions(user=user).values("assignment_id"))
        .select_related("form")
        .order_by("title", "pk")
    )


def _schemas(form: FormDefinition, records: QuerySet) -> list[dict]:
    """The newest version of the form first, then older versions some submission is pinned to."""
    used = records.values("form_version_id")
    newest = FormVersion.objects.filter(form=form).order_by("-number").values("pk")[:1]
    versions = FormVersion.objects.filter(form=form, pk__in=used) | FormVersion.objects.filter(pk__in=newest)
    return [v.schema for v in versions.order_by("-number")]


def export_plan(
    *, user, period: ReportingPeriod, assignment: Assignment | None = None, form: FormDefinition | None = None
) -> ExportPlan:
    """The export of ``assignment`` (or every assignment of ``form``) for ``period``, as ``user`` sees it."""
    if (assignment is None) == (form is None):
        raise ValueError("export_plan needs exactly one of assignment or form")
    records = visible_submissions(user=user).filter(period=period).prefetch_related(None)
    if assignment is not None:
        records, form, title = records.filter(assignment=assignment), assignment.form, assignment.title
    else:
        records, title = records.filter(assignment__form=form), form.title
    schemas = _schemas(form, records)
    columns, tables = schema_columns(schemas)
    opd_names: dict[int, str] = {}
    if any(c.kind == "opd_choice" for c in [*columns, *(c for t in tables for c in t.columns)]):
        from organizations.models import OPD

        opd_names = dict(OPD.objects.values_list("pk", "name"))
    return ExportPlan(
        title=title,
        period=period,
        assignment=assignment,
        form=form,
        columns=columns,
        tables=tables,
        scored=has_scoring(schemas),
        zone=local_zone(),
        records=records.order_by("opd__name", "assignment__title", "pk").values_list(*_FIELDS),
        opd_names=opd_names,
    )


def export_log(*, user, plan: ExportPlan, fmt: str, door: str, table: str | None = None) -> None:
    """Record the export as a sensitive read (who exported which reports, in which format)."""
    from audit.reads import log_sensitive_read

    detail = f"{fmt} period={plan.period.pk} form={plan.form.pk}" + (f" table={table}" if table else "")
    log_sensitive_read(user=user, obj=plan.assignment or plan.form, action="forms.export", door=door, detail=detail)


# --- rows -------------------------------------------------------------------------------


def _labels() -> dict[str, str]:
    """Translated words used on every row, looked up once per export."""
    labels = {str(k): str(v) for k, v in SubmissionStatus.choices}
    labels.update(
        yes=_("Ya"),
        no=_("Tidak"),
        on_time=_("Tepat waktu"),
        late=_("Terlambat"),
        overdue=_("Belum dikirim, lewat batas"),
        pending=_("Belum dikirim"),
    )
    return labels


def _timeliness(first_submitted_at, due_at, now, labels: dict[str, str]) -> str:
    if first_submitted_at is not None:
        return labels["on_time"] if first_submitted_at <= due_at else labels["late"]
    return labels["overdue"] if now > due_at else labels["pending"]


def main_headers(plan: ExportPlan) -> list[str]:
    fixed = [_("OPD")] + ([_("Penugasan")] if plan.assignment is None else [])
    fixed += [_("Status"), _("Dikirim pada"), _("Ketepatan waktu")]
    score = [_("Nilai akhir"), _("Predikat")] if plan.scored else []
    return fixed + [c.key for c in plan.columns] + score


def table_headers(sheet: TableSheet) -> list[str]:
    fixed = [_("OPD"), _("Baris")] + ([_("Uraian baris")] if sheet.row_labels else [])
    return fixed + [c.key for c in sheet.columns]


def _records(plan: ExportPlan) -> Iterator[tuple]:
    return plan.records.iterator(chunk_size=CHUNK_SIZE)


class _RowMaker:
    """Turns records into typed rows; labels and per-column converters are prepared once per export."""

    def __init__(self, plan: ExportPlan):
        self.plan, self.labels = plan, _labels()
        self.with_title, self.zone, self.now = plan.assignment is None, plan.zone, plan.now
        options = {"opd_names": plan.opd_names, "yes": self.labels["yes"], "no": self.labels["no"]}
        self.main = [(c.key, c.kind == "computed", cell_converter(c, **options)) for c in plan.columns]
        self.tables = {
            sheet.key: [(c.key, c.kind == "computed", cell_converter(c, **options)) for c in sheet.columns]
            for sheet in plan.tables
        }

    def main_row(self, record: tuple) -> list[Any]:
        opd, title, status, submitted_at, first_at, due_at, answers, computed, score = record
        answers, computed, labels = answers or {}, computed or {}, self.labels
        local = submitted_at.astimezone(self.zone).replace(tzinfo=None, microsecond=0) if submitted_at else None
        row: list[Any] = [opd, title] if self.with_title else [opd]
        row += [labels.get(status, status), local, _timeliness(first_at, due_at, self.now, labels)]
        get, computed_get = answers.get, computed.get
        row += [
            convert(computed_get(key, get(key)) if is_computed else get(key)) for key, is_computed, convert in self.main
        ]
        if self.plan.scored:
            total = (score or {}).get("total") or {}
            row += [total.get("score"), total.get("band")]
        return row

    def table_rows(self, sheet: TableSheet, record: tuple) -> Iterator[list[Any]]:
        opd, answers, computed = record[0], record[6] or {}, record[7] or {}
        rows = answers.get(sheet.key) or []
        if not rows:
            return
        if isinstance(rows, dict):  # fixed rows sent as {"row_key": {...}}: keep the designed order
            rows = list(rows.values())
        columns, labels = self.tables[sheet.key], sheet.row_labels
        for i, raw in enumerate(rows):
            if not isinstance(raw, dict):
                continue
            row: list[Any] = [opd, i + 1]
            if labels:
                row.append(labels[i] if i < len(labels) else None)
            get = raw.get
            for key, is_computed, convert in columns:
                value = get(key)
                if is_computed:
                    value = computed.get(f"{sheet.key}.{i}.{key}", value)
                row.append(convert(value))
            yield row


def export_rows(plan: ExportPlan, *, table: str | None = None) -> Iterator[list[Any]]:
    """Typed rows of the main sheet, or of table ``table`` (no header), read in chunks."""
    sheet = plan.table(table) if table else None
    if table and sheet is None:
        raise KeyError(table)
    maker = _RowMaker(plan)
    for record in _records(plan):
        if sheet is None:
            yield maker.main_row(record)
        else:
            yield from maker.table_rows(sheet, record)


# --- CSV --------------------------------------------------------------------------------


def _csv_text(value: Any) -> str:
    cls = value.__class__
    if cls is str:
        return safe_text(value)
    if cls is int:
        return str(value)
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        text = repr(value)
        return format(Decimal(text), "f") if "e" in text else text
    return safe_text(str(value)) if isinstance(value, str) else str(value)


def write_csv(plan: ExportPlan, *, table: str | None = None) -> Iterator[str]:
    """The CSV text in pieces of about 64 KB: UTF-8 BOM (Excel), header, rows; formulas neutralised."""
    headers = table_headers(plan.table(table)) if table else main_headers(plan)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([safe_text(h) for h in headers])
    for row in export_rows(plan, table=table):
        writer.writerow([_csv_text(v) for v in row])
        if buffer.tell() >= CSV_BUFFER:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def export_row_count(plan: ExportPlan) -> int:
    """Rows of the main sheet (one per visible submission): decides inline or background."""
    return plan.records.count()


def write_file(plan: ExportPlan, fmt: str, handle) -> None:
    """Write the export into a binary file object (a background export's file): same writers as the doors."""
    if fmt == "csv":
        for piece in write_csv(plan):
            handle.write(piece.encode("utf-8"))
    elif fmt == "xlsx":
        write_xlsx(plan, handle)
    else:
        raise ValueError(fmt)


# --- XLSX -------------------------------------------------------------------------------

NUMBER_FORMATS = {
    "rupiah": '"Rp" #,##0',
    "percentage": "0.00",
    "date": "DD/MM/YYYY",
    "datetime": "DD/MM/YYYY HH:MM",
}


def _sheet_title(text: str, taken: set[str]) -> str:
    clean = "".join(" " if ch in "[]:*?/\\" else ch for ch in str(text)).strip() or "Tabel"
    title, n = clean[:31], 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = clean[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _xlsx_text(value: Any) -> Any:
    return safe_text(value) if isinstance(value, str) else value


def write_xlsx(plan: ExportPlan, handle) -> None:
    """Write the workbook into ``handle`` (a temporary file): main sheet, one sheet per table, data dictionary."""
    from .xlsx_stream import XlsxStream

    book = XlsxStream(handle)
    taken: set[str] = set()
    headers = main_headers(plan)
    fixed = ["text"] * (len(headers) - len(plan.columns) - (2 if plan.scored else 0))
    fixed[-2] = "datetime"
    kinds = fixed + [c.kind for c in plan.columns] + (["decimal", "text"] if plan.scored else [])
    main = book.sheet(_sheet_title(_("Laporan"), taken), [NUMBER_FORMATS.get(k) for k in kinds])
    main.header([safe_text(h) for h in headers])
    sheets = []
    for sheet in plan.tables:
        kinds = ["text", "integer"] + (["text"] if sheet.row_labels else []) + [c.kind for c in sheet.columns]
        target = book.sheet(_sheet_title(sheet.label, taken), [NUMBER_FORMATS.get(k) for k in kinds])
        target.header([safe_text(h) for h in table_headers(sheet)])
        sheets.append((sheet, target))
    maker = _RowMaker(plan)
    for record in _records(plan):
        main.append([_xlsx_text(v) for v in maker.main_row(record)])
        for sheet, target in sheets:
            for row in maker.table_rows(sheet, record):
                target.append([_xlsx_text(v) for v in row])
    dictionary = book.sheet(_sheet_title(_("Kamus data"), taken), [None] * 4)
    dictionary.header([_("Kunci"), _("Label"), _("Jenis"), _("Lembar")])
    for column in plan.columns:
        dictionary.append([safe_text(column.key), safe_text(column.label), column.kind, _("Laporan")])
    for sheet in plan.tables:
        for column in sheet.columns:
            dictionary.append([safe_text(column.key), safe_text(column.label), column.kind, safe_text(sheet.label)])
    book.close()
