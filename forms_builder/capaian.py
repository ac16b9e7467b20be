"""Achievement (capaian) of one performance indicator, the rule in shared/domain/README.md.

- higher is better: ``realisasi / target × 100``
- lower is better: ``(2 − realisasi / target) × 100`` (not ``target / realisasi``)
- target as a range [a, b]: above b counts against b, below a against a, inside it is 100.

No cap (a per-Pemda cap is a setting, off by default). The LKjIP rating of an achievement
comes from the ``lkjip_achievement_rating`` band table.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .form_templates import bands
from .scoring import band_label

LOWER_IS_BETTER = ("turun", "lower", "rendah")


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, (bool, list, dict)) or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def capaian(
    *,
    realisasi: Any,
    target: Any = None,
    direction: str = "naik",
    target_min: Any = None,
    target_max: Any = None,
    cap: Any = None,
    decimals: int = 2,
) -> Decimal | None:
    """The achievement in percent, or ``None`` when it cannot be computed (missing or zero target)."""
    real = _number(realisasi)
    if real is None:
        return None
    lo, hi = _number(target_min), _number(target_max)
    goal = _number(target)
    if lo is not None and hi is not None:
        if lo > hi:
            lo, hi = hi, lo
        if lo <= real <= hi:
            return Decimal(100).quantize(Decimal(1).scaleb(-decimals))
        goal = hi if real > hi else lo
    if goal is None or goal == 0:
        return None
    ratio = real / goal
    value = (2 - ratio) * 100 if str(direction or "").strip().lower() in LOWER_IS_BETTER else ratio * 100
    if cap is not None and _number(cap) is not None:
        value = min(value, _number(cap))
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def capaian_rating(value: Any) -> str | None:
    """The LKjIP rating (Sangat Baik … Sangat Kurang) of an achievement."""
    return band_label(value, bands("lkjip_achievement_rating"))
