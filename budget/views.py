"""The leaders' dashboard (mobile-first, installable PWA): thin views over ``budget.dashboard``."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from organizations.selectors import current_pemda
from organizations.workdays import pemda_days_off

from .charts import Line, line_chart
from .clock import local_today
from .contracts import contract_view, contracts_visible
from .dashboard import dashboard_data, fiscal_year_for
from .rules import rules_in_force, stage_days_late

MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
LOGIN = "wagtailadmin_login"


def _year(request) -> int | None:
    raw = request.GET.get("tahun", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404(_("Tahun tidak valid."))
    return int(raw)


def _trend_chart(trend):
    return line_chart(
        title=_("Serapan kumulatif dibanding anggaran kas"),
        labels=MONTHS,
        lines=[
            Line(_("Anggaran kas"), "s-plan", tuple(p.planned_pct for p in trend)),
            Line(_("Realisasi"), "s-real", tuple(p.realised_pct for p in trend)),
        ],
    )


@never_cache
@login_required(login_url=LOGIN)
@require_GET
def dashboard(request, opd_id: int | None = None):
    data = dashboard_data(user=request.user, year=_year(request), today=local_today(), opd_id=opd_id)
    return render(
        request,
        "budget/opd.html" if opd_id else "budget/dashboard.html",
        {"data": data, "chart": _trend_chart(data.trend), "pemda": current_pemda()},
    )


@never_cache
@login_required(login_url=LOGIN)
@require_GET
def contract_detail(request, contract_id: int):
    today = local_today()
    year = fiscal_year_for(year=_year(request), today=today)
    contract = contracts_visible(user=request.user, year=year).filter(pk=contract_id).first()
    if contract is None:
        raise Http404(_("Kontrak tidak ditemukan."))
    rules = rules_in_force(on=today)
    days_off = pemda_days_off()
    view = contract_view(contract=contract, today=today, rules=rules, days_off=days_off)
    reports = list(contract.progress.all())
    chart = line_chart(
        title=_("Kurva S: rencana dan realisasi fisik"),
        labels=[f"{r.period_end:%d/%m}" for r in reports],
        lines=[
            Line(_("Rencana"), "s-plan", tuple(r.planned_pct for r in reports)),
            Line(_("Realisasi"), "s-real", tuple(r.actual_pct for r in reports)),
        ],
    )
    stages = [(s, stage_days_late(stage=s, today=today, rules=rules, days_off=days_off)) for s in contract.stages.all()]
    return render(
        request,
        "budget/contract.html",
        {"view": view, "chart": chart, "stages": stages, "rules": rules, "year": year, "pemda": current_pemda()},
    )


@require_GET
def manifest(request):
    return render(request, "budget/manifest.webmanifest", content_type="application/manifest+json")


@require_GET
def service_worker(request):
    """Served under /serap/ so its scope covers the dashboard (a static URL would not)."""
    path = finders.find("budget/sw.js")
    with open(path, encoding="utf-8") as handle:
        response = HttpResponse(handle.read(), content_type="text/javascript")
    response["Cache-Control"] = "no-cache"
    return response
