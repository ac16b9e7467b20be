"""Achievement of the whole cascade for one year, in a constant number of queries.

Each indicator's achievement is the one rule (``forms_builder.capaian``) on the year's
realisation (the latest counted quarter: realisation is cumulative) against the year's
target (frozen by a signed Perjanjian Kinerja, else the plan's). A node's achievement is the
weighted mean of its own indicators' achievements, or, when it has none with a figure, the
weighted mean of its children's (an OPD sasaran's children are its programmes; a Pemda
sasaran's are the OPD sasaran that support it). OPD: mean of its sasaran; Pemda: mean of
its sasaran. Ratings are read on the exact values (``capaian_rating``); round for display.

Budget efficiency (achievement ÷ budget absorption × 100) needs the Serap figures: the
caller passes ``budget_absorption`` {plan node id: absorption %}; without it, efficiency is
``None`` (shown "—"), never zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from forms_builder.capaian import capaian, capaian_rating

from .models import (
    AgreementItem,
    AgreementStatus,
    Indicator,
    IndicatorTarget,
    NodeSupport,
    PlanNode,
    Realisation,
    RealisationStatus,
    Rpjmd,
)
from .plan_models import PEMDA_LEVELS, NodeLevel


@dataclass
class QuarterResult:
    quarter: int
    plan: Decimal | None
    value: Decimal | None
    status: str
    achievement: Decimal | None


@dataclass
class IndicatorResult:
    id: int
    node_id: int
    name: str
    unit: str
    direction: str
    kind: str
    weight: Decimal
    target: Decimal | None = None
    target_min: Decimal | None = None
    target_max: Decimal | None = None
    realisation: Decimal | None = None
    quarter: int | None = None
    achievement: Decimal | None = None
    rating: str | None = None
    previous: Decimal | None = None
    final_target: Decimal | None = None
    final_achievement: Decimal | None = None
    quarters: list[QuarterResult] = field(default_factory=list)

    @property
    def target_text(self) -> str:
        from .display import number_text

        if self.target_min is not None and self.target_max is not None:
            return f"{number_text(self.target_min)}–{number_text(self.target_max)}"
        return number_text(self.target)


@dataclass
class NodeResult:
    id: int
    level: str
    code: str
    name: str
    opd_id: int | None
    opd_name: str
    weight: Decimal
    parent_id: int | None
    indicators: list[IndicatorResult] = field(default_factory=list)
    children: list[NodeResult] = field(default_factory=list)
    achievement: Decimal | None = None
    rating: str | None = None
    previous: Decimal | None = None
    final_achievement: Decimal | None = None
    supports_pemda: bool = True
    efficiency: Decimal | None = None

    @property
    def level_label(self) -> str:
        return str(NodeLevel(self.level).label)


@dataclass
class OpdResult:
    id: int
    name: str
    sasaran: list[NodeResult]
    achievement: Decimal | None = None
    rating: str | None = None
    previous: Decimal | None = None
    efficiency: Decimal | None = None


@dataclass
class Cascade:
    rpjmd: Rpjmd
    year: int
    roots: list[NodeResult]
    nodes: dict[int, NodeResult]
    opds: list[OpdResult]
    achievement: Decimal | None = None
    rating: str | None = None
    previous: Decimal | None = None
    final_achievement: Decimal | None = None
    unlinked: list[NodeResult] = field(default_factory=list)

    def walk(self):
        """Every node once, Pemda tree order first, then OPD nodes outside it."""
        seen: set[int] = set()
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            if node.id in seen:
                continue
            seen.add(node.id)
            yield node
            stack.extend(reversed(node.children))


def weighted_mean(items) -> Decimal | None:
    pairs = [(v, Decimal(w)) for v, w in items if v is not None and w]
    total = sum((w for _v, w in pairs), Decimal(0))
    if not pairs or total == 0:
        return None
    return sum((v * w for v, w in pairs), Decimal(0)) / total


def _target_of(row) -> tuple:
    return row[0], row[1], row[2]


def cascade_build(
    *,
    rpjmd: Rpjmd,
    year: int,
    verified_only: bool = True,
    budget_absorption: Mapping[int, Decimal] | None = None,
    cap: Decimal | None = None,
) -> Cascade:
    """The cascade of ``rpjmd`` with every achievement of ``year`` (seven queries, any size)."""
    years = (year - 1, year)
    nodes: dict[int, NodeResult] = {}
    for pk, level, code, name, opd_id, opd_name, weight, parent_id in (
        PlanNode.objects.filter(rpjmd=rpjmd)
        .order_by("order", "code", "pk")
        .values_list("pk", "level", "code", "name", "opd_id", "opd__name", "weight", "parent_id")
    ):
        nodes[pk] = NodeResult(pk, level, code, name, opd_id, opd_name or "", weight, parent_id)
    supporters: dict[int, list[int]] = defaultdict(list)
    supports: dict[int, list[int]] = defaultdict(list)
    for node_id, target_id in NodeSupport.objects.filter(node__rpjmd=rpjmd).values_list("node_id", "target_id"):
        supporters[target_id].append(node_id)
        supports[node_id].append(target_id)

    indicators: dict[int, IndicatorResult] = {}
    for pk, node_id, name, unit, direction, kind, weight in (
        Indicator.objects.filter(node__rpjmd=rpjmd)
        .order_by("order", "pk")
        .values_list("pk", "node_id", "name", "unit", "direction", "kind", "weight")
    ):
        indicators[pk] = IndicatorResult(pk, node_id, name, unit, direction, kind, weight)
        nodes[node_id].indicators.append(indicators[pk])

    targets: dict[tuple[int, int], tuple] = {}
    for ind, y, value, low, high in IndicatorTarget.objects.filter(
        indicator__node__rpjmd=rpjmd, year__in={*years, rpjmd.end_year}
    ).values_list("indicator_id", "year", "value", "value_min", "value_max"):
        targets[(ind, y)] = (value, low, high)
    for ind, y, value, low, high in AgreementItem.objects.filter(
        agreement__rpjmd=rpjmd, agreement__status=AgreementStatus.SIGNED, agreement__year__in=years
    ).values_list("indicator_id", "agreement__year", "value", "value_min", "value_max"):
        targets[(ind, y)] = (value, low, high)  # the signed agreement's frozen target wins

    realised = Realisation.objects.filter(indicator__node__rpjmd=rpjmd, year__in=years)
    if verified_only:
        realised = realised.filter(status=RealisationStatus.VERIFIED)
    latest: dict[tuple[int, int], tuple[int, Decimal]] = {}
    quarters: dict[int, list[QuarterResult]] = defaultdict(list)
    for ind, y, q, plan, value, status in realised.order_by("quarter").values_list(
        "indicator_id", "year", "quarter", "plan_value", "value", "status"
    ):
        if value is not None:
            latest[(ind, y)] = (q, value)
        if y == year and ind in indicators:
            direction = "naik" if indicators[ind].direction == "rentang" else indicators[ind].direction
            quarters[ind].append(
                QuarterResult(q, plan, value, status, capaian(realisasi=value, target=plan, direction=direction))
            )

    def achieve(result: IndicatorResult, y: int, target=None) -> Decimal | None:
        got = latest.get((result.id, y))
        goal = target if target is not None else targets.get((result.id, y))
        if got is None or goal is None:
            return None
        value, low, high = goal
        return capaian(
            realisasi=got[1],
            target=value,
            direction=result.direction,
            target_min=low if result.direction == "rentang" else None,
            target_max=high if result.direction == "rentang" else None,
            cap=cap,
        )

    for result in indicators.values():
        result.target, result.target_min, result.target_max = targets.get((result.id, year), (None, None, None))
        result.quarter, result.realisation = latest.get((result.id, year), (None, None))
        result.achievement = achieve(result, year)
        result.rating = capaian_rating(result.achievement)
        result.previous = achieve(result, year - 1)
        final = targets.get((result.id, rpjmd.end_year))
        result.final_target = final[0] if final else None
        result.final_achievement = achieve(result, year, final) if final else None
        result.quarters = quarters.get(result.id, [])

    children: dict[int, list[int]] = defaultdict(list)
    for node in nodes.values():
        if node.parent_id in nodes:
            children[node.parent_id].append(node.id)
    for node in nodes.values():
        ids = children[node.id] + [s for s in supporters.get(node.id, []) if s not in children[node.id]]
        node.children = [nodes[i] for i in ids if i in nodes]

    _rollup(nodes)
    _flag_unlinked(nodes, supports)
    absorption = budget_absorption or {}
    for node in nodes.values():
        spent = absorption.get(node.id)
        if spent is not None and node.achievement is not None and spent != 0:
            node.efficiency = node.achievement / Decimal(spent) * 100

    roots = [n for n in nodes.values() if n.level == NodeLevel.TUJUAN_PEMDA]
    pemda_sasaran = [n for n in nodes.values() if n.level == NodeLevel.SASARAN_PEMDA]
    cascade = Cascade(rpjmd=rpjmd, year=year, roots=roots, nodes=nodes, opds=_opds(nodes))
    for attr in ("achievement", "previous", "final_achievement"):
        setattr(cascade, attr, weighted_mean((getattr(n, attr), n.weight) for n in pemda_sasaran))
    cascade.rating = capaian_rating(cascade.achievement)
    cascade.unlinked = [n for n in nodes.values() if not n.supports_pemda]
    return cascade


def _rollup(nodes: dict[int, NodeResult]) -> None:
    done: set[int] = set()

    def visit(node: NodeResult, trail: frozenset) -> None:
        if node.id in done or node.id in trail:
            return
        for child in node.children:
            visit(child, trail | {node.id})
        for attr in ("achievement", "previous", "final_achievement"):
            own = weighted_mean((getattr(i, attr), i.weight) for i in node.indicators)
            if own is None:
                own = weighted_mean((getattr(c, attr), c.weight) for c in node.children)
            setattr(node, attr, own)
        node.rating = capaian_rating(node.achievement)
        done.add(node.id)

    for node in nodes.values():
        visit(node, frozenset())


def _flag_unlinked(nodes: dict[int, NodeResult], supports: dict[int, list[int]]) -> None:
    """An OPD node supports the Pemda when its sasaran (or a sasaran it supports) is linked."""
    linked = {n.id for n in nodes.values() if n.level == NodeLevel.SASARAN_OPD and supports.get(n.id)}
    by_parent: dict[int, list[NodeResult]] = defaultdict(list)
    for node in nodes.values():
        by_parent[node.parent_id].append(node)
    order = [NodeLevel.SASARAN_OPD, NodeLevel.TUJUAN_OPD, NodeLevel.PROGRAM, NodeLevel.KEGIATAN, NodeLevel.SUB_KEGIATAN]
    for level in order:
        for node in (n for n in nodes.values() if n.level == level):
            if level == NodeLevel.SASARAN_OPD:
                node.supports_pemda = node.id in linked
            elif level == NodeLevel.TUJUAN_OPD:
                node.supports_pemda = any(c.supports_pemda for c in by_parent[node.id])
            elif level == NodeLevel.PROGRAM:
                parent = nodes.get(node.parent_id)
                node.supports_pemda = bool(parent and parent.supports_pemda) or any(
                    t in linked for t in supports.get(node.id, [])
                )
            else:
                parent = nodes.get(node.parent_id)
                node.supports_pemda = bool(parent and parent.supports_pemda)
    for node in nodes.values():
        if node.level in PEMDA_LEVELS:
            node.supports_pemda = True


def _opds(nodes: dict[int, NodeResult]) -> list[OpdResult]:
    by_opd: dict[int, OpdResult] = {}
    for node in nodes.values():
        if node.level == NodeLevel.SASARAN_OPD and node.opd_id:
            by_opd.setdefault(node.opd_id, OpdResult(node.opd_id, node.opd_name, [])).sasaran.append(node)
    for opd in by_opd.values():
        opd.achievement = weighted_mean((n.achievement, n.weight) for n in opd.sasaran)
        opd.previous = weighted_mean((n.previous, n.weight) for n in opd.sasaran)
        opd.efficiency = weighted_mean((n.efficiency, n.weight) for n in opd.sasaran)
        opd.rating = capaian_rating(opd.achievement)
    return sorted(by_opd.values(), key=lambda o: o.name)
