"""The one base class of domain errors, and the rate-limit error every door maps the same way.

A service raises a ``DomainError`` (or Django's ``ValidationError`` / ``PermissionDenied``);
``api.errors.problem_from_exception`` maps it once for REST and GraphQL, the pages show
``message``. It lives in ``organizations`` because every domain app may import it.
"""

from __future__ import annotations

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused the request. ``field`` ties it to one input (or ``None``)."""

    status: int = 400
    code: str = "bad_request"
    field: str | None = None
    default_message = _("Permintaan tidak valid.")

    def __init__(self, message=None):
        self.message = message if message is not None else self.default_message
        super().__init__(str(self.message))


def format_wait(seconds: int) -> str:
    """``seconds`` as an Indonesian duration a person reads ("45 detik", "15 menit", "2 jam")."""
    seconds = max(1, int(seconds))
    if seconds < 120:
        return ngettext("%(n)s detik", "%(n)s detik", seconds) % {"n": seconds}
    minutes = -(-seconds // 60)
    if minutes < 120:
        return ngettext("%(n)s menit", "%(n)s menit", minutes) % {"n": minutes}
    hours = -(-minutes // 60)
    return ngettext("%(n)s jam", "%(n)s jam", hours) % {"n": hours}


class RateLimitedError(DomainError):
    """Too many attempts right now. ``retry_after`` is the real wait in seconds (doors send it)."""

    status = 429
    code = "throttled"
    default_message = _("Terlalu banyak permintaan.")

    def __init__(self, message=None, *, retry_after: int):
        self.retry_after = max(1, int(retry_after))
        base = message if message is not None else self.default_message
        text = gettext("%(message)s Coba lagi dalam %(wait)s.") % {
            "message": str(base).rstrip(),
            "wait": format_wait(self.retry_after),
        }
        super().__init__(text)
