"""Per-client limits without storing the client's address: cache keys are keyed hashes."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


def _key(scope: str, client: str) -> str:
    secret = f"sepakat-ratelimit:{settings.SECRET_KEY}".encode()
    digest = hmac.new(secret, f"{scope}:{client}".encode(), hashlib.sha256).hexdigest()
    return f"sepakat:rl:{scope}:{digest[:40]}"


def hit(*, scope: str, client: str, limit: int, window: int) -> bool:
    """Count one hit; False when ``client`` is over ``limit`` hits in ``window`` seconds."""
    if not client:
        client = "unknown"
    key = _key(scope, client)
    added = cache.add(key, 1, window)
    if added:
        return True
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window)
        return True
    return count <= limit


def once(*, scope: str, client: str, window: int) -> bool:
    """True the first time ``client`` does ``scope`` within ``window`` seconds."""
    return cache.add(_key(scope, client or "unknown"), 1, window)


def submission_limit() -> tuple[int, int]:
    return settings.COMPLAINT_SUBMIT_RATE
