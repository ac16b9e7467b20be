"""Today in the Pemda's zone (jobs have no request to activate it) and the month figures are "as of"."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import timezone

from organizations.selectors import current_pemda


def pemda_zone() -> dt.tzinfo:
    pemda = current_pemda()
    return zoneinfo.ZoneInfo(pemda.timezone) if pemda else timezone.get_current_timezone()


def local_now() -> dt.datetime:
    return timezone.localtime(timezone.now(), pemda_zone())


def local_today() -> dt.date:
    return local_now().date()


def as_of_month(*, year: int, today: dt.date) -> int:
    """The last month with figures for ``year``: the current month this year, 12 for a past year."""
    if year < today.year:
        return 12
    if year > today.year:
        return 0
    return today.month
