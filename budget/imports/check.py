"""Validating an export row by row and summing it into monthly figures per budget line.

Every problem is named by its line (the header is line 1). Memory is bounded by the number of
budget lines × months (the sums), plus the first ``MAX_ERRORS`` messages; rows are never kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import IO

from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizations.models import OPD

from ..models import BudgetLine, FiscalYear, ImportKind, ImportProfile, Realisation
from .pagu import PaguRows
from .reader import iter_rows

MAX_ERRORS = 200
MONTH_NAMES = ["januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
               "november", "desember"]  # fmt: skip
GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")

#: Fields a profile maps for each kind: field → (label, required).
FIELDS = {
    ImportKind.REALISATION: {
        "opd": (gettext_lazy("OPD (nama atau singkatan)"), True),
        "sub_kegiatan": (gettext_lazy("Kode sub-kegiatan"), True),
        "funding_source": (gettext_lazy("Kode sumber dana"), False),
        "month": (gettext_lazy("Bulan"), True),
        "amount": (gettext_lazy("Nilai SP2D (Rp)"), True),
    },
}
FIELDS[ImportKind.CASH_PLAN] = {**FIELDS[ImportKind.REALISATION], "amount": (gettext_lazy("Rencana kas (Rp)"), True)}
FIELDS[ImportKind.PAGU] = {
    "opd": (gettext_lazy("OPD (nama atau singkatan)"), True),
    "sub_kegiatan": (gettext_lazy("Kode sub-kegiatan"), True),
    "funding_source": (gettext_lazy("Kode sumber dana"), True),
    "original_amount": (gettext_lazy("Pagu murni (Rp)"), True),
    "revised_amount": (gettext_lazy("Pagu perubahan (Rp)"), False),
    "revised_on": (gettext_lazy("Tanggal perubahan"), False),
}


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Baris %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportCheck:
    rows: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    sums: dict[tuple[int, int], int] = field(default_factory=lambda: defaultdict(int))
    months: set[int] = field(default_factory=set)
    opd_ids: set[int] = field(default_factory=set)
    #: The pagu kind: the checked rows by (OPD, sub-kegiatan node, funding source).
    pagu: dict = field(default_factory=dict)

    def error(self, line: int, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(line, message))

    @property
    def total(self) -> int:
        return sum(self.sums.values())


def parse_amount(raw: str) -> Decimal | int | None:
    """``1.234.567``, ``1.234.567,50``, ``1234567`` or ``1234567.5`` → a number; ``None`` if not a number."""
    if raw.isdigit():
        return int(raw)
    text = raw.replace("Rp", "").replace(" ", "").strip()
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif GROUPED.match(text.lstrip("-")):
        text = text.replace(".", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_month(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    text = raw.strip().lower()
    if text in MONTH_NAMES:
        return MONTH_NAMES.index(text) + 1
    try:
        return int(Decimal(text))
    except (InvalidOperation, ValueError):
        return None


class _Lookup:
    """Budget lines of the fiscal year by (OPD, sub-kegiatan code, funding source code)."""

    def __init__(self, fiscal_year: FiscalYear) -> None:
        self.opds: dict[str, int] = {}
        for pk, name, acronym in OPD.objects.agencies().values_list("pk", "name", "acronym"):
            self.opds[name.lower()] = pk
            if acronym:
                self.opds.setdefault(acronym.lower(), pk)
        self.lines: dict[tuple[int, str, str], int] = {}
        self.by_sub: dict[tuple[int, str], list[int]] = defaultdict(list)
        self.pagu: dict[int, int] = {}
        self.opd_of: dict[int, int] = {}
        rows = BudgetLine.objects.filter(opd_budget__fiscal_year=fiscal_year).values_list(
            "pk",
            "opd_budget__opd_id",
            "sub_kegiatan__code",
            "funding_source__code",
            "original_amount",
            "revised_amount",
        )
        for pk, opd_id, code, source, original, revised in rows:
            self.lines[(opd_id, code, source.lower())] = pk
            self.by_sub[(opd_id, code)].append(pk)
            self.pagu[pk] = revised if revised is not None else original
            self.opd_of[pk] = opd_id


def import_check(*, profile: ImportProfile, fiscal_year: FiscalYear, handle: IO[bytes], today: dt.date) -> ImportCheck:
    """Read the whole file once; return its errors and, when there are none, its monthly sums."""
    result = ImportCheck()
    lookup = _Lookup(fiscal_year)
    fields = FIELDS[profile.kind]
    rows = iter_rows(handle, sheet=profile.sheet)
    try:
        _header_line, header = next(rows)
    except StopIteration:
        result.error(1, _("Berkas kosong."))
        return result
    index = _column_index(profile=profile, header=header, fields=fields, result=result)
    if result.error_count:
        return result
    last_row: dict[int, int] = {}
    columns = list(index.items())
    width = max(index.values()) + 1
    pagu = PaguRows(fiscal_year=fiscal_year, opds=lookup.opds, today=today) if profile.kind == ImportKind.PAGU else None
    for line, cells in rows:
        result.rows += 1
        if len(cells) < width:
            cells = cells + [""] * (width - len(cells))
        values = {name: cells[i] for name, i in columns}
        if pagu is not None:
            problem = pagu.add(values=values, line=line, parse_amount=parse_amount)
            if problem:
                result.error(line, problem)
            continue
        found = _row(values=values, line=line, lookup=lookup, kind=profile.kind, year=fiscal_year.year, today=today)
        if isinstance(found, str):
            result.error(line, found)
            continue
        line_id, month, amount = found
        result.sums[(line_id, month)] += amount
        result.months.add(month)
        result.opd_ids.add(lookup.opd_of[line_id])
        last_row[line_id] = line
    if pagu is not None:
        pagu.check_realisation(result.error)
        result.pagu, result.opd_ids = pagu.rows, pagu.opd_ids
    if profile.kind == ImportKind.REALISATION:
        _check_pagu(result=result, lookup=lookup, last_row=last_row, fiscal_year_id=fiscal_year.pk)
    return result


def _column_index(*, profile, header, fields, result) -> dict[str, int]:
    positions = {name.strip().lower(): i for i, name in enumerate(header)}
    index = {}
    for name, (label, required) in fields.items():
        column = (profile.columns or {}).get(name, "")
        if not column:
            if required:
                result.error(1, _("Profil tidak memetakan kolom untuk “%(field)s”.") % {"field": label})
            continue
        if column.strip().lower() not in positions:
            result.error(1, _("Kolom “%(column)s” tidak ada di baris judul.") % {"column": column})
            continue
        index[name] = positions[column.strip().lower()]
    return index


def _row(*, values, line, lookup: _Lookup, kind, year, today) -> tuple[int, int, int] | str:
    opd_id = lookup.opds.get(values["opd"].lower())
    if opd_id is None:
        return _("OPD “%(opd)s” tidak dikenal.") % {"opd": values["opd"]}
    code = values["sub_kegiatan"]
    source = values.get("funding_source", "").lower()
    if source:
        line_id = lookup.lines.get((opd_id, code, source))
    else:
        candidates = lookup.by_sub.get((opd_id, code), [])
        line_id = candidates[0] if len(candidates) == 1 else None
    if line_id is None:
        return _("Kode sub-kegiatan “%(code)s” tidak dikenal pada anggaran OPD ini.") % {"code": code}
    month = parse_month(values["month"])
    if month is None or not 1 <= month <= 12:
        return _("Bulan “%(month)s” tidak valid (1–12 atau nama bulan).") % {"month": values["month"]}
    if kind == ImportKind.REALISATION and (year, month) > (today.year, today.month):
        return _("Bulan %(month)s/%(year)s belum berjalan (bulan di masa depan).") % {"month": month, "year": year}
    amount = parse_amount(values["amount"])
    if amount is None:
        return _("Nilai “%(amount)s” bukan angka.") % {"amount": values["amount"]}
    if amount < 0:
        return _("Nilai negatif (%(amount)s) tidak diterima.") % {"amount": values["amount"]}
    if isinstance(amount, int):
        return line_id, month, amount
    return line_id, month, int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _check_pagu(*, result: ImportCheck, lookup: _Lookup, last_row: dict[int, int], fiscal_year_id: int) -> None:
    """Cumulative realisation (the file's months + the other months already recorded) within the pagu."""
    per_line: dict[int, int] = defaultdict(int)
    for (line_id, _month), amount in result.sums.items():
        per_line[line_id] += amount
    others = (
        Realisation.objects.filter(line__opd_budget__fiscal_year_id=fiscal_year_id)
        .exclude(month__in=result.months)
        .values("line_id")
        .annotate(total=Coalesce(Sum("amount"), 0))
    )
    before = {r["line_id"]: r["total"] for r in others if r["line_id"] in per_line}
    for line_id, amount in sorted(per_line.items(), key=lambda item: last_row[item[0]]):
        total = amount + before.get(line_id, 0)
        if total > lookup.pagu[line_id]:
            result.error(
                last_row[line_id],
                _("Realisasi kumulatif Rp %(total)s melebihi pagu Rp %(pagu)s.")
                % {"total": f"{total:,}".replace(",", "."), "pagu": f"{lookup.pagu[line_id]:,}".replace(",", ".")},
            )
