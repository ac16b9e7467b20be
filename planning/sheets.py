"""Reading the spreadsheets Bappeda already has (XLSX or CSV) into rows of text, safely.

Limits keep a bad file from costing the server: size, rows, columns. Values come back as
stripped strings (numbers as they are written, ``1,5`` and ``1.5`` both read by ``to_decimal``).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10000
MAX_COLUMNS = 60


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(upload) -> tuple[list[str], list[list[str]]]:
    """(header, rows) of the first sheet of an XLSX, or of a CSV (comma or semicolon)."""
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError({"file": [_("Berkas terlalu besar (paling besar 5 MB).")]})
    rows = _xlsx_rows(data) if data[:2] == b"PK" else _csv_rows(data)
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        raise ValidationError({"file": [_("Berkas kosong.")]})
    if len(rows) > MAX_ROWS + 1:
        raise ValidationError({"file": [_("Terlalu banyak baris (paling banyak %(n)d).") % {"n": MAX_ROWS}]})
    header = rows[0][:MAX_COLUMNS]
    width = len(header)
    return header, [(r + [""] * width)[:width] for r in rows[1:]]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ValidationError({"file": [_("Berkas bukan XLSX yang dapat dibaca.")]}) from None
    try:
        sheet = book.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            rows.append([_text(v) for v in row])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": [_("Berkas CSV harus berenkode UTF-8.")]}) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [[c.strip() for c in row][:MAX_COLUMNS] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def normalise(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def to_decimal(text: str) -> Decimal | None:
    """``12,5`` or ``12.5`` or ``1.234,5`` → Decimal; empty → None; else ValueError."""
    raw = (text or "").strip().replace(" ", "").rstrip("%")
    if not raw:
        return None
    if "," in raw and "." in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif "," in raw:
        raw = raw.replace(",", ".")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value
