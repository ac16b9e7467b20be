from decimal import Decimal

from django import template
from django.utils.translation import gettext as _

from budget.absorption import display_pct

register = template.Library()


@register.filter
def persen(value) -> str:
    """``Decimal("45.678")`` → ``45,68%`` (``–`` when there is no value)."""
    return display_pct(Decimal(value) if value is not None else None)


@register.filter
def rupiah_ringkas(amount) -> str:
    """``12_345_000_000`` → ``Rp 12,3 M`` (miliar), ``Rp 450,0 jt`` (juta) for narrow screens.

    The spaces are non-breaking: in a narrow table column "Rp / 11,4 / M" on three lines misreads."""
    if amount is None:
        return ""
    value = Decimal(amount)
    sign = "-" if value < 0 else ""
    value = abs(value)
    for size, unit in ((Decimal(10) ** 12, _("T")), (Decimal(10) ** 9, _("M")), (Decimal(10) ** 6, _("jt"))):
        if value >= size:
            return f"{sign}Rp\u00a0{value / size:.1f}\u00a0{unit}".replace(".", ",")
    return f"{sign}Rp\u00a0{int(value):,}".replace(",", ".")
