"""The leaders' dashboard as one read: used by the web page, REST and GraphQL alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.models import OPD
from organizations.selectors import User

from .absorption import Absorption, TrendPoint, absorption_rows, absorption_trend, percent, status_of, thresholds
from .access import budget_opds, require_viewer
from .clock import as_of_month
from .contracts import ContractView, contract_views
from .models import FiscalYear
from .slowness import SlowParty, sides_summary, slow_parties


@dataclass
class Dashboard:
    year: int
    month: int
    generated_at: dt.datetime
    total: Absorption
    opds: list[Absorption]
    trend: list[TrendPoint]
    critical: list[ContractView]
    slow: list[SlowParty]
    sides: dict
    opd: OPD | None = None
    programs: list[Absorption] | None = None
    funding_sources: list[Absorption] | None = None
    contracts: list[ContractView] | None = None


def fiscal_year_for(*, year: int | None, today: dt.date) -> int:
    """The requested year, else the latest fiscal year not after today's."""
    if year is not None:
        if not FiscalYear.objects.filter(year=year).exists():
            raise Http404(_("Tahun anggaran tidak ditemukan."))
        return year
    found = FiscalYear.objects.filter(year__lte=today.year).order_by("-year").values_list("year", flat=True).first()
    if found is None:
        raise Http404(_("Belum ada tahun anggaran."))
    return found


def _total(rows: list[Absorption], month: int) -> Absorption:
    pagu, done, plan = (sum(getattr(r, f) for r in rows) for f in ("pagu", "realised", "planned"))
    pct = percent(done, pagu)
    return Absorption("all", _("Seluruh OPD"), pagu, done, plan, pct, percent(plan, pagu),
                      status_of(pct=pct, month=month, table=thresholds()))  # fmt: skip


def dashboard_data(*, user: User, year: int | None, today: dt.date, opd_id: int | None = None) -> Dashboard:
    """Everything the dashboard shows for ``user``; ``opd_id`` narrows it to one OPD (404 if not visible)."""
    require_viewer(user)
    year = fiscal_year_for(year=year, today=today)
    month = as_of_month(year=year, today=today)
    opd = None
    if opd_id is not None:
        opd = budget_opds(user).filter(pk=opd_id).first()
        if opd is None:
            raise Http404(_("OPD tidak ditemukan."))
    rows = absorption_rows(user=user, year=year, month=month, opd_id=opd_id)
    views = contract_views(user=user, year=year, today=today, opd_id=opd_id)
    slow = slow_parties(user=user, year=year, today=today, opd_id=opd_id)
    data = Dashboard(
        year=year,
        month=month,
        generated_at=timezone.now(),
        total=_total(rows, month),
        opds=rows,
        trend=absorption_trend(user=user, year=year, month=month, opd_id=opd_id),
        critical=[v for v in views if v.critical or v.penalty.days > 0],
        slow=slow,
        sides=sides_summary(slow),
        opd=opd,
    )
    if opd is not None:
        data.programs = absorption_rows(user=user, year=year, month=month, by="program", opd_id=opd_id)
        data.funding_sources = absorption_rows(user=user, year=year, month=month, by="funding_source", opd_id=opd_id)
        data.contracts = views
    return data
