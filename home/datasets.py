"""Tables behind result pages, their CSV/JSON downloads, and chart contexts for templates.

A :class:`Table` is what a result page shows next to its charts and offers as a file: the
same object renders the HTML table, the CSV and the JSON, so they never disagree. Cells
are plain values (text, numbers, ``None``); CSV cells starting with ``= + - @`` are quoted
as text (formula injection), like :class:`home.charts.ChartData`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

from .charts import ChartData, _csv_safe, _plain, donut_slices, format_value, render_chart


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False
    unit: str = ""


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    source: str = ""
    footer: tuple[tuple[Any, ...], ...] = field(default=())

    def _csv_cell(self, value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "ya" if value else "tidak"
        if isinstance(value, (int, float, Decimal)):
            return _plain(float(value))
        return _csv_safe(str(value))

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([c.label for c in self.columns])
        for row in (*self.rows, *self.footer):
            writer.writerow([self._csv_cell(v) for v in row])
        return out.getvalue()

    def to_json(self) -> dict:
        def plain(value: Any) -> Any:
            if isinstance(value, Decimal):
                return float(value)
            return value

        return {
            "title": self.title,
            "source": self.source,
            "columns": [{"key": c.key, "label": c.label, "numeric": c.numeric, "unit": c.unit} for c in self.columns],
            "rows": [{c.key: plain(v) for c, v in zip(self.columns, row, strict=True)} for row in self.rows],
            "footer": [{c.key: plain(v) for c, v in zip(self.columns, row, strict=True)} for row in self.footer],
        }

    def display_rows(self, rows=None) -> list[list[dict]]:
        """Rows as cells ready for a template: ``{"text", "numeric"}``."""
        out = []
        for row in self.rows if rows is None else rows:
            cells = []
            for column, value in zip(self.columns, row, strict=True):
                if column.numeric and isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                    text = format_value(float(value), column.unit)
                elif value is None or value == "":
                    text = "–"
                elif isinstance(value, bool):
                    text = "Ya" if value else "Tidak"
                elif isinstance(value, (list, tuple)):
                    text = ", ".join(str(v) for v in value)
                else:
                    text = str(value)
                cells.append({"text": text, "numeric": column.numeric})
            out.append(cells)
        return out

    def display_footer(self) -> list[list[dict]]:
        return self.display_rows(self.footer)


def data_response(data: ChartData | Table, *, filename: str, fmt: str) -> HttpResponse:
    """A CSV (with BOM, for spreadsheets) or JSON download of ``data``."""
    if fmt == "csv":
        response = HttpResponse("\ufeff" + data.to_csv(), content_type="text/csv; charset=utf-8")
    else:
        body = json.dumps(data.to_json(), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def chart_context(*, name: str, kind: str, data: ChartData, csv_url: str = "", json_url: str = "") -> dict:
    """The context ``home/blocks/chart_block.html`` expects, for a chart a page builds itself."""
    chart_id = f"chart-{name}"
    context = {
        "value": {"title": data.title, "description": data.description},
        "chart_id": chart_id,
        "data": data,
        "svg": None,
        "rows": [],
        "legend": [],
        "csv_url": csv_url,
        "json_url": json_url,
    }
    if not data.is_empty:
        context["svg"] = render_chart(kind, data, chart_id=chart_id)
        if kind == "donut":
            context["legend"] = donut_slices(data)
        context["rows"] = [(label, [format_value(v, data.unit) for v in vals]) for label, vals in data.rows()]
    return context
