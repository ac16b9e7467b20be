"""A small planning world: an RPJMD, one Pemda goal, OPD sasaran linked to it, indicators."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from organizations.roles import GlobalRole
from planning.models import (
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    NodeLevel,
    NodeSupport,
    PlanNode,
    Realisation,
    RealisationStatus,
    Rpjmd,
)

from .organizations import OPDFactory, UserFactory

__all__ = ["PlanWorld", "add_indicator", "bappeda_user", "plan_world"]

YEAR = 2026


def bappeda_user(**kwargs):
    return UserFactory(roles=[GlobalRole.BAPPEDA_REVIEWER], **kwargs)


def _d(value):
    return None if value is None else Decimal(str(value))


def add_indicator(node, *, direction="naik", target=None, a=None, b=None, realised=None, status="verified",
                  year=YEAR, name="", quarter=4) -> Indicator:  # fmt: skip
    ind = Indicator.objects.create(
        node=node, kind=IndicatorKind.IKU_OPD if node.opd_id else IndicatorKind.IKU_PEMDA,
        name=name or f"Indikator {node.code}", unit="%", direction=direction,
    )  # fmt: skip
    IndicatorTarget.objects.create(indicator=ind, year=year, value=_d(target), value_min=_d(a), value_max=_d(b))
    if realised is not None:
        Realisation.objects.create(
            indicator=ind, year=year, quarter=quarter, value=_d(realised), status=RealisationStatus(status)
        )
    return ind


@dataclass
class PlanWorld:
    rpjmd: Rpjmd
    tujuan: PlanNode
    sasaran: PlanNode
    opds: list = field(default_factory=list)
    opd_sasaran: list = field(default_factory=list)


def plan_world(*, opds: int = 2, published: bool = True, linked: bool = True, programmes: int = 0) -> PlanWorld:
    rpjmd = Rpjmd.objects.create(name="RPJMD Uji 2025–2029", start_year=2025, end_year=2029, is_published=published)
    tujuan = PlanNode.objects.create(rpjmd=rpjmd, level=NodeLevel.TUJUAN_PEMDA, code="T1", name="Tujuan uji")
    sasaran = PlanNode.objects.create(
        rpjmd=rpjmd, level=NodeLevel.SASARAN_PEMDA, code="S1", name="Sasaran uji", parent=tujuan
    )
    world = PlanWorld(rpjmd, tujuan, sasaran)
    for i in range(opds):
        opd = OPDFactory()
        t = PlanNode.objects.create(rpjmd=rpjmd, level=NodeLevel.TUJUAN_OPD, code="T1", name=f"Tujuan {i}", opd=opd)
        s = PlanNode.objects.create(
            rpjmd=rpjmd, level=NodeLevel.SASARAN_OPD, code="T1.S1", name=f"Sasaran OPD {i}", opd=opd, parent=t
        )
        if linked:
            NodeSupport.objects.create(node=s, target=sasaran)
        for p in range(programmes):
            prog = PlanNode.objects.create(
                rpjmd=rpjmd, level=NodeLevel.PROGRAM, code=f"1.02.{p:02d}", name=f"Program {p}", opd=opd, parent=s
            )
            add_indicator(prog, target=100, realised=80 + p)
        world.opds.append(opd)
        world.opd_sasaran.append(s)
    return world
