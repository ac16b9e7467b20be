"""Domain errors every door maps to its own error format (``organizations.errors`` holds the base)."""

from django.core.exceptions import PermissionDenied, ValidationError

from organizations.errors import RateLimitedError

__all__ = ["PermissionDenied", "RateLimitedError", "ValidationError"]
