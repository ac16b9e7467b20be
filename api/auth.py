"""Authentication shared by the REST and GraphQL doors.

REST uses DRF's ``TokenAuthentication`` then ``SessionAuthentication`` (settings). GraphQL
runs the same token check through ``authenticate_token`` and the same CSRF rule through
``csrf_failure_reason``: a token carries no ambient credential, so token requests skip
CSRF; a session user's unsafe requests must pass Django's CSRF check (DRF's rule).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from rest_framework.authentication import TokenAuthentication


def authenticate_token(request: HttpRequest) -> Any | None:
    """The user of an ``Authorization: Token <key>`` header, ``None`` without one.

    Raises DRF's ``AuthenticationFailed`` for a bad or inactive token (a 401, never anonymous).
    """
    result = TokenAuthentication().authenticate(request)
    if result is None:
        return None
    user, _token = result
    return user


class _CSRFCheck(CsrfViewMiddleware):
    def _reject(self, request, reason):
        return reason


def csrf_failure_reason(request: HttpRequest) -> str | None:
    """Why Django's CSRF check refuses ``request`` (``None`` when it passes)."""
    check = _CSRFCheck(lambda _request: None)
    check.process_request(request)
    return check.process_view(request, None, (), {})
