"""Counts that do not scan: at most ``settings.LIST_COUNT_CAP + 1`` rows are counted.

An exact ``COUNT(*)`` over a million complaints or audit events costs more than the page it
accompanies. Every list door (REST's capped paginator, GraphQL's pages, the auditor's timeline)
counts through :func:`capped_count`, so the number and its meaning are the same everywhere: a
count above the cap means "more than the cap" and comes with ``capped=True`` (ADR 0019).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet


@dataclass(frozen=True)
class CappedCount:
    count: int  # exact when not capped; cap + 1 when capped
    capped: bool
    cap: int


def count_cap() -> int:
    return settings.LIST_COUNT_CAP


def capped_count(queryset: QuerySet) -> CappedCount:
    """``SELECT COUNT(*) FROM (… LIMIT cap + 1)``: cheap at any size, exact below the cap.

    Without the list's ordering: any ``cap + 1`` rows give the same answer, and an ``ORDER BY`` kept in
    the subquery made PostgreSQL sort or walk an index for nothing (0.8 s instead of 0.13 s for a
    common search word at a million complaints)."""
    cap = count_cap()
    count = queryset.order_by()[: cap + 1].count()
    return CappedCount(count=count, capped=count > cap, cap=cap)
