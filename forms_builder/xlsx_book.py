"""A streaming workbook for report exports, on XlsxWriter's constant-memory mode.

Why XlsxWriter and not openpyxl here: openpyxl's write-only mode builds a cell object and an
lxml element per cell (about 1,000 rows/s for a 25-cell report row, ADR 0008), while
XlsxWriter in ``constant_memory`` mode writes each finished row straight to a per-sheet
temporary file: memory stays flat and it is several times faster. openpyxl still reads
workbooks (form import, the tests read every export back with it).

``book = XlsxBook(handle)``; ``sheet = book.sheet(title, formats)``; ``sheet.header(...)``;
``sheet.append(row)``; ``book.close()``. Sheets may be filled interleaved (each keeps its own
row counter); rows of one sheet are written in order, as constant-memory mode requires.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import xlsxwriter

DEFAULT_DATETIME = "DD/MM/YYYY HH:MM"
DEFAULT_DATE = "DD/MM/YYYY"


class XlsxSheet:
    """One worksheet: a row counter and one cell format per column."""

    def __init__(self, book: XlsxBook, worksheet, formats: list[str | None]):
        self.book, self.worksheet = book, worksheet
        self.formats = [book.format_for(f) for f in formats]
        self.row = 0
        worksheet.freeze_panes(1, 1)

    def header(self, values: Iterable[str]) -> None:
        self.worksheet.write_row(self.row, 0, [str(v) for v in values], self.book.bold)
        self.row += 1

    def append(self, values: Iterable[Any]) -> None:
        write, formats, row = self.worksheet, self.formats, self.row
        for col, value in enumerate(values):
            if value is None:
                continue
            fmt = formats[col] if col < len(formats) else None
            if isinstance(value, str):
                write.write_string(row, col, value)
            elif isinstance(value, bool):
                write.write_boolean(row, col, value)
            elif isinstance(value, (int, float, Decimal)):
                number = float(value)
                if math.isfinite(number):
                    write.write_number(row, col, number, fmt)
                else:
                    write.write_string(row, col, str(value))
            elif isinstance(value, dt.datetime):
                value = value.replace(tzinfo=None)  # callers pass local (Pemda) time; Excel has no zones
                write.write_datetime(row, col, value, fmt or self.book.format_for(DEFAULT_DATETIME))
            elif isinstance(value, dt.date):
                write.write_datetime(row, col, value, fmt or self.book.format_for(DEFAULT_DATE))
            else:
                write.write_string(row, col, str(value))
        self.row += 1


class XlsxBook:
    """A workbook written into ``handle`` (a file object or path) when closed."""

    def __init__(self, handle):
        self.workbook = xlsxwriter.Workbook(
            handle, {"constant_memory": True, "strings_to_numbers": False, "strings_to_formulas": False}
        )
        self.bold = self.workbook.add_format({"bold": True})
        self._formats: dict[str, Any] = {}

    def format_for(self, code: str | None):
        if not code:
            return None
        if code not in self._formats:
            self._formats[code] = self.workbook.add_format({"num_format": code})
        return self._formats[code]

    def sheet(self, title: str, formats: list[str | None]) -> XlsxSheet:
        """``title`` must already be a valid, unique sheet name (31 characters, none of ``[]:*?/\\``)."""
        return XlsxSheet(self, self.workbook.add_worksheet(title), formats)

    def close(self) -> None:
        self.workbook.close()
