"""Reads of the plan, already restricted to the user and prefetched for their use."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from organizations.selectors import sees_all_opds, visible_opds

from .achievement import Cascade, cascade_build
from .models import Evidence, Indicator, NodeLevel, PlanNode, Realisation, RealisationStatus, Rpjmd
from .permissions import can_plan


def published_rpjmd() -> Rpjmd | None:
    """The plan the public sees: the latest published one."""
    return Rpjmd.objects.filter(is_published=True).order_by("-start_year").first()


def staff_rpjmd(*, user) -> Rpjmd | None:
    """The plan staff work on: the latest one (published or not) for planners and members."""
    if not user.is_authenticated:
        return None
    return Rpjmd.objects.order_by("-start_year").first()


def plan_year(rpjmd: Rpjmd, year: int | str | None) -> int:
    """``year`` if it is a year of the plan, else the current year within the plan."""
    try:
        wanted = int(year) if year not in (None, "") else None
    except (TypeError, ValueError):
        wanted = None
    if wanted in rpjmd.years:
        return wanted
    now = timezone.localdate().year
    return min(max(now, rpjmd.start_year), rpjmd.end_year)


def public_cascade(
    *, year: int | str | None = None, budget_absorption: Mapping[int, Decimal] | None = None
) -> Cascade | None:
    """The published cascade with verified realisation only: what the pages and API show."""
    rpjmd = published_rpjmd()
    if rpjmd is None:
        return None
    return cascade_build(rpjmd=rpjmd, year=plan_year(rpjmd, year), budget_absorption=budget_absorption)


def staff_cascade(
    *, user, year: int | str | None = None, budget_absorption: Mapping[int, Decimal] | None = None
) -> Cascade | None:
    """The working cascade (verified realisation only, like the public one, but any plan)."""
    rpjmd = staff_rpjmd(user=user)
    if rpjmd is None:
        return None
    return cascade_build(rpjmd=rpjmd, year=plan_year(rpjmd, year), budget_absorption=budget_absorption)


def plan_nodes(*, user, rpjmd: Rpjmd) -> QuerySet[PlanNode]:
    """Nodes the user may see: the Pemda's and those of visible OPDs."""
    qs = PlanNode.objects.filter(rpjmd=rpjmd).select_related("opd", "parent", "nomenclature")
    if not sees_all_opds(user):
        qs = qs.filter(opd__in=visible_opds(user))
    return qs.order_by("level", "opd__name", "order", "code")


def pemda_sasaran(*, rpjmd: Rpjmd) -> QuerySet[PlanNode]:
    return PlanNode.objects.filter(rpjmd=rpjmd, level=NodeLevel.SASARAN_PEMDA).order_by("order", "code")


def entry_indicators(*, user, year: int, opd_id: int | None = None) -> QuerySet[Indicator]:
    """Indicators whose realisation the user enters, with the year's quarters and evidence."""
    opds = visible_opds(user) if not can_plan(user) else None
    qs = Indicator.objects.select_related("node", "node__opd", "responsible_opd")
    qs = qs.filter(node__opd__in=opds) if opds is not None else qs.exclude(node__opd=None)
    if opd_id:
        qs = qs.filter(node__opd_id=opd_id)
    year_real = Realisation.objects.filter(year=year).prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at"))
    )
    return qs.prefetch_related(Prefetch("realisations", queryset=year_real, to_attr="year_realisations")).order_by(
        "node__opd__name", "node__level", "node__code", "order", "pk"
    )


def realisations_to_verify(*, user, status: str = RealisationStatus.SUBMITTED) -> QuerySet[Realisation]:
    """Quarters waiting for Bappeda (empty for anyone else)."""
    if not can_plan(user):
        return Realisation.objects.none()
    return (
        Realisation.objects.filter(status=status)
        .select_related("indicator", "indicator__node", "indicator__node__opd", "entered_by")
        .prefetch_related("evidence")
        .order_by("indicator__node__opd__name", "year", "quarter", "pk")
    )


def evidence_for(*, user, uuid) -> Evidence | None:
    """An evidence file the user may download (its OPD visible to them, or Bappeda)."""
    ev = Evidence.objects.select_related("realisation__indicator__node").filter(uuid=uuid).first()
    if ev is None:
        return None
    opd_id = ev.realisation.indicator.node.opd_id or ev.realisation.indicator.responsible_opd_id
    if can_plan(user) or sees_all_opds(user) or visible_opds(user).filter(pk=opd_id).exists():
        return ev
    return None
