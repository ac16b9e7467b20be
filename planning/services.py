"""Services that change the plan: nodes and their links, indicators and targets.

Keyword-only, take the acting user, run in a transaction, raise ``ValidationError`` or
``PermissionDenied``. Realisation and the Perjanjian Kinerja are in ``planning.workflow``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Indicator, IndicatorTarget, NodeSupport, PlanNode
from .permissions import can_plan
from .plan_models import SUPPORTS_LEVEL, NodeLevel
from .selectors import plan_nodes, staff_rpjmd


def _require_planner(actor) -> None:
    if not can_plan(actor):
        raise PermissionDenied(_("Hanya perencana Bappeda yang dapat mengubah rencana."))


def _audited(obj, *, actor, reason: str):
    obj._change_reason = reason
    obj._history_user = actor if getattr(actor, "is_authenticated", False) else None
    return obj


@transaction.atomic
def node_save(*, node: PlanNode, actor, reason: str = "") -> PlanNode:
    """Create or change a node after its invariants (``PlanNode.clean``)."""
    _require_planner(actor)
    node.full_clean()
    _audited(node, actor=actor, reason=reason or _("Rencana diubah")).save()
    return node


@transaction.atomic
def node_supports_set(*, node: PlanNode, targets: Iterable[PlanNode], actor, reason: str = "") -> list[PlanNode]:
    """Make ``node`` support exactly ``targets`` (an OPD sasaran → Pemda sasaran; a programme →
    OPD sasaran). Each link added or removed leaves history."""
    _require_planner(actor)
    want_level = SUPPORTS_LEVEL.get(node.level)
    targets = list(targets)
    if want_level is None and targets:
        raise ValidationError({"supports": [_("Jenjang ini tidak dikaitkan ke sasaran di atasnya.")]})
    for target in targets:
        if target.level != want_level or target.rpjmd_id != node.rpjmd_id:
            raise ValidationError(
                {"supports": [_("“%(name)s” bukan %(level)s pada RPJMD yang sama.") % {
                    "name": target.name, "level": NodeLevel(want_level).label}]}
            )  # fmt: skip
        if node.level == NodeLevel.PROGRAM and target.opd_id != node.opd_id:
            raise ValidationError({"supports": [_("Program hanya mendukung sasaran OPD-nya sendiri.")]})
    wanted = {t.pk for t in targets}
    reason = reason or _("Keterkaitan sasaran diubah")
    for link in NodeSupport.objects.filter(node=node).exclude(target_id__in=wanted):
        _audited(link, actor=actor, reason=reason).delete()
    have = set(NodeSupport.objects.filter(node=node).values_list("target_id", flat=True))
    for target_id in wanted - have:
        _audited(NodeSupport(node=node, target_id=target_id), actor=actor, reason=reason).save()
    return targets


@transaction.atomic
def indicator_save(
    *, indicator: Indicator, targets: dict[int, tuple[Decimal | None, Decimal | None, Decimal | None]], actor
) -> Indicator:
    """Save an indicator and its yearly targets ``{year: (value, a, b)}``; a range needs a ≤ b."""
    _require_planner(actor)
    indicator.full_clean()
    for year, (value, low, high) in targets.items():
        if indicator.direction == "rentang":
            if low is None or high is None or low > high:
                raise ValidationError({"targets": [_("Target %(y)s: isi rentang a ≤ b.") % {"y": year}]})
        elif value is None and (low is not None or high is not None):
            raise ValidationError({"targets": [_("Target %(y)s: rentang hanya untuk arah rentang.") % {"y": year}]})
    _audited(indicator, actor=actor, reason=_("Indikator diubah")).save()
    existing = {t.year: t for t in IndicatorTarget.objects.filter(indicator=indicator)}
    for year, (value, low, high) in targets.items():
        target = existing.get(year) or IndicatorTarget(indicator=indicator, year=year)
        if target.pk and (target.value, target.value_min, target.value_max) == (value, low, high):
            continue
        target.value, target.value_min, target.value_max = value, low, high
        _audited(target, actor=actor, reason=_("Target tahunan diubah")).save()
    return indicator


@transaction.atomic
def node_supports_link(*, node_id: int, target_ids: Iterable[int], actor, reason: str = "") -> tuple[PlanNode, list]:
    """``node_supports_set`` by ids, for the API doors: only a planner, only nodes of the plan
    the actor may see; an unknown node is ``PlanNode.DoesNotExist`` (404), unknown targets a 400."""
    _require_planner(actor)
    rpjmd = staff_rpjmd(user=actor)
    if rpjmd is None:
        raise PlanNode.DoesNotExist
    nodes = plan_nodes(user=actor, rpjmd=rpjmd)
    node = nodes.get(pk=node_id)
    wanted = set(target_ids)
    targets = list(nodes.filter(pk__in=wanted))
    missing = sorted(wanted - {t.pk for t in targets})
    if missing:
        unknown = ", ".join(map(str, missing))
        raise ValidationError({"targets": [_("Sasaran tidak ditemukan: %(ids)s.") % {"ids": unknown}]})
    return node, node_supports_set(node=node, targets=targets, actor=actor, reason=reason)
