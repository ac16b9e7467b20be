"""Quiet hours: no SMS or WhatsApp at night in the Pemda's own zone (WIB/WITA/WIT).

The window is ``NOTIFICATION_QUIET_HOURS`` (``"21:00-06:00"``; it may wrap midnight; empty =
none), read in the time zone of the current Pemda. A delivery that falls inside it waits
for the window's end; it is never dropped. Email and the in-admin list are not affected,
and an ``urgent`` notification goes at once.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from organizations.selectors import current_pemda


def _parse_window(value: str) -> tuple[dt.time, dt.time] | None:
    if not value.strip():
        return None
    try:
        start, end = (dt.time.fromisoformat(part.strip()) for part in value.split("-"))
    except ValueError as exc:
        raise ImproperlyConfigured(f"NOTIFICATION_QUIET_HOURS must look like 21:00-06:00, not {value!r}") from exc
    return (start, end) if start != end else None


def pemda_zone() -> zoneinfo.ZoneInfo:
    pemda = current_pemda()
    return zoneinfo.ZoneInfo(pemda.timezone if pemda else settings.TIME_ZONE)


def quiet_until(moment: dt.datetime) -> dt.datetime | None:
    """The end of the quiet window ``moment`` falls in (aware, UTC), or ``None`` outside it."""
    window = _parse_window(settings.NOTIFICATION_QUIET_HOURS)
    if window is None:
        return None
    start, end = window
    zone = pemda_zone()
    local = moment.astimezone(zone)
    clock = local.time().replace(tzinfo=None)
    if start < end:  # e.g. 12:00-13:00, same day
        inside = start <= clock < end
        end_day = local.date()
    else:  # wraps midnight, e.g. 21:00-06:00
        inside = clock >= start or clock < end
        end_day = local.date() + dt.timedelta(days=1) if clock >= start else local.date()
    if not inside:
        return None
    return dt.datetime.combine(end_day, end, tzinfo=zone).astimezone(dt.UTC)
