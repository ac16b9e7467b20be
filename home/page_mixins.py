"""Behaviour shared by public page types: HTTP caching and chart data downloads."""

from __future__ import annotations

import json
import re

from django.http import Http404, HttpResponse
from django.utils.cache import patch_cache_control
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from . import page_cache
from .live_cache import LIVE_MAX_AGE

#: Public pages: shared caches may keep them this long (seconds).
PAGE_MAX_AGE = 300

BLOCK_ID_RE = re.compile(r"^[0-9a-f-]{1,64}$")


class CachedPageMixin:
    """Cache-Control for anonymous visitors of public pages; private for everyone else."""

    #: StreamFields scanned for chart blocks and live figures.
    stream_field_names: tuple[str, ...] = ("body",)
    #: Query parameters with which an anonymous answer may be kept in the server's page cache
    #: (``home.page_cache``); ``None``: never kept (pages whose forms carry a CSRF token).
    page_cache_params: tuple[str, ...] | None = ("page",)
    #: Live-figure groups (``home.live_cache``) this page type always shows; purging one drops the page.
    page_cache_groups: tuple[str, ...] = ()

    def has_live_figures(self) -> bool:
        for name in self.stream_field_names:
            for child in getattr(self, name, None) or []:
                is_live = getattr(child.block, "is_live", None)
                if is_live and is_live(child.value):
                    return True
        return False

    def cache_max_age(self) -> int:
        """Seconds a shared cache may keep the page (``LIVE_MAX_AGE`` when it shows live figures)."""
        return LIVE_MAX_AGE if self.has_live_figures() else PAGE_MAX_AGE

    def serve(self, request, *args, **kwargs):
        public = (
            request.method in ("GET", "HEAD")
            and not getattr(request, "is_preview", False)
            and not request.user.is_authenticated
            and not self.get_view_restrictions().exists()
        )
        if public:
            page_cache.mark(request, page=self)
        response = super().serve(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
            patch_cache_control(response, private=True, no_store=True)
        elif not public:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=self.cache_max_age())
        return response


class ChartDataMixin(RoutablePageMixin):
    """``<page>/data/<block id>/csv/`` and ``/json/``: the data behind each chart block.

    (Wagtail's page URLs allow no dots, so the format is a path segment.)
    """

    def chart_data_url(self, block_id: str, fmt: str) -> str:
        return self.url + self.reverse_subpage("chart_data", kwargs={"block_id": block_id, "fmt": fmt})

    def find_chart(self, block_id: str):
        if not BLOCK_ID_RE.match(block_id):
            return None
        for name in getattr(self, "stream_field_names", ("body",)):
            for child in getattr(self, name, None) or []:
                if child.id == block_id and hasattr(child.block, "get_data"):
                    return child
        return None

    @path("data/<str:block_id>/<str:fmt>/", name="chart_data")
    def chart_data(self, request, block_id: str, fmt: str):
        child = self.find_chart(block_id)
        if child is None or fmt not in ("csv", "json"):
            raise Http404
        data = child.block.get_data(child.value)
        if data is None:
            raise Http404
        filename = f"{self.slug}-{block_id[:8]}.{fmt}"
        if fmt == "csv":
            response = HttpResponse("\ufeff" + data.to_csv(), content_type="text/csv; charset=utf-8")
        else:
            body = json.dumps(data.to_json(), ensure_ascii=False, indent=2)
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
