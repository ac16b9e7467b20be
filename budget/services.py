"""Changes to budget data by hand (the admin and the API call these; imports use ``budget.imports``).

Every service takes the acting user, checks the budget manager's right, validates, and writes in a
transaction; monthly figures keep their replaced value in ``FigureRevision``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from organizations.selectors import User

from .access import require_manager
from .clock import local_today
from .models import (
    BudgetLine,
    CashPlan,
    Contract,
    ContractStage,
    FigureRevision,
    ImportKind,
    ProgressReport,
    Realisation,
)

FIGURE_MODELS = {ImportKind.REALISATION: Realisation, ImportKind.CASH_PLAN: CashPlan}


def monthly_figure_set(*, line: BudgetLine, month: int, amount: int, kind: str, actor: User) -> None:
    """Set one month's realisation or cash plan by hand; the old value goes to ``FigureRevision``."""
    require_manager(actor)
    model = FIGURE_MODELS.get(kind)
    if model is None:
        raise ValidationError({"kind": _("Jenis data tidak dikenal.")})
    if not 1 <= month <= 12:
        raise ValidationError({"month": _("Bulan harus 1 sampai 12.")})
    if amount < 0:
        raise ValidationError({"amount": _("Nilai tidak boleh negatif.")})
    today = local_today()
    year = line.opd_budget.fiscal_year.year
    if kind == ImportKind.REALISATION and (year, month) > (today.year, today.month):
        raise ValidationError({"month": _("Realisasi untuk bulan yang belum berjalan tidak dapat dicatat.")})
    with transaction.atomic():
        current = model.objects.select_for_update().filter(line=line, month=month).first()
        if kind == ImportKind.REALISATION:
            others = Realisation.objects.filter(line=line).exclude(month=month).aggregate(t=Sum("amount"))["t"] or 0
            if others + amount > line.pagu:
                raise ValidationError({"amount": _("Realisasi kumulatif melebihi pagu.")})
        if current is not None and current.amount == amount:
            return
        FigureRevision.objects.create(
            kind=kind,
            line=line,
            month=month,
            old_amount=current.amount if current else None,
            new_amount=amount,
            actor=actor.get_username(),
        )
        model.objects.update_or_create(line=line, month=month, defaults={"amount": amount, **_no_batch(model)})


def _no_batch(model) -> dict:
    return {"batch": None} if model is Realisation else {}


def stage_complete(*, stage: ContractStage, done_on: dt.date, actor: User) -> ContractStage:
    require_manager(actor)
    if done_on > local_today():
        raise ValidationError({"done_on": _("Tanggal realisasi tidak boleh di masa depan.")})
    with transaction.atomic():
        stage.done_on = done_on
        stage.full_clean()
        stage.save(update_fields=["done_on"])
    return stage


def progress_record(
    *,
    contract: Contract,
    period_end: dt.date,
    planned_pct: Decimal,
    actual_pct: Decimal | None,
    financial_pct: Decimal | None,
    actor: User,
) -> ProgressReport:
    """Record (or correct) the S-curve point at ``period_end``."""
    require_manager(actor)
    with transaction.atomic():
        report = ProgressReport.objects.filter(contract=contract, period_end=period_end).first() or ProgressReport(
            contract=contract, period_end=period_end
        )
        report.planned_pct, report.actual_pct, report.financial_pct = planned_pct, actual_pct, financial_pct
        report.full_clean()
        report.save()
    return report
