"""Login throttling with django-axes: the lockout answer, the real wait, and the audited unlock.

Axes watches every password door that goes through ``django.contrib.auth.authenticate`` with a
request: the Wagtail and Django admin logins and the API token endpoint. Attempts are counted
per user name and per client address (``organizations.client_address``, so a forged
``X-Forwarded-For`` from outside the trusted proxies does not start a new count). WBS doors
never authenticate, so axes never sees them. See docs/adr/0010-edge-hardening.md.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from organizations.client_address import client_address
from organizations.errors import format_wait

PROBLEM_CONTENT_TYPE = "application/problem+json"


def _failure_limit() -> int:
    return int(settings.AXES_FAILURE_LIMIT)


def _active(qs):
    """Attempts still inside the cool-off window."""
    return qs.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)


def lockout_wait(request, credentials: dict | None = None) -> int:
    """Seconds until this request's user name and client address may try again (at least 1)."""
    from axes.helpers import get_client_username
    from axes.models import AccessAttempt

    username = get_client_username(request, credentials) or None
    address = getattr(request, "axes_ip_address", None) or client_address(request)
    matches = Q(ip_address=address) if address else Q()
    if username:
        matches = matches | Q(username=username) if address else Q(username=username)
    last = _active(AccessAttempt.objects.filter(matches)).aggregate(last=Max("attempt_time"))["last"]
    if last is None:
        return 1
    return max(1, math.ceil((last + settings.AXES_COOLOFF_TIME - timezone.now()).total_seconds()))


def lockout_message(wait: int) -> str:
    return _(
        "Terlalu banyak percobaan masuk yang gagal. Akun atau perangkat ini dikunci sementara; "
        "coba lagi dalam %(wait)s. Hubungi administrator bila perlu dibuka lebih cepat."
    ) % {"wait": format_wait(wait)}


def _wants_json(request) -> bool:
    path = request.path or ""
    return path.startswith(("/api/", "/graphql/")) or "json" in request.headers.get("Accept", "")


def lockout_response(request, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: 429 with ``Retry-After``; problem+json for the API, a page otherwise."""
    wait = lockout_wait(request, credentials)
    message = lockout_message(wait)
    if _wants_json(request):
        body = {
            "type": "urn:sepakat:problem:throttled",
            "title": _("Terlalu banyak permintaan"),
            "status": 429,
            "detail": message,
            "errors": {},
        }
        response = HttpResponse(json.dumps(body), status=429, content_type=PROBLEM_CONTENT_TYPE)
    else:
        response = TemplateResponse(request, "ops/lockout.html", {"message": message}, status=429)
        response.render()
    response["Retry-After"] = str(wait)
    return response


@dataclass(frozen=True)
class Lockout:
    """A user name or client address that is locked out right now."""

    username: str
    ip_address: str
    failures: int
    last_attempt: object
    wait: int


def lockout_list() -> list[Lockout]:
    """Current lockouts (by user name and by address), newest first."""
    from axes.models import AccessAttempt

    now = timezone.now()
    rows = _active(AccessAttempt.objects.all()).order_by("-attempt_time")
    out: list[Lockout] = []
    by_user: dict[str, int] = {}
    by_ip: dict[str, int] = {}
    for row in rows.values("username", "ip_address", "failures_since_start"):
        by_user[row["username"] or ""] = by_user.get(row["username"] or "", 0) + row["failures_since_start"]
        by_ip[row["ip_address"] or ""] = by_ip.get(row["ip_address"] or "", 0) + row["failures_since_start"]
    for row in rows.values("username", "ip_address", "failures_since_start", "attempt_time"):
        locked = by_user.get(row["username"] or "", 0) >= _failure_limit() or (
            by_ip.get(row["ip_address"] or "", 0) >= _failure_limit()
        )
        if locked:
            wait = math.ceil((row["attempt_time"] + settings.AXES_COOLOFF_TIME - now).total_seconds())
            out.append(
                Lockout(
                    username=row["username"] or "",
                    ip_address=row["ip_address"] or "",
                    failures=row["failures_since_start"],
                    last_attempt=row["attempt_time"],
                    wait=max(1, wait),
                )
            )
    return out


def may_unlock(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


def lockout_release(*, username: str, ip_address: str, actor, reason: str) -> int:
    """Unlock a user name and/or client address; recorded in the audit trail with ``reason``.

    Returns the number of attempt records removed. Only superusers may unlock.
    """
    from axes.utils import reset

    from audit.actors import Door
    from audit.reads import log_sensitive_read

    if not may_unlock(actor):
        raise PermissionDenied(_("Hanya superuser yang dapat membuka kunci masuk."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Tuliskan alasan membuka kunci.")]})
    if not (username or ip_address):
        raise ValidationError({"__all__": [_("Pilih nama pengguna atau alamat yang akan dibuka.")]})
    with transaction.atomic():
        removed = 0
        if username:
            removed += reset(username=username)
        if ip_address:
            removed += reset(ip=ip_address)
        detail = _("Buka kunci masuk: pengguna %(user)s, alamat %(ip)s. Alasan: %(reason)s") % {
            "user": username or "-",
            "ip": ip_address or "-",
            "reason": reason,
        }
        log_sensitive_read(user=actor, obj=None, action="login.unlock", door=Door.ADMIN, detail=detail[:500])
    return removed
