"""Contracts as the dashboard, the API and the alerts see them: state derived by ``rules`` once.

``contract_views`` costs a fixed number of queries (the contracts with their joins, three
prefetches, the rules) whatever the number of contracts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from organizations.selectors import User
from organizations.workdays import pemda_days_off

from .access import budget_opds
from .models import BudgetRules, Contract, ContractStage, PartyRole, ProgressReport
from .rules import Penalty, is_critical, penalty_for, rules_in_force, stage_days_late

STATE_LABELS = {
    "done": _("Selesai"),
    "on_time": _("Sesuai jadwal"),
    "late_treasurer": _("Terlambat di pihak Pemda (PPK/PPTK/bendahara)"),
    "late_provider": _("Terlambat di penyedia"),
    "critical": _("Kritis"),
    "penalised": _("Kena denda keterlambatan"),
}


@dataclass
class LateStage:
    stage: ContractStage
    days: int

    @property
    def responsible_label(self) -> str:
        return self.stage.get_responsible_display()


@dataclass
class ContractView:
    contract: Contract
    planned_pct: Decimal | None
    actual_pct: Decimal | None
    financial_pct: Decimal | None
    critical: bool
    penalty: Penalty
    late_stages: list[LateStage] = field(default_factory=list)

    @property
    def opd(self):
        return self.contract.package.line.opd_budget.opd

    @property
    def gap(self) -> Decimal | None:
        if self.planned_pct is None or self.actual_pct is None:
            return None
        return self.planned_pct - self.actual_pct

    @property
    def state(self) -> str:
        if self.penalty.days > 0:
            return "penalised"
        if self.critical:
            return "critical"
        if any(s.stage.responsible == PartyRole.PROVIDER for s in self.late_stages):
            return "late_provider"
        if self.late_stages:
            return "late_treasurer"
        return "done" if self.contract.completed_on else "on_time"

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def contracts_visible(*, user: User | None, year: int | None, opd_id: int | None = None) -> QuerySet[Contract]:
    """Contracts of ``year`` (every year for ``None``) the user may see (``user=None``: the public list),
    with their joins and prefetches."""
    qs = Contract.objects.all()
    if year is not None:
        qs = qs.filter(package__line__opd_budget__fiscal_year__year=year)
    if user is not None:
        qs = qs.filter(package__line__opd_budget__opd__in=budget_opds(user))
    if opd_id is not None:
        qs = qs.filter(package__line__opd_budget__opd_id=opd_id)
    return qs.select_related(
        "provider",
        "package__line__opd_budget__opd",
        "package__line__sub_kegiatan",
        "package__line__opd_budget__fiscal_year",
    ).prefetch_related(
        Prefetch("stages", queryset=ContractStage.objects.order_by("planned_on", "pk")),
        Prefetch("progress", queryset=ProgressReport.objects.order_by("period_end")),
        "parties",
    )


def contract_view(
    *, contract: Contract, today: dt.date, rules: BudgetRules, days_off: frozenset[dt.date] | None = None
) -> ContractView:
    """The derived state of one prefetched contract on ``today`` (``days_off``: the Pemda's, read once
    by the caller of a list)."""
    reports = [p for p in contract.progress.all() if p.period_end <= today]
    last = reports[-1] if reports else None
    last_actual = next((p for p in reversed(reports) if p.actual_pct is not None), None)
    planned = last.planned_pct if last else None
    actual = last_actual.actual_pct if last_actual else None
    critical = False
    if planned is not None and actual is not None and contract.completed_on is None:
        critical = is_critical(
            planned_pct=planned,
            actual_pct=actual,
            runs_past_year=_runs_past_year(contract=contract, today=today, actual=actual),
            rules=rules,
        )
    late = []
    for stage in contract.stages.all():
        if stage.done_on is None and stage.planned_on < today:
            late.append(
                LateStage(stage=stage, days=stage_days_late(stage=stage, today=today, rules=rules, days_off=days_off))
            )
    return ContractView(
        contract=contract,
        planned_pct=planned,
        actual_pct=actual,
        financial_pct=last.financial_pct if last else None,
        critical=critical,
        penalty=penalty_for(contract=contract, today=today, rules=rules),
        late_stages=[s for s in late if s.days > 0],
    )


def _runs_past_year(*, contract: Contract, today: dt.date, actual: Decimal) -> bool:
    """The planned end is after the fiscal year, or the pace so far finishes after it."""
    year_end = dt.date(contract.package.line.opd_budget.fiscal_year.year, 12, 31)
    if contract.end_on > year_end:
        return True
    elapsed = (today - contract.start_on).days
    if elapsed <= 0 or actual <= 0:
        return today > year_end
    projected = contract.start_on + dt.timedelta(days=int(elapsed * 100 / float(actual)))
    return projected > year_end


def contract_views(
    *, user: User | None, year: int | None, today: dt.date, opd_id: int | None = None, contracts=None
) -> list[ContractView]:
    rules = rules_in_force(on=today)
    source = contracts if contracts is not None else contracts_visible(user=user, year=year, opd_id=opd_id)
    days_off = pemda_days_off()
    return [contract_view(contract=c, today=today, rules=rules, days_off=days_off) for c in source]
