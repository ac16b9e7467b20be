"""The published performance figures as plain data: what the public page, the CSV/JSON
downloads, REST and GraphQL all show (so they cannot disagree). Achievements are rounded
here, for display, after their ratings were read on the exact values.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .achievement import Cascade, NodeResult
from .display import rounded
from .plan_models import NodeLevel


def summary(cascade: Cascade) -> dict:
    return {
        "plan": cascade.rpjmd.name,
        "year": cascade.year,
        "years": cascade.rpjmd.years,
        "achievement": rounded(cascade.achievement),
        "rating": cascade.rating,
        "previous_achievement": rounded(cascade.previous),
        "five_year_achievement": rounded(cascade.final_achievement),
    }


def goal_rows(cascade: Cascade) -> list[dict]:
    """One row per IKU Pemda: tujuan, sasaran, indicator, target, realisation, achievement."""
    rows = []
    for tujuan in cascade.roots:
        for sasaran in (c for c in tujuan.children if c.level == NodeLevel.SASARAN_PEMDA):
            for ind in sasaran.indicators or [None]:
                rows.append({
                    "tujuan": f"{tujuan.code} {tujuan.name}",
                    "sasaran": f"{sasaran.code} {sasaran.name}",
                    "sasaran_achievement": rounded(sasaran.achievement),
                    "sasaran_rating": sasaran.rating,
                    "indicator": ind.name if ind else None,
                    "unit": ind.unit if ind else None,
                    "target": ind.target_text if ind else None,
                    "realisation": rounded(ind.realisation) if ind else None,
                    "achievement": rounded(ind.achievement) if ind else None,
                    "rating": ind.rating if ind else None,
                    "previous_achievement": rounded(ind.previous) if ind else None,
                    "five_year_target": rounded(ind.final_target) if ind else None,
                    "five_year_achievement": rounded(ind.final_achievement) if ind else None,
                })  # fmt: skip
    return rows


def opd_rows(cascade: Cascade) -> list[dict]:
    return [
        {
            "opd_id": o.id,
            "opd": o.name,
            "achievement": rounded(o.achievement),
            "rating": o.rating,
            "previous_achievement": rounded(o.previous),
            "efficiency": rounded(o.efficiency),
            "sasaran": [
                {
                    "sasaran": f"{s.code} {s.name}",
                    "achievement": rounded(s.achievement),
                    "rating": s.rating,
                    "supports_pemda": s.supports_pemda,
                    "indicators": [
                        {
                            "indicator": i.name,
                            "unit": i.unit,
                            "target": i.target_text,
                            "realisation": rounded(i.realisation),
                            "achievement": rounded(i.achievement),
                            "rating": i.rating,
                        }
                        for i in s.indicators
                    ],
                }
                for s in o.sasaran
            ],
        }
        for o in cascade.opds
    ]


def tree_data(cascade: Cascade, *, max_depth: int = 7) -> list[dict]:
    """The tree as nested data (a node under several parents appears under each)."""

    def item(node: NodeResult, depth: int, trail: frozenset) -> dict:
        kids = [c for c in node.children if c.id not in trail] if depth + 1 < max_depth else []
        return {
            "id": node.id,
            "level": node.level,
            "level_label": node.level_label,
            "code": node.code,
            "name": node.name,
            "opd": node.opd_name or None,
            "achievement": rounded(node.achievement),
            "rating": node.rating,
            "supports_pemda": node.supports_pemda,
            "children": [item(c, depth + 1, trail | {node.id}) for c in kids],
        }

    return [item(root, 0, frozenset()) for root in cascade.roots]


def no_data_label() -> str:
    return _("belum ada data")
