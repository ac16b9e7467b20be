"""The first middleware: what the logs may know about the client, and WBS requests forgotten at the edge.

For every request it tells the log filter (``organizations.log_privacy``) which strings
describe this client, so no log record repeats them. For every request that points to WBS —
a WBS page, ``/api/v1/wbs/``, a GraphQL document naming a WBS field, or any request whose
Referer is a WBS page (the form's CSS, scripts and images) — it forgets the client before
anything else runs (``wbs.privacy.forget_client``, which keeps only a daily-rotating keyed
hash for the quotas). The Referer itself names only our own page and stays (the CSRF check
of HTTPS form posts may need it); the log filter masks it anyway. The WBS doors forget
again; this catches what fails before them: a CSRF refusal, a GraphQL syntax error, a static file.
"""

from __future__ import annotations

from urllib.parse import urlparse

from django.conf import settings
from django.core.cache import cache

from organizations.client_address import client_traces, current_client_traces
from wbs.privacy import forget_client

WBS_API_PREFIXES = ("/api/v1/wbs/", "/admin/wbs/")
#: Paths of the WBS pages, in the shared cache: each WBS page records its own path when it is
#: served (``remember_wbs_path``), so this middleware never queries the database.
WBS_PATHS_KEY = "sepakat:edge:wbs-page-paths"


def remember_wbs_path(path: str) -> None:
    """Called by the WBS pages when they are served: the static files they load come next."""
    if not path or path == "/":
        return
    paths = tuple(cache.get(WBS_PATHS_KEY) or ())
    if path not in paths:
        cache.set(WBS_PATHS_KEY, (*paths, path)[-20:], None)


def wbs_page_paths() -> tuple[str, ...]:
    return tuple(cache.get(WBS_PATHS_KEY) or ())


def _points_to_wbs_path(path: str, page_paths: tuple[str, ...]) -> bool:
    return path.startswith(WBS_API_PREFIXES) or any(path.startswith(p) for p in page_paths)


def points_to_wbs(request) -> bool:
    if request.path.startswith(WBS_API_PREFIXES):
        return True
    page_paths = wbs_page_paths()
    if _points_to_wbs_path(request.path, page_paths):
        return True
    referer = request.META.get("HTTP_REFERER", "")
    if referer and _points_to_wbs_path(urlparse(referer).path or "/", page_paths):
        return True
    if request.path.startswith("/graphql"):
        if "wbs" in request.META.get("QUERY_STRING", "").lower():
            return True
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if request.method == "POST" and 0 < size <= settings.GRAPHQL_MAX_BODY_BYTES:
            return b"wbs" in request.body.lower()
    return False


class ClientPrivacyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_client_traces.set(client_traces(request))
        try:
            if points_to_wbs(request):
                forget_client(request)
            return self.get_response(request)
        finally:
            current_client_traces.reset(token)
