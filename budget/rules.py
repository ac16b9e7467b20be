"""The contract rules, in one place, read from ``BudgetRules`` data (never constants in code).

- kontrak kritis: planned 0–``critical_low_band_max`` % and actual more than ``critical_low_gap``
  points behind; planned above that band and more than ``critical_high_gap`` behind; or planned
  above the band, behind by ``critical_high_gap`` or less, and the work runs past the fiscal year.
  "More than" is strict. Planned exactly at the band's top belongs to the low band.
- late penalty: ``penalty_per_mille_per_day`` ‰ per calendar day of the contract value, or of the
  late part when the contract has separable parts; before VAT where the contract says so; it runs
  through the ``penalty_max_days`` granted after the last planned day.
- a stage is late when its planned date has passed without completion, counted in calendar or
  working days as the Pemda configured for work stages and administrative stages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from organizations.workdays import working_days_between

from .models import WORK_STAGES, BudgetRules, Contract, ContractStage, DayKind

PER_MILLE = Decimal(1000)


def rules_in_force(*, on: dt.date) -> BudgetRules:
    """The rules row that applies on ``on`` (the latest ``valid_from`` not after it)."""
    rules = BudgetRules.objects.filter(valid_from__lte=on).order_by("-valid_from").first()
    if rules is None:
        raise ValidationError(_("Belum ada aturan kontrak yang berlaku pada tanggal %(day)s.") % {"day": on})
    return rules


def is_critical(*, planned_pct: Decimal, actual_pct: Decimal, runs_past_year: bool, rules: BudgetRules) -> bool:
    """True when a contract is kontrak kritis at this progress report."""
    planned, gap = Decimal(planned_pct), Decimal(planned_pct) - Decimal(actual_pct)
    if planned <= rules.critical_low_band_max:
        return gap > rules.critical_low_gap
    if gap > rules.critical_high_gap:
        return True
    return gap > 0 and runs_past_year


@dataclass(frozen=True)
class Penalty:
    days: int
    base: int
    amount: int
    grace_ends_on: dt.date
    past_grace: bool


def contract_days_late(*, contract: Contract, today: dt.date) -> int:
    """Calendar days after the last planned day until completion (or today when still running)."""
    finished = contract.completed_on or today
    return max((finished - contract.end_on).days, 0)


def penalty_for(
    *, contract: Contract, today: dt.date, rules: BudgetRules, late_part_value: int | None = None
) -> Penalty:
    """The late penalty so far. ``late_part_value`` counts only when the contract's parts are separable."""
    days = contract_days_late(contract=contract, today=today)
    base = Decimal(contract.value)
    if contract.separable and late_part_value is not None:
        base = Decimal(late_part_value)
    if contract.penalty_before_vat and contract.value:
        base = base * (Decimal(contract.value) - Decimal(contract.vat_amount)) / Decimal(contract.value)
    base = base.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    amount = (base * rules.penalty_per_mille_per_day / PER_MILLE * days).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    grace_ends = contract.end_on + dt.timedelta(days=rules.penalty_max_days)
    return Penalty(
        days=days,
        base=int(base),
        amount=int(amount),
        grace_ends_on=grace_ends,
        past_grace=days > rules.penalty_max_days,
    )


def stage_day_kind(*, stage: ContractStage, rules: BudgetRules) -> str:
    return rules.contract_stage_days if stage.kind in WORK_STAGES else rules.administrative_stage_days


def stage_days_late(
    *, stage: ContractStage, today: dt.date, rules: BudgetRules, days_off: frozenset[dt.date] | None = None
) -> int:
    """Days a stage is (or was) late: after its planned date until done, or until today when open.

    Working days skip weekends, national holidays and the Pemda's days off (cuti bersama) of
    ``organizations.workdays`` (the ones complaints count with); ``days_off`` replaces those."""
    end = stage.done_on or today
    if end <= stage.planned_on:
        return 0
    if stage_day_kind(stage=stage, rules=rules) == DayKind.WORKING:
        return working_days_between(stage.planned_on, end, days_off=days_off)
    return (end - stage.planned_on).days
