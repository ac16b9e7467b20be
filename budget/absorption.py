"""Absorption (serapan) and deviation from the cash plan, grouped per OPD, programme or funding source.

serapan % = cumulative realisation / pagu × 100, with the revised pagu when it exists; deviation =
cumulative realisation − cumulative cash plan (shared/domain/README.md "Serap"). Each grouping costs
four queries whatever the number of OPDs or lines (pagu, realisation, cash plan, thresholds).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from organizations.selectors import User

from .access import budget_opds
from .models import AbsorptionThreshold, BudgetLine, CashPlan, Realisation

GROUPINGS = {
    "opd": ("opd_budget__opd_id", "opd_budget__opd__name"),
    "program": ("sub_kegiatan__parent__parent__code", "sub_kegiatan__parent__parent__name"),
    "funding_source": ("funding_source__code", "funding_source__name"),
}

STATUS_LABELS = {
    "green": _("Hijau"),
    "amber": _("Kuning"),
    "red": _("Merah"),
    "unset": _("Ambang belum diatur"),
}


@dataclass
class Absorption:
    key: str
    label: str
    pagu: int
    realised: int
    planned: int
    pct: Decimal | None
    planned_pct: Decimal | None
    status: str

    @property
    def deviation(self) -> int:
        return self.realised - self.planned

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def percent(part: int, whole: int) -> Decimal | None:
    """``part / whole × 100`` exactly (``None`` for a zero whole); rounded for display only."""
    if not whole:
        return None
    return Decimal(part) * 100 / Decimal(whole)


def display_pct(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}".replace(".", ",") + "%"


def thresholds() -> dict[int, AbsorptionThreshold]:
    return {t.month: t for t in AbsorptionThreshold.objects.all()}


def status_of(*, pct: Decimal | None, month: int, table: dict[int, AbsorptionThreshold]) -> str:
    threshold = table.get(month)
    if threshold is None or pct is None:
        return "unset"
    if pct >= threshold.green_from:
        return "green"
    return "amber" if pct >= threshold.amber_from else "red"


def budget_lines(*, user: User | None, year: int, opd_id: int | None = None) -> QuerySet[BudgetLine]:
    """The lines of ``year`` the user may see (``user=None``: public figures, every OPD)."""
    lines = BudgetLine.objects.filter(opd_budget__fiscal_year__year=year)
    if user is not None:
        lines = lines.filter(opd_budget__opd__in=budget_opds(user))
    if opd_id is not None:
        lines = lines.filter(opd_budget__opd_id=opd_id)
    return lines


def absorption_rows(
    *, user: User | None, year: int, month: int, by: str = "opd", opd_id: int | None = None
) -> list[Absorption]:
    """Absorption up to ``month`` grouped ``by`` opd/program/funding_source, slowest first."""
    key, label = GROUPINGS[by]
    lines = budget_lines(user=user, year=year, opd_id=opd_id)
    pagu = lines.values(key, label).annotate(total=Sum(Coalesce("revised_amount", "original_amount")))
    realised = _monthly_sum(Realisation, lines=lines, key=key, month=month)
    planned = _monthly_sum(CashPlan, lines=lines, key=key, month=month)
    table = thresholds()
    rows = []
    for group in pagu:
        k = group[key]
        done, plan = realised.get(k, 0), planned.get(k, 0)
        pct = percent(done, group["total"])
        rows.append(
            Absorption(
                key=str(k),
                label=group[label] or "–",
                pagu=group["total"],
                realised=done,
                planned=plan,
                pct=pct,
                planned_pct=percent(plan, group["total"]),
                status=status_of(pct=pct, month=month, table=table),
            )
        )
    rows.sort(key=lambda r: (r.pct is None, r.pct or 0, r.label))
    return rows


def _monthly_sum(model, *, lines: QuerySet[BudgetLine], key: str, month: int) -> dict:
    rows = (
        model.objects.filter(line__in=lines.values("pk"), month__lte=month)
        .values(f"line__{key}")
        .annotate(total=Sum("amount"))
    )
    return {r[f"line__{key}"]: r["total"] for r in rows}


@dataclass
class TrendPoint:
    month: int
    planned: int
    realised: int | None
    planned_pct: Decimal | None
    realised_pct: Decimal | None


def absorption_trend(*, user: User | None, year: int, month: int, opd_id: int | None = None) -> list[TrendPoint]:
    """Cumulative cash plan for the 12 months and cumulative realisation up to ``month``."""
    lines = budget_lines(user=user, year=year, opd_id=opd_id)
    pagu = lines.aggregate(total=Sum(Coalesce("revised_amount", "original_amount")))["total"] or 0
    by_month = {}
    for model, name in ((CashPlan, "planned"), (Realisation, "realised")):
        rows = model.objects.filter(line__in=lines.values("pk")).values("month").annotate(total=Sum("amount"))
        by_month[name] = {r["month"]: r["total"] for r in rows}
    points, plan_cum, done_cum = [], 0, 0
    for m in range(1, 13):
        plan_cum += by_month["planned"].get(m, 0)
        done_cum += by_month["realised"].get(m, 0)
        done = done_cum if m <= month else None
        points.append(
            TrendPoint(
                month=m,
                planned=plan_cum,
                realised=done,
                planned_pct=percent(plan_cum, pagu),
                realised_pct=percent(done, pagu) if done is not None else None,
            )
        )
    return points
