"""Permission helpers shared by REST and GraphQL (rules themselves live in selectors)."""

from __future__ import annotations

from typing import Any

from rest_framework import exceptions


def require_authenticated(user: Any) -> Any:
    """Return ``user`` or raise the 401 (``not_authenticated``) both doors report."""
    if user is None or not user.is_authenticated or not user.is_active:
        raise exceptions.NotAuthenticated()
    return user
