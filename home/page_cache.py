"""Server-side cache of whole public pages for anonymous visitors (ADR 0019).

:class:`PageCacheMiddleware` sits right after the language middleware. For an anonymous
``GET``/``HEAD`` of a public path (no session or messages cookie) it looks up the page by
scheme, host, path, language and the sorted query string; a fresh entry is answered without
touching the database (``X-Sepakat-Cache: hit``). Otherwise the request runs as usual and the
response is stored only if

* the page type opted in (``CachedPageMixin.page_cache_params`` is not ``None``; the complaint,
  tracking and WBS form pages carry CSRF tokens and never do) and :func:`mark` was called by its
  ``serve`` for an anonymous visitor of a page without view restrictions, outside previews;
* every query parameter is in the page's allow-list (``?utm=…`` is answered but not stored);
* the answer is a 200, not streamed, ``Cache-Control: public``, and sets no cookie.

An entry remembers the generation tokens it depends on: its page's own token, the site token
(menus), and the live-figure groups read while it was rendered (``home.live_cache.recording``)
or declared by the page type (``page_cache_groups``). It is fresh only while all of them are
unchanged. Publishing, unpublishing, moving or deleting a page bumps the tokens of the page and
its ancestors (listings, the home page), of a moved page's descendants, and the site token
when the page is in the menus; ``live_cache.purge(group)`` bumps the group. Entries also expire
after ``min(PAGE_CACHE_TIMEOUT, page.cache_max_age())``. Storage is Django's default cache
(Redis in production, local memory embedded). ``PAGE_CACHE_ENABLED=false`` turns it off.

Stampede protection: one request per page rebuilds an entry (a lock per key, ``cache.add``).
While it does, the others are answered from the previous entry when only its age or its live
figures moved on (``X-Sepakat-Cache: stale``; entries are kept ``STALE_SECONDS`` beyond their
life for this), or wait up to ``WAIT_SECONDS`` for the new one when there is none or the page
itself was published, unpublished or moved (a retracted page is never served from a stale copy).
"""

from __future__ import annotations

import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save, pre_delete
from django.http import HttpResponse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import live_cache

HEADER = "X-Sepakat-Cache"
PREFIX = "home:page:"
SITE_TOKEN = f"{PREFIX}site:gen"
#: Paths that are never Wagtail pages: no lookup at all.
SKIPPED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/graphql",
    "/open311/",
    "/static/",
    "/media/",
    "/documents/",
    "/health/",
    "/i18n/",
    "/search/",
    "/serap/",
    "/ops/",
)
#: Parameters every cacheable page accepts: the language switch is part of the key already.
ALWAYS_ALLOWED = frozenset({"lang"})
#: How long past its life an entry may still be served while one request rebuilds it (seconds).
STALE_SECONDS = 60
#: How long a request waits for another one that is building the same page (seconds).
WAIT_SECONDS = 2.0
LOCK_SECONDS = 30
#: Headers not replayed from an entry (the outer middleware adds its own).
DROPPED_HEADERS = frozenset({"set-cookie", HEADER.lower(), "content-security-policy"})


def page_token_key(page_id: int) -> str:
    return f"{PREFIX}p{page_id}:gen"


def bump(keys: list[str]) -> None:
    """New tokens at ``keys``: every entry that saw the old ones is stale."""
    if keys:
        cache.set_many({k: uuid.uuid4().hex[:12] for k in keys}, timeout=None)


def _request_cacheable(request) -> bool:
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(SKIPPED_PREFIXES):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request) -> str | None:
    try:
        host = request.get_host()
    except Exception:  # DisallowedHost: let Django answer it as usual
        return None
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    raw = f"{request.scheme}|{host}|{request.path}|{translation.get_language()}|{query}"
    return PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def mark(request, *, page) -> None:
    """Called by a page's ``serve`` for an anonymous visitor: this answer may be stored.

    Reads the page and site tokens now, before rendering, so a publication during rendering
    leaves the entry stale rather than fresh.
    """
    allowed = page.page_cache_params
    if allowed is None or getattr(request, "is_preview", False) or request.user.is_authenticated:
        return
    store = set(request.GET) <= ALWAYS_ALLOWED | set(allowed)
    structural = [page_token_key(page.pk), SITE_TOKEN]
    deps = {key: live_cache.generation(key) for key in structural}
    for group in page.page_cache_groups:
        key = live_cache.generation_key(group)
        deps[key] = live_cache.generation(key)
    timeout = min(settings.PAGE_CACHE_TIMEOUT, page.cache_max_age())
    request._sepakat_page_cache = {"deps": deps, "structural": structural, "timeout": timeout, "store": store}


def _state(entry: dict | None) -> str:
    """``fresh``, ``stale`` (only its age or its live figures moved on: servable while rebuilt) or
    ``gone`` (no entry, or its page or the menus changed: never served)."""
    if entry is None or "expires" not in entry:  # none, or kept by an earlier version of this module
        return "gone"
    deps = entry["deps"]
    now = cache.get_many(list(deps))
    if any(now.get(key) != deps[key] for key in entry["structural"]):
        return "gone"
    if now == deps and time.time() < entry["expires"]:
        return "fresh"
    return "stale"


def _wait_for(key: str) -> dict | None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.05)
        entry = cache.get(key)
        if _state(entry) == "fresh":
            return entry
    return None


def _replay(entry: dict, *, header: str = "hit") -> HttpResponse:
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"]:
        response[name] = value
    response[HEADER] = header
    return response


def _storable(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "public" in response.get("Cache-Control", "")
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _request_cacheable(request):
            return self.get_response(request)
        key = _key(request)
        if key is None:
            return self.get_response(request)
        entry = cache.get(key)
        state = _state(entry)
        if state == "fresh":
            return _replay(entry)
        if entry is None:  # never kept (or long expired): no one to wait for
            return self._render_and_store(request, key, had_entry=False)
        lock = key + ":lock"
        if not cache.add(lock, "1", timeout=LOCK_SECONDS):  # another request is building it
            if state == "stale":
                return _replay(entry, header="stale")
            waited = _wait_for(key)
            if waited is not None:
                return _replay(waited)
            return self.get_response(request)  # the builder is slow or gone: answer, store nothing
        try:
            return self._render_and_store(request, key, had_entry=True)
        finally:
            cache.delete(lock)

    def _render_and_store(self, request, key: str, *, had_entry: bool):
        with live_cache.recording() as seen:
            response = self.get_response(request)
        marked = getattr(request, "_sepakat_page_cache", None)
        if marked is None:
            if had_entry:  # no longer cacheable (for instance now restricted): drop the old copy
                cache.delete(key)
            return response
        response[HEADER] = "miss"
        if marked["store"] and request.method == "GET" and _storable(response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in DROPPED_HEADERS]
            entry = {
                "content": response.content,
                "headers": headers,
                "deps": {**seen, **marked["deps"]},
                "structural": marked["structural"],
                "expires": time.time() + marked["timeout"],
            }
            cache.set(key, entry, marked["timeout"] + STALE_SECONDS)
        elif had_entry and request.method == "GET":
            cache.delete(key)
        return response


# --- purges (connected in HomeConfig.ready) ------------------------------------------------


def purge_page(page, *, with_descendants: bool = False) -> None:
    """Stale: ``page``, its ancestors (they list it), its descendants if asked, the site if it is in the menus."""
    ids = [page.pk, *page.get_ancestors().values_list("pk", flat=True)]
    if with_descendants:
        ids += list(page.get_descendants().values_list("pk", flat=True))
    keys = [page_token_key(pk) for pk in ids]
    if page.show_in_menus:
        keys.append(SITE_TOKEN)
    bump(keys)


def on_page_changed(sender, instance=None, **kwargs) -> None:
    if instance is not None and instance.pk is not None:
        purge_page(instance)


def on_page_moved(sender, instance=None, parent_page_before=None, **kwargs) -> None:
    purge_page(instance, with_descendants=True)
    if parent_page_before is not None:
        purge_page(parent_page_before)


def on_page_deleted(sender, instance=None, **kwargs) -> None:
    if isinstance(instance, Page) and instance.pk is not None:
        purge_page(instance)


def on_view_restriction_changed(sender, instance=None, **kwargs) -> None:
    """A page made private (or public again): its copies and its subtree's are dropped at once."""
    page = getattr(instance, "page", None)
    if page is not None:
        purge_page(page, with_descendants=True)


def connect() -> None:
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="home-page-cache-restrict")
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="home-page-cache-unrestrict"
    )
    page_published.connect(on_page_changed, dispatch_uid="home-page-cache-published")
    page_unpublished.connect(on_page_changed, dispatch_uid="home-page-cache-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="home-page-cache-moved")
    pre_delete.connect(on_page_deleted, dispatch_uid="home-page-cache-deleted")
