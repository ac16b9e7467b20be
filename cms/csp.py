"""Content Security Policy per path, on top of django-csp's middleware.

settings.CONTENT_SECURITY_POLICY is the strict policy of the public site. A few screens
that we do not write ourselves need more, and only they get it:

* the Wagtail admin (and Django's admin): inline ``<script>`` in panels and date widgets,
  inline styles, the preview panel framing our own pages;
* Swagger UI (``/api/v1/docs/``): its assets come from drf-spectacular-sidecar (our own
  origin), but the page carries an inline style and an inline init script;
* GraphiQL (``/graphql/``), in DEBUG only: inline style and settings (its assets are vendored in api/static);
* the health check's HTML page: one inline ``<style>``.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

SELF = "'self'"
INLINE = "'unsafe-inline'"

ADMIN = {
    "script-src": [INLINE],
    "style-src": [INLINE],
    "img-src": ["blob:"],
    "frame-src": ["blob:"],
}
ADMIN_FRAME_ANCESTORS = [SELF]  # the preview panel frames /admin/…/preview/

RELAXATIONS: tuple[tuple[str, dict[str, list[str]], bool], ...] = (
    # (path prefix, extra sources, only when DEBUG)
    ("/admin/", ADMIN, False),
    ("/django-admin/", ADMIN, False),
    ("/api/v1/docs/", {"script-src": [INLINE], "style-src": [INLINE]}, False),
    ("/health/", {"style-src": [INLINE]}, False),
    (
        "/graphql/",
        {
            "script-src": [INLINE],
            "style-src": [INLINE],
        },
        True,
    ),
)


def extra_sources(path: str) -> dict[str, list[str]]:
    """The sources added to the strict policy for ``path`` (empty for the public site)."""
    for prefix, extra, debug_only in RELAXATIONS:
        if path.startswith(prefix) and (settings.DEBUG or not debug_only):
            return extra
    return {}


class SepakatCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if getattr(request, "is_dummy", False):
            # Wagtail's preview renders the object through the middleware with its public URL;
            # the admin's preview panel (same origin) must be allowed to frame it.
            parts.replace = {"frame-ancestors": ADMIN_FRAME_ANCESTORS, **(parts.replace or {})}
            return parts
        path = request.path_info
        extra = extra_sources(path)
        if not extra:
            return parts
        # ``update`` appends to the configured directives; frame-ancestors must be
        # replaced, since "'none' 'self'" is not a valid source list.
        parts.update = {**extra, **(parts.update or {})}
        if path.startswith(("/admin/", "/django-admin/")):
            parts.replace = {"frame-ancestors": ADMIN_FRAME_ANCESTORS, **(parts.replace or {})}
        return parts
