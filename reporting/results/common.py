"""Helpers shared by the results builders: display rounding, the year rule, form lookup."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.formats import number_format

from forms_builder.capaian import capaian_display
from forms_builder.models import FormDefinition

#: Keys of the shipped templates whose published results the API serves.
SAKIP_FORM_KEY = "lke_sakip"
SPBE_FORM_KEY = "spbe_mandiri"
SPM_FORM_KEY = "spm"


def shown(value: Any, decimals: int = 2) -> float | None:
    """A figure as shown (rounded half up) for machines: CSV/JSON/API; never banded."""
    number = capaian_display(value, decimals=decimals) if value is not None else None
    return None if number is None else float(number)


def text(value: Any) -> str:
    """Indonesian number text (1.234,5), "–" for nothing (what the public tables print)."""
    if value is None or value == "":
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    decimals = 0 if number.is_integer() else 2
    out = number_format(number, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return out.rstrip("0").rstrip(",") if decimals else out


def exact(value: Any) -> Decimal | None:
    if value is None or isinstance(value, (bool, str, list, dict)):
        return None
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


def published_form(key: str):
    """The form with a shipped template's key (form definitions are public, not their answers)."""

    return FormDefinition.objects.filter(key=key).order_by("pk").first()


def choose_year(available: list[int], year: int | None) -> int | None:
    """The asked year when it has published results, the latest when none is asked, else ``None``."""
    if not available:
        return None
    if year is None:
        return max(available)
    return year if year in available else None
