"""Public pages from the server's page cache (home/page_cache.py) next to a minimal Django JSON view.

Both go through the same middleware stack and Django's test client in this process, in
interleaved rounds; the figure is requests per second, and the ratio cached page ÷ JSON view
(issue 15's target: at least 0.5). The same page rendered without the cache
(``PAGE_CACHE_ENABLED=False``) is the baseline. Sizes: ``BENCH_PAGE_REQUESTS`` (300) requests
per series and round, ``BENCH_PAGE_ROUNDS`` (5) rounds; the page is a news index listing
``BENCH_PAGE_NEWS`` (20) news items. Over HTTP with gunicorn the gap is smaller (the server's
own cost is the same for both), so this is the stricter measure.
"""

import os
import statistics
import time

from django.http import JsonResponse
from django.test import Client, override_settings
from django.urls import include, path
from wagtail.models import Site

from home.models import NewsIndexPage, NewsPage
from home.page_cache import HEADER

REQUESTS = int(os.environ.get("BENCH_PAGE_REQUESTS", "300"))
ROUNDS = int(os.environ.get("BENCH_PAGE_ROUNDS", "5"))
NEWS = int(os.environ.get("BENCH_PAGE_NEWS", "20"))
#: Pages are published for real (signals, on-commit purges), on a database made for the run.
SCRATCH_DATABASE = True


def minimal_json(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bench/minimal-json/", minimal_json), path("", include("cms.urls"))]


def _rate(client: Client, url: str, count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    return count / (time.perf_counter() - start)


def _build() -> str:
    root = Site.objects.get(is_default_site=True).root_page
    index = root.add_child(instance=NewsIndexPage(title="Berita (bench)", slug="berita-bench-cache"))
    for number in range(NEWS):
        news = index.add_child(
            instance=NewsPage(title=f"Kabar {number}", slug=f"kabar-{number}", intro="Isi singkat", body=[])
        )
        news.save_revision().publish()
    index.save_revision().publish()
    return index.url


def run(report) -> None:
    url = _build()
    client = Client()
    with override_settings(ROOT_URLCONF="bench.page_cache", ALLOWED_HOSTS=["*"]):
        client.get(url)
        assert client.get(url)[HEADER] == "hit"
        json_rates, cached_rates, uncached_rates = [], [], []
        for _round in range(ROUNDS):
            json_rates.append(_rate(client, "/bench/minimal-json/", REQUESTS))
            cached_rates.append(_rate(client, url, REQUESTS))
            with override_settings(PAGE_CACHE_ENABLED=False):
                uncached_rates.append(_rate(client, url, max(REQUESTS // 10, 10)))
        report.measure("cached news index (hit)", NEWS, lambda: client.get(url))
        with override_settings(PAGE_CACHE_ENABLED=False):
            report.measure("same page, cache off", NEWS, lambda: client.get(url))
        report.measure("minimal JSON view", 0, lambda: client.get("/bench/minimal-json/"))
    ratios = [c / j for c, j in zip(cached_rates, json_rates, strict=True)]
    report.note(
        f"requests/s (median of {ROUNDS} interleaved rounds of {REQUESTS}): minimal JSON view "
        f"{statistics.median(json_rates):.0f}, cached page {statistics.median(cached_rates):.0f}, "
        f"page without cache {statistics.median(uncached_rates):.0f}"
    )
    report.note(
        f"cached page ÷ JSON view: {statistics.median(ratios):.2f}× (target ≥ 0.50×); "
        f"without cache {statistics.median(uncached_rates) / statistics.median(json_rates):.2f}×"
    )
