"""Per-client limits without storing the client's address: cache keys are keyed hashes.

The counters are ``organizations.limits`` windows, so a refusal states the real wait.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from organizations import limits

from .errors import RateLimitedError


def _key(scope: str, client: str) -> str:
    secret = f"sepakat-ratelimit:{settings.SECRET_KEY}".encode()
    digest = hmac.new(secret, f"{scope}:{client}".encode(), hashlib.sha256).hexdigest()
    return f"sepakat:rl:{scope}:{digest[:40]}"


def hit(*, scope: str, client: str, limit: int, window: int) -> bool:
    """Count one hit; False when ``client`` is over ``limit`` hits in ``window`` seconds."""
    return limits.hit(_key(scope, client or "unknown"), limit=limit, window=window) == 0


def enforce(*, scope: str, client: str, limit: int, window: int, message) -> None:
    """Count one hit; ``RateLimitedError`` (with the real wait) when ``client`` is over the limit."""
    wait = limits.hit(_key(scope, client or "unknown"), limit=limit, window=window)
    if wait:
        raise RateLimitedError(message, retry_after=wait)


def once(*, scope: str, client: str, window: int) -> bool:
    """True the first time ``client`` does ``scope`` within ``window`` seconds."""

    return cache.add(_key(scope, client or "unknown"), 1, window)


def submission_limit() -> tuple[int, int]:
    return settings.COMPLAINT_SUBMIT_RATE
