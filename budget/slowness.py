"""Who is slow: late stages per OPD and responsible party, days late and money stuck.

The "treasurer vs contractor" view groups the Pemda's own parties (PPK, PPTK, bendahara:
administrative and payment steps) against the provider (the physical work).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from organizations.selectors import User
from organizations.workdays import pemda_days_off

from .access import budget_opds
from .models import ContractStage, PartyRole
from .rules import rules_in_force, stage_days_late

SIDES = {"pemda": _("Pemda (PPK/PPTK/bendahara)"), "provider": _("Penyedia")}


@dataclass
class SlowParty:
    opd_id: int
    opd_name: str
    role: str
    role_label: str
    late_stages: int = 0
    days_late: int = 0
    max_days_late: int = 0
    money_stuck: int = 0

    @property
    def side(self) -> str:
        return "provider" if self.role == PartyRole.PROVIDER else "pemda"

    @property
    def side_label(self) -> str:
        return str(SIDES[self.side])


def open_late_stages(*, user: User | None, year: int, today: dt.date, opd_id: int | None = None):
    qs = ContractStage.objects.filter(
        done_on__isnull=True,
        planned_on__lt=today,
        contract__package__line__opd_budget__fiscal_year__year=year,
    ).select_related("contract__package__line__opd_budget__opd")
    if user is not None:
        qs = qs.filter(contract__package__line__opd_budget__opd__in=budget_opds(user))
    if opd_id is not None:
        qs = qs.filter(contract__package__line__opd_budget__opd_id=opd_id)
    return qs


def slow_parties(*, user: User | None, year: int, today: dt.date, opd_id: int | None = None) -> list[SlowParty]:
    """Per OPD × responsible role, the open late stages; the slowest (most days late) first."""
    rules = rules_in_force(on=today)
    groups: dict[tuple[int, str], SlowParty] = {}
    days_off = pemda_days_off()
    for stage in open_late_stages(user=user, year=year, today=today, opd_id=opd_id):
        days = stage_days_late(stage=stage, today=today, rules=rules, days_off=days_off)
        if days <= 0:
            continue
        opd = stage.contract.package.line.opd_budget.opd
        row = groups.setdefault(
            (opd.pk, stage.responsible),
            SlowParty(opd.pk, opd.name, stage.responsible, str(stage.get_responsible_display())),
        )
        row.late_stages += 1
        row.days_late += days
        row.max_days_late = max(row.max_days_late, days)
        row.money_stuck += stage.amount
    return sorted(groups.values(), key=lambda r: (-r.days_late, r.opd_name, r.role))


def sides_summary(rows: list[SlowParty]) -> dict[str, dict]:
    """Treasurer vs contractor: totals of ``slow_parties`` rows per side."""
    summary = {
        side: {"label": str(label), "late_stages": 0, "days_late": 0, "money_stuck": 0} for side, label in SIDES.items()
    }
    for row in rows:
        s = summary[row.side]
        s["late_stages"] += row.late_stages
        s["days_late"] += row.days_late
        s["money_stuck"] += row.money_stuck
    return summary
