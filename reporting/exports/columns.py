"""Columns of a report export and how one stored answer becomes one cell.

The columns come from the form version schemas (``schema.iter_fields``), in schema order:
the newest version first, then keys that only older versions pinned by some submissions
still have, so answers of every version line up under the same field key. Cells are typed
values (numbers stay numbers, dates become ``date``), never formatted text, so each writer
(CSV, XLSX) decides how to spell them. File answers export their file name only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from forms_builder.schema import iter_fields

#: Field types whose answers are numbers (a computed field is a number unless its formula says otherwise).
NUMBER_TYPES = frozenset({"integer", "decimal", "rupiah", "percentage", "year", "computed"})
#: Types that carry no answer of their own (containers are handled apart).
SKIPPED_TYPES = frozenset({"section", "heading", "table"})
#: Spreadsheet formula triggers (CSV/formula injection); a text starting with one is prefixed with '.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One export column: ``key`` (the header), the field ``kind`` and, for choices, value → label."""

    key: str
    label: str
    kind: str
    choices: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TableSheet:
    """A table field: exported as its own sheet (XLSX) or its own CSV."""

    key: str
    label: str
    columns: tuple[Column, ...]
    row_labels: tuple[str, ...] = ()


def _column(spec: dict) -> Column:
    choices = {str(c.get("value")): str(c.get("label") or c.get("value")) for c in spec.get("choices") or []}
    return Column(key=spec["key"], label=str(spec.get("label") or spec["key"]), kind=spec["type"], choices=choices)


def schema_columns(schemas: list[dict]) -> tuple[list[Column], list[TableSheet]]:
    """Field columns and table sheets of ``schemas`` (newest first), keys in schema order, no repeats."""
    columns: dict[str, Column] = {}
    tables: dict[str, dict] = {}
    for schema in schemas:
        for ref in iter_fields(schema):
            spec = ref.spec
            if ref.table:
                table = tables.setdefault(ref.table, {"columns": {}})
                table["columns"].setdefault(spec["key"], _column(spec))
            elif spec.get("type") == "table":
                table = tables.setdefault(spec["key"], {"columns": {}})
                table.setdefault("label", str(spec.get("label") or spec["key"]))
                table.setdefault("rows", tuple(str(r.get("label") or r.get("key")) for r in spec.get("rows") or []))
            elif spec.get("type") not in SKIPPED_TYPES:
                columns.setdefault(spec["key"], _column(spec))
    sheets = [
        TableSheet(
            key=key,
            label=t.get("label", key),
            columns=tuple(t["columns"].values()),
            row_labels=t.get("rows", ()),
        )
        for key, t in tables.items()
    ]
    return list(columns.values()), sheets


def has_scoring(schemas: list[dict]) -> bool:
    """Whether any version scores its answers (a scoring block, a weight or a section formula)."""
    for schema in schemas:
        if schema.get("scoring"):
            return True
        if any(ref.spec.get("weight") is not None or ref.spec.get("score") for ref in iter_fields(schema)):
            return True
    return False


def cell_value(column: Column, value: Any, *, opd_names: dict[int, str], yes: str, no: str) -> Any:
    """The typed cell for one stored answer: number, ``date``, or text; ``None`` when empty."""
    if value is None or value == "" or value == []:
        return None
    kind = column.kind
    if kind in NUMBER_TYPES and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if kind == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, bool):
        return yes if value else no
    if kind == "single_choice":
        return column.choices.get(str(value), str(value))
    if kind == "multiple_choice" and isinstance(value, list):
        return "; ".join(column.choices.get(str(v), str(v)) for v in value)
    if kind == "opd_choice":
        try:
            return opd_names.get(int(value), str(value))
        except (TypeError, ValueError):
            return str(value)
    if kind == "file":
        return str(value.get("name") or "") if isinstance(value, dict) else None
    if isinstance(value, (dict, list)):
        return "; ".join(str(v) for v in (value.values() if isinstance(value, dict) else value))
    return str(value)


def safe_text(value: Any) -> Any:
    """Neutralise spreadsheet formulas in text (a leading = + - @ tab or CR becomes literal)."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


#: Kinds whose text answers are not exported as they are (labels, dates, file names).
_MAPPED_KINDS = frozenset({"date", "single_choice", "multiple_choice", "opd_choice", "file"})


def cell_converter(column: Column, *, opd_names: dict[int, str], yes: str, no: str) -> Callable[[Any], Any]:
    """``cell_value`` for one column as a one-argument function, built once per export.

    The common cases (a number in a number column, a text, a choice value, an ISO date) take a
    short path; everything else falls back to ``cell_value``, so the result is always the same.
    """
    kind, choices = column.kind, column.choices

    def generic(value: Any) -> Any:
        return cell_value(column, value, opd_names=opd_names, yes=yes, no=no)

    if kind in NUMBER_TYPES:

        def convert(value: Any) -> Any:
            cls = value.__class__
            if cls is int or cls is float or (cls is str and value):
                return value
            return generic(value)

    elif kind == "date":

        def convert(value: Any) -> Any:
            if value.__class__ is str and value:
                try:
                    return dt.date.fromisoformat(value)
                except ValueError:
                    return value
            return generic(value)

    elif kind == "single_choice":

        def convert(value: Any) -> Any:
            if value.__class__ is str and value:
                return choices.get(value, value)
            return generic(value)

    elif kind in _MAPPED_KINDS:
        convert = generic
    else:

        def convert(value: Any) -> Any:
            if value.__class__ is str and value:
                return value
            return generic(value)

    return convert
