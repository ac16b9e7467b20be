"""Domain errors every door maps to its own error format."""

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["PermissionDenied", "RateLimitedError", "ValidationError"]


class RateLimitedError(Exception):
    """Too many submissions from one client (doors answer 429)."""
