"""Rupiah amounts and Indonesian dates, the way Pemda documents write them.

Independent of our domain apps: the time zone is whatever is active (the request's
Pemda time zone, set by organizations.middleware) unless the caller passes one, so jobs
and exports can format for a Pemda explicitly.
"""

import datetime
import zoneinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import formats, timezone, translation
from django.utils.dates import MONTHS

# Indonesia's three time zones by their official abbreviations (Permendagri/BMKG usage).
ZONE_ABBREVIATIONS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def format_rupiah(amount: Decimal | int | float | str | None, *, decimals: int = 2) -> str:
    """``Decimal("1234567.891")`` → ``"Rp 1.234.567,89"`` (dot thousands, comma decimals).

    Always the Indonesian convention, whatever the page language: it is how amounts
    appear in budgets and reports. Rounds half up; ``decimals=0`` gives ``"Rp 1.234.568"``.
    Returns ``""`` for ``None`` or a value that is not a number.
    """
    if amount is None or isinstance(amount, bool):
        return ""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return ""
    if not value.is_finite():
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    value = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):.{decimals}f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}Rp {grouped}" + (f",{fraction}" if decimals > 0 else "")


def zone_abbreviation(tz: datetime.tzinfo | None = None) -> str:
    """``WIB``/``WITA``/``WIT`` for Indonesian zones, the zone's own name otherwise."""
    tz = tz or timezone.get_current_timezone()
    name = getattr(tz, "key", None) or str(tz)
    return ZONE_ABBREVIATIONS.get(name, name)


def format_date(value: datetime.date | datetime.datetime | None, *, language: str | None = None) -> str:
    """``"3 Mei 2026"`` (or ``"3 May 2026"`` in English). Datetimes are first converted to local time."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value, None)
    with translation.override(language or translation.get_language() or "id"):
        return formats.date_format(value, "j F Y")


def format_month(month: int | None, *, language: str | None = None) -> str:
    """``12`` → ``"Desember"`` (``"December"`` in English); ``""`` for anything that is not 1–12."""
    try:
        month = int(month)
    except (TypeError, ValueError):
        return ""
    if month not in MONTHS:
        return ""
    with translation.override(language or translation.get_language() or "id"):
        return str(MONTHS[month])


def format_datetime(
    value: datetime.datetime | None,
    *,
    tz: datetime.tzinfo | str | None = None,
    language: str | None = None,
) -> str:
    """``"3 Mei 2026 14.30 WITA"``: local time of ``tz`` (default: the active Pemda zone).

    The time uses a dot, as Indonesian style guides (PUEBI) write hours and minutes.
    """
    if value is None:
        return ""
    if isinstance(tz, str):
        tz = zoneinfo.ZoneInfo(tz)
    local = _local(value, tz)
    with translation.override(language or translation.get_language() or "id"):
        day = formats.date_format(local, "j F Y")
    zone = zone_abbreviation(tz or timezone.get_current_timezone())
    return f"{day} {local:%H.%M} {zone}"


def _local(value: datetime.datetime, tz: datetime.tzinfo | None) -> datetime.datetime:
    if timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return timezone.localtime(value, tz)
