"""Streaming rows of an uploaded XLSX or CSV file, told apart by content (not by name)."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections.abc import Iterator
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

ZIP_MAGIC = b"PK\x03\x04"


def file_digest(handle: IO[bytes]) -> str:
    handle.seek(0)
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


def is_xlsx(handle: IO[bytes]) -> bool:
    handle.seek(0)
    head = handle.read(4)
    handle.seek(0)
    return head == ZIP_MAGIC


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def iter_rows(handle: IO[bytes], *, sheet: str = "") -> Iterator[tuple[int, list[str]]]:
    """``(line number, cells)`` for every row, the header being line 1."""
    if is_xlsx(handle):
        yield from _xlsx_rows(handle, sheet=sheet)
    else:
        yield from _csv_rows(handle)


def _xlsx_rows(handle: IO[bytes], *, sheet: str) -> Iterator[tuple[int, list[str]]]:
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(_("Berkas XLSX tidak dapat dibaca.")) from exc
    try:
        if sheet and sheet not in workbook.sheetnames:
            raise ValidationError(_("Lembar “%(sheet)s” tidak ada di berkas.") % {"sheet": sheet})
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in row]
            if any(cells):
                yield number, cells
    finally:
        workbook.close()


def _csv_rows(handle: IO[bytes]) -> Iterator[tuple[int, list[str]]]:
    handle.seek(0)
    sample = handle.read(4096)
    handle.seek(0)
    if sample.startswith(codecs.BOM_UTF8):
        handle.read(3)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if b"\x00" in sample:
            raise ValidationError(_("Berkas bukan CSV atau XLSX.")) from exc
    first_line = sample.split(b"\n", 1)[0]
    delimiter = ";" if first_line.count(b";") > first_line.count(b",") else ","
    text = io.TextIOWrapper(handle, encoding="utf-8", errors="replace", newline="")
    try:
        for number, row in enumerate(csv.reader(text, delimiter=delimiter), start=1):
            cells = [c.strip() for c in row]
            if any(cells):
                yield number, cells
    finally:
        text.detach()  # the caller owns (and closes) the binary file
