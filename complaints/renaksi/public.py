"""The Renaksi as the public sees it: plain data shared by the public page, REST and GraphQL, so
they cannot disagree. Active and closed plans only; public fields only (no narratives, no evidence
files, no reporters: they may name people).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from ..deadlines import local_today
from .models import PUBLIC_PLAN_STATUSES, Action, ActionPlan, ActionProgress
from .status import ActionStatus, status_of, with_latest_percent


def public_plans() -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(status__in=PUBLIC_PLAN_STATUSES).order_by("-start_year", "title")


def public_plan_get(*, plan_id) -> ActionPlan | None:
    try:
        return public_plans().filter(pk=int(plan_id)).first()
    except (TypeError, ValueError):
        return None


def public_actions(*, plan: ActionPlan) -> QuerySet[Action]:
    """The plan's actions with owner OPD, latest percent and every quarter's figure: three queries."""
    progress = ActionProgress.objects.order_by("year", "quarter").only(
        "id", "action_id", "year", "quarter", "percent", "reported_at"
    )
    qs = (
        Action.objects.filter(plan=plan)
        .select_related("opd")
        .prefetch_related(Prefetch("progress", queryset=progress, to_attr="public_progress"))
    )
    return with_latest_percent(qs).order_by("order", "code", "id")


def action_data(action: Action, *, today: dt.date) -> dict:
    status = status_of(action, today=today)
    return {
        "id": action.pk,
        "code": action.code,
        "title": action.title,
        "opd": action.opd.name,
        "opd_acronym": action.opd.acronym,
        "output": action.output,
        "indicator": action.indicator,
        "due_date": action.due_date,
        "latest_percent": action.latest_percent,
        "status": status.value,
        "status_label": str(status.label),
        "progress": [
            {"year": p.year, "quarter": p.quarter, "percent": p.percent, "reported_at": p.reported_at}
            for p in action.public_progress
        ],
    }


def plan_data(plan: ActionPlan, *, with_actions: bool = True, today: dt.date | None = None) -> dict:
    """One plan as plain data; ``summary`` counts actions per status and averages the latest percent."""
    today = today or local_today()
    data = {
        "id": plan.pk,
        "title": plan.title,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "status": plan.status,
        "status_label": str(plan.get_status_display()),
        "description": plan.description,
        "is_demo": plan.is_demo,
    }
    if with_actions:
        actions = [action_data(a, today=today) for a in public_actions(plan=plan)]
        counts = {s.value: 0 for s in ActionStatus}
        for a in actions:
            counts[a["status"]] += 1
        percents = [a["latest_percent"] or 0 for a in actions]
        data["actions"] = actions
        data["summary"] = {
            "actions": len(actions),
            "by_status": counts,
            "average_percent": round(sum(percents) / len(percents)) if percents else None,
        }
    return data
