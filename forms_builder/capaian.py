"""Achievement (capaian) of one performance indicator: the one rule in shared/domain/README.md.

- higher is better: ``realisasi / target × 100``
- lower is better: ``(2 − realisasi / target) × 100`` (not ``target / realisasi``)
- target as a range [a, b]: inside it the achievement is 100; below it ``realisasi / a × 100``
  (higher is better against a); above it ``(2 − realisasi / b) × 100`` (lower is better
  against b). Leaving the range costs on either side, whatever the indicator's direction.

The value is exact: a band is read on it (``capaian_rating``), and only what is shown is
rounded (``capaian_display``). No cap unless the Pemda sets one (``cap``). The form engine's
``capaian(...)`` expression function, the public pages, the planning app and the API all
call this module.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

LOWER_IS_BETTER = ("turun", "lower", "rendah")
HUNDRED = Decimal(100)


def _number(value: Any) -> Decimal | None:
    if value is None or isinstance(value, (bool, list, dict)) or value == "":
        return None
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def capaian(
    *,
    realisasi: Any,
    target: Any = None,
    direction: str = "naik",
    target_min: Any = None,
    target_max: Any = None,
    cap: Any = None,
    decimals: int | None = None,
) -> Decimal | None:
    """The achievement in percent, exact unless ``decimals`` is given; ``None`` when it cannot be
    computed (no realisation, no target, a zero target or range bound)."""
    real = _number(realisasi)
    if real is None:
        return None
    lo, hi = _number(target_min), _number(target_max)
    lower_is_better = str(direction or "").strip().lower() in LOWER_IS_BETTER
    if lo is not None and hi is not None:
        if lo > hi:
            lo, hi = hi, lo
        if lo <= real <= hi:
            value = HUNDRED
        elif real < lo:
            value = None if lo == 0 else real / lo * HUNDRED
        else:
            value = None if hi == 0 else (2 - real / hi) * HUNDRED
    else:
        goal = _number(target)
        if goal is None or goal == 0:
            return None
        value = (2 - real / goal) * HUNDRED if lower_is_better else real / goal * HUNDRED
    if value is None:
        return None
    limit = _number(cap)
    if limit is not None:
        value = min(value, limit)
    return value if decimals is None else capaian_display(value, decimals=decimals)


def capaian_display(value: Any, *, decimals: int = 2) -> Decimal | None:
    """``value`` rounded half up for display (never for banding)."""
    number = _number(value)
    if number is None:
        return None
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def capaian_rating(value: Any) -> str | None:
    """The LKjIP rating (Sangat Baik … Sangat Kurang) of an exact achievement."""
    # Local: scoring → expressions → interpreter → capaian would be a cycle at import time.
    from .form_templates import bands
    from .scoring import band_label

    return band_label(value, bands("lkjip_achievement_rating"))
