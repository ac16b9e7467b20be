"""Reads of the Renaksi for staff screens, already restricted by ``access`` and prefetched."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from .access import action_filter, can_edit_plan, reporter_opd_ids
from .models import Action, ActionPlan, ActionProgress, PlanStatus
from .status import with_latest_percent


def plan_list_staff(*, user) -> QuerySet[ActionPlan]:
    """Plans ``user`` may see: every plan for editors; the non-draft plans holding an action they see."""
    if can_edit_plan(user):
        return ActionPlan.objects.all()
    q = action_filter(user)
    if q is None:
        return ActionPlan.objects.none()
    ids = Action.objects.filter(q).values("plan_id")
    return ActionPlan.objects.filter(pk__in=ids).exclude(status=PlanStatus.DRAFT)


def action_list_staff(*, user, plan: ActionPlan | None = None) -> QuerySet[Action]:
    """Actions ``user`` may see, with ``latest_percent``, plan and owner OPD joined."""
    q = action_filter(user)
    if q is None:
        return Action.objects.none()
    qs = Action.objects.filter(q).select_related("plan", "opd")
    if plan is not None:
        qs = qs.filter(plan=plan)
    return with_latest_percent(qs).order_by("plan__start_year", "plan_id", "order", "code", "id")


def action_list_to_report(*, user) -> QuerySet[Action]:
    """ "Rencana aksi saya": actions of running plans that ``user`` reports for, with their
    progress (newest first) and its evidence prefetched."""
    ids = reporter_opd_ids(user)
    if not ids:
        return Action.objects.none()
    progress = ActionProgress.objects.select_related("reported_by").prefetch_related("evidence")
    qs = (
        Action.objects.filter(opd__in=sorted(ids), plan__status=PlanStatus.ACTIVE)
        .select_related("plan", "opd")
        .prefetch_related(Prefetch("progress", queryset=progress.order_by("-year", "-quarter")))
    )
    return with_latest_percent(qs).order_by("due_date", "plan_id", "order", "code", "id")
