"""Fixed-window counters in the shared cache that know their real remaining wait.

Keys are built by the callers from hashed material only (``client_address.client_key`` or
a record's public id): a counter never holds a client address.
"""

from __future__ import annotations

import math
import time

from django.core.cache import cache


def remaining_wait(key: str, window: int) -> int:
    """Seconds until the window of ``key`` ends (at least 1)."""
    now = time.time()
    started = float(cache.get(f"{key}:t") or now)
    return max(1, math.ceil(started + window - now))


def count(key: str, *, window: int) -> int:
    """Add one to ``key`` (a window of ``window`` seconds from its first hit); the new count."""
    now = time.time()
    in_one_trip = getattr(cache, "count_in_window", None)  # cms.redis.SepakatRedisCache
    if in_one_trip is not None:
        return in_one_trip(key, window=window, now=now)
    cache.add(f"{key}:t", now, window)
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: a new window
        cache.set(f"{key}:t", now, window)
        cache.set(key, 1, window)
        return 1


def over(key: str, *, limit: int) -> bool:
    """Whether ``key`` has reached ``limit`` (read only)."""
    return (cache.get(key) or 0) >= limit


def hit(key: str, *, limit: int, window: int) -> int:
    """Count one hit; 0 when allowed, else the seconds to wait until the window ends."""
    if count(key, window=window) <= limit:
        return 0
    return remaining_wait(key, window)
