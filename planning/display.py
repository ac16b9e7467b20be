"""Numbers as a person reads them (Indonesian format), rounded only here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from forms_builder.capaian import capaian_display

DASH = "—"


def number_text(value: Any, decimals: int = 2) -> str:
    """``1234,5`` style: dot for thousands, comma for decimals, trailing zeros dropped; "—" for none."""
    if value is None or value == "":
        return DASH
    number = capaian_display(value, decimals=decimals)
    if number is None:
        return DASH
    text = f"{number:,.{decimals}f}".replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def percent_text(value: Any) -> str:
    return DASH if value is None else f"{number_text(value)}%"


def rounded(value: Decimal | None, decimals: int = 2) -> float | None:
    """A display figure for machines (CSV/JSON/API): rounded half up, as pages show it."""
    shown = capaian_display(value, decimals=decimals) if value is not None else None
    return None if shown is None else float(shown)
