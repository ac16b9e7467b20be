"""Aggregates of a form's published submissions for the public report page.

Only published submissions (``published_submissions``) and only the answers
``public_answers`` returns are read; on top of that a field is shown only when the form
version marks it ``public`` and it is not a file: two independent guards, so a private
field or an attachment cannot reach the page, its CSV or its JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from forms_builder.schema import iter_fields
from reporting.selectors import public_answers, published_submissions

from .charts import ChartData, Series
from .datasets import Column, Table

NUMERIC_TYPES = ("integer", "decimal", "rupiah", "percentage", "computed")
ADDITIVE_TYPES = ("integer", "decimal", "rupiah")
SKIPPED_TYPES = ("section", "heading", "file", "table")
UNITS = {"rupiah": "Rp", "percentage": "%"}


@dataclass(frozen=True)
class PublicField:
    key: str  # answer key, or "table.column" for a table's summed column
    label: str
    type: str
    numeric: bool
    choices: dict

    @property
    def unit(self) -> str:
        return UNITS.get(self.type, "")


@dataclass
class ReportResults:
    title: str
    period_label: str
    fields: list[PublicField]
    table: Table
    count: int


def public_fields(schema: dict) -> list[PublicField]:
    """The form version's public, non-file fields; a public table contributes its numeric columns' sums."""
    out = []
    for ref in iter_fields(schema):
        spec = ref.spec
        kind = spec.get("type")
        if ref.table:
            continue
        if kind == "table":
            for col in spec.get("columns") or []:
                # only additive columns: a sum of ratios (computed, percentage) means nothing
                if col.get("type") in ADDITIVE_TYPES and (spec.get("public") or col.get("public")):
                    out.append(
                        PublicField(
                            key=f"{spec['key']}.{col['key']}",
                            label=_("%(table)s: jumlah %(column)s")
                            % {"table": spec.get("label") or spec["key"], "column": col.get("label") or col["key"]},
                            type=col["type"],
                            numeric=True,
                            choices={},
                        )
                    )
            continue
        if kind in SKIPPED_TYPES or not spec.get("public"):
            continue
        choices = {str(c.get("value")): c.get("label") or c.get("value") for c in spec.get("choices") or []}
        out.append(
            PublicField(
                key=spec["key"],
                label=spec.get("label") or spec["key"],
                type=kind,
                numeric=kind in NUMERIC_TYPES,
                choices=choices,
            )
        )
    return out


def _number(value: Any) -> float | None:
    if value is None or isinstance(value, (bool, str, list, dict)):
        return None
    try:
        return float(Decimal(str(value)))
    except ArithmeticError:
        return None


def _cell(field: PublicField, answers: dict) -> Any:
    if "." in field.key:
        table, column = field.key.split(".", 1)
        rows = answers.get(table)
        if not isinstance(rows, list):
            return None
        values = [_number(r.get(column)) for r in rows if isinstance(r, dict)]
        values = [v for v in values if v is not None]
        return sum(values) if values else None
    if field.key not in answers:
        return None
    value = answers[field.key]
    if field.numeric:
        return _number(value)
    if field.choices:
        if isinstance(value, list):
            return ", ".join(str(field.choices.get(str(v), v)) for v in value)
        return field.choices.get(str(value), value)
    if isinstance(value, (dict, list)):
        return None  # structured values are not shown (only plain public answers)
    return value


def report_results(*, form, period=None, year: int | None = None) -> ReportResults:
    """Per-OPD public answers with totals and means (a constant number of queries)."""
    subs = list(published_submissions(form=form, period=period, year=None if period else year))
    latest = max((s.form_version for s in subs if s.form_version_id), key=lambda v: (v.number, v.pk), default=None)
    fields = public_fields(latest.schema if latest else {})
    columns = (
        Column("opd", _("OPD")),
        Column("periode", _("Periode")),
        *(Column(f.key, f.label, numeric=f.numeric, unit=f.unit) for f in fields),
    )
    rows = []
    for sub in sorted(subs, key=lambda s: (s.opd.name, s.period.start)):
        answers = public_answers(submission=sub)
        rows.append((sub.opd.name, str(sub.period), *(_cell(f, answers) for f in fields)))
    footer = []
    if rows and any(f.numeric for f in fields):
        totals, means = [_("Jumlah"), ""], [_("Rata-rata"), ""]
        for i, f in enumerate(fields, start=2):
            values = [r[i] for r in rows if isinstance(r[i], (int, float))]
            # a sum of ratios means nothing: only additive types get a total (computed values are often ratios)
            totals.append(sum(values) if values and f.type in ADDITIVE_TYPES else None)
            means.append(round(sum(values) / len(values), 2) if f.numeric and values else None)
        footer = [tuple(totals), tuple(means)]
    if period is not None:
        label = str(period)
    elif year:
        label = _("Tahun %(year)s") % {"year": year}
    else:
        label = _("Semua periode")
    table = Table(
        title=f"{form.title} — {label}",
        columns=columns,
        rows=tuple(rows),
        footer=tuple(footer),
        source=_("Laporan OPD yang telah diverifikasi dan dipublikasikan"),
    )
    return ReportResults(title=form.title, period_label=label, fields=fields, table=table, count=len(rows))


def report_chart(results: ReportResults, *, field_key: str = "") -> ChartData | None:
    """A per-OPD chart of one numeric public field (the chosen one, else the first)."""
    numeric = [f for f in results.fields if f.numeric]
    field = next((f for f in numeric if f.key == field_key), numeric[0] if numeric else None)
    if field is None:
        return None
    index = 2 + results.fields.index(field)
    rows = [r for r in results.table.rows if r[index] is not None]
    return ChartData(
        title=f"{field.label} — {results.period_label}",
        labels=tuple(f"{r[0]} ({r[1]})" if len({x[1] for x in rows}) > 1 else r[0] for r in rows),
        series=(Series(field.label, tuple(float(r[index]) for r in rows)),),
        unit=field.unit,
        source=str(results.table.source),
    )
