"""The pagu kind of the import: one row per (OPD, sub-kegiatan, funding source) with the original
pagu and, when the budget was revised, the revised pagu and its date.

The reader, the profile, the batch, the digest, the preview and the all-or-nothing apply are the
shared importer's (``check.import_check`` and ``apply.import_apply`` dispatch on the kind); only
the row rules and the write differ. A row names a line that may not exist yet: the apply creates the
OPD budget and the line, or changes the existing line through the audit's tracked bulk helpers, so
a corrected file leaves the old pagu in the line's history. Lines of the OPD that the file does not
name are left as they are (a line may carry realisation and contracts; removing one is a hand job).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP

from django.db.models import Sum
from django.utils.translation import gettext as _

from audit.bulk import bulk_create_tracked, bulk_update_tracked
from planning.models import NomenclatureNode

from ..models import BudgetLine, FiscalYear, FundingSource, OPDBudget, Realisation

ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
DMY_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


@dataclass(frozen=True)
class PaguRow:
    line: int
    opd_id: int
    node_id: int
    source_id: int
    original: int
    revised: int | None
    revised_on: dt.date | None


def parse_date(raw: str) -> dt.date | None:
    """``2026-08-20`` (also an XLSX date cell), ``20/08/2026``, ``20-08-2026`` or ``20.08.2026``."""
    text = raw.strip()
    match = ISO_DATE.match(text)
    parts = (match.group(1), match.group(2), match.group(3)) if match else None
    if parts is None:
        match = DMY_DATE.match(text)
        parts = (match.group(3), match.group(2), match.group(1)) if match else None
    if parts is None:
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def _rupiah(amount: int) -> str:
    return f"Rp {amount:,}".replace(",", ".")


class PaguRows:
    """Validates pagu rows one by one (every problem named by its line) and keeps the good ones."""

    def __init__(self, *, fiscal_year: FiscalYear, opds: dict[str, int], today: dt.date) -> None:
        self.fiscal_year, self.opds, self.today = fiscal_year, opds, today
        self.nodes = dict(
            NomenclatureNode.objects.filter(version_id=fiscal_year.nomenclature_id, level="sub_kegiatan").values_list(
                "code", "pk"
            )
        )
        self.sources = {code.lower(): pk for code, pk in FundingSource.objects.values_list("code", "pk")}
        self.rows: dict[tuple[int, int, int], PaguRow] = {}

    def add(self, *, values: dict[str, str], line: int, parse_amount) -> str | None:
        """Keep the row, or return what is wrong with it."""
        opd_id = self.opds.get(values["opd"].lower())
        if opd_id is None:
            return _("OPD “%(opd)s” tidak dikenal.") % {"opd": values["opd"]}
        code = values["sub_kegiatan"]
        node_id = self.nodes.get(code)
        if node_id is None:
            return _("Kode sub-kegiatan “%(code)s” tidak ada di nomenklatur tahun anggaran ini.") % {"code": code}
        source_id = self.sources.get(values["funding_source"].lower())
        if source_id is None:
            return _("Sumber dana “%(source)s” tidak dikenal.") % {"source": values["funding_source"]}
        amounts = []
        for name in ("original_amount", "revised_amount"):
            raw = values.get(name, "")
            if not raw and name == "revised_amount":
                amounts.append(None)
                continue
            amount = parse_amount(raw)
            if amount is None:
                return _("Nilai “%(amount)s” bukan angka.") % {"amount": raw}
            if amount < 0:
                return _("Nilai negatif (%(amount)s) tidak diterima.") % {"amount": raw}
            amounts.append(amount if isinstance(amount, int) else int(amount.quantize(1, rounding=ROUND_HALF_UP)))
        original, revised = amounts
        raw_date = values.get("revised_on", "")
        revised_on = parse_date(raw_date) if raw_date else None
        if raw_date and revised_on is None:
            return _("Tanggal perubahan “%(date)s” tidak valid (HH/BB/TTTT).") % {"date": raw_date}
        if (revised is None) != (revised_on is None):
            return _("Pagu perubahan dan tanggalnya diisi bersama.")
        if revised_on is not None and (revised_on.year != self.fiscal_year.year or revised_on > self.today):
            return _("Tanggal perubahan %(date)s di luar tahun anggaran %(year)s atau di masa depan.") % {
                "date": revised_on.strftime("%d/%m/%Y"),
                "year": self.fiscal_year.year,
            }
        key = (opd_id, node_id, source_id)
        if key in self.rows:
            return _("Sub-kegiatan dan sumber dana ini sudah ada di baris %(line)s.") % {"line": self.rows[key].line}
        self.rows[key] = PaguRow(line, opd_id, node_id, source_id, original, revised, revised_on)
        return None

    def check_realisation(self, error) -> None:
        """The new pagu may not fall below the realisation already recorded on the line."""
        lines = self._existing()
        spent = dict(
            Realisation.objects.filter(line_id__in=[pk for pk, *_rest in lines.values()])
            .values("line_id")
            .annotate(total=Sum("amount"))
            .values_list("line_id", "total")
        )
        for key, row in sorted(self.rows.items(), key=lambda item: item[1].line):
            found = lines.get(key)
            total = spent.get(found[0], 0) if found else 0
            pagu = row.revised if row.revised is not None else row.original
            if total > pagu:
                error(
                    row.line,
                    _("Pagu %(pagu)s di bawah realisasi yang sudah tercatat %(total)s.")
                    % {"pagu": _rupiah(pagu), "total": _rupiah(total)},
                )

    def _existing(self) -> dict[tuple[int, int, int], tuple]:
        opd_ids = {key[0] for key in self.rows}
        rows = BudgetLine.objects.filter(
            opd_budget__fiscal_year=self.fiscal_year, opd_budget__opd_id__in=opd_ids
        ).values_list("opd_budget__opd_id", "sub_kegiatan_id", "funding_source_id", "pk")
        return {(opd, node, source): (pk,) for opd, node, source, pk in rows}

    @property
    def opd_ids(self) -> set[int]:
        return {key[0] for key in self.rows}


def pagu_replace(*, fiscal_year: FiscalYear, rows: dict[tuple[int, int, int], PaguRow], reason: str) -> tuple[int, int]:
    """Create the missing OPD budgets and lines, change the others; ``(created, changed)`` lines.

    Runs inside the caller's transaction. Only lines whose amounts or date really change get a
    history row (``bulk_update_tracked``), so the same figures again leave no trace.
    """
    opd_ids = {key[0] for key in rows}
    budgets = dict(OPDBudget.objects.filter(fiscal_year=fiscal_year, opd_id__in=opd_ids).values_list("opd_id", "pk"))
    missing = [OPDBudget(fiscal_year=fiscal_year, opd_id=opd_id) for opd_id in sorted(opd_ids - set(budgets))]
    for budget in bulk_create_tracked(OPDBudget, missing, reason=reason):
        budgets[budget.opd_id] = budget.pk
    existing = {
        (line.opd_budget_id, line.sub_kegiatan_id, line.funding_source_id): line
        for line in BudgetLine.objects.filter(opd_budget_id__in=budgets.values())
    }
    new, changed = [], []
    for (opd_id, node_id, source_id), row in rows.items():
        line = existing.get((budgets[opd_id], node_id, source_id))
        if line is None:
            line = BudgetLine(opd_budget_id=budgets[opd_id], sub_kegiatan_id=node_id, funding_source_id=source_id)
            new.append(line)
        else:
            changed.append(line)
        line.original_amount, line.revised_amount, line.revised_on = row.original, row.revised, row.revised_on
    bulk_create_tracked(BudgetLine, new, reason=reason)
    updated = bulk_update_tracked(changed, ["original_amount", "revised_amount", "revised_on"], reason=reason)
    return len(new), updated
