"""A short server cache for Open311 ``GET requests`` (ADR 0019).

The list is public data only and the same for every caller (no login, no key), so an answer
is kept for ``OPEN311_CACHE_SECONDS`` under the full request: format, scheme and host (media
URLs are absolute), language and the sorted query string. Every entry carries the generation
token of the complaints' public figures; each refresh of those figures
(``complaints.stats.public_figures_refreshed``, the job every few minutes, the same moment the
public statistics page is purged) replaces the token, so the list is never older than the
statistics beside it plus ``OPEN311_CACHE_SECONDS``. Only 200 answers are kept. Responses say
``X-Sepakat-Cache: hit|miss``.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

from complaints.stats import public_figures_refreshed

HEADER = "X-Sepakat-Cache"
PREFIX = "api:open311:requests:"
TOKEN_KEY = f"{PREFIX}gen"


def _token() -> str:
    token = cache.get(TOKEN_KEY)
    if token is None:
        token = uuid.uuid4().hex[:12]
        if not cache.add(TOKEN_KEY, token, timeout=None):
            token = cache.get(TOKEN_KEY) or token
    return token


def purge(**kwargs) -> None:
    """Receiver of ``public_figures_refreshed``: every cached list is stale."""
    cache.set(TOKEN_KEY, uuid.uuid4().hex[:12], timeout=None)


def _key(request, fmt: str) -> str:
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    raw = f"{fmt}|{request.scheme}|{request.get_host()}|{translation.get_language()}|{query}"
    return f"{PREFIX}{_token()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cached_list(request, fmt: str, build: Callable[[], HttpResponse]) -> HttpResponse:
    """``build()``'s answer to this exact request, from the cache while it is fresh."""
    seconds = settings.OPEN311_CACHE_SECONDS
    if seconds <= 0:
        return build()
    key = _key(request, fmt)
    entry = cache.get(key)
    if entry is not None:
        content, content_type = entry
        response = HttpResponse(content, content_type=content_type)
        response[HEADER] = "hit"
        return response
    response = build()
    if response.status_code == 200:
        cache.set(key, (response.content, response["Content-Type"]), seconds)
    response[HEADER] = "miss"
    return response


def connect() -> None:
    public_figures_refreshed.connect(purge, dispatch_uid="api-open311-requests-cache")
