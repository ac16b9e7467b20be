"""Short-lived server cache of the public figures, purged when the data behind them changes.

Pages with live figures (SAKIP results, published reports, complaint statistics, provider
charts) compute their numbers through :func:`cached`. Each entry belongs to a *group*
(``reports`` for published submissions, ``complaints``); a group has a generation token in
the cache and every key includes it, so :func:`purge` drops the whole group at once by
changing the token (works on Redis and on the local-memory cache alike, across processes
when the cache is shared). Entries also expire after ``LIVE_MAX_AGE``.

Whatever reads a group's figures while :func:`recording` is active (the page cache,
``home.page_cache``) learns the group and the token it saw, so a cached page built from those
figures is dropped by the same purge.

Purges are triggered by ``reporting.signals.submission_published`` (sent by the workflow
service), by a Submission saved as published (fallback), and by each refresh of the complaints'
public figures (``complaints.stats.public_figures_refreshed``, a job every few minutes: a
complaint saved no longer purges anything). When Wagtail's front-end cache invalidator is configured
(``WAGTAILFRONTENDCACHE``), the live pages are purged from the CDN as well. The ``planning`` and
``budget`` groups (the performance and budget pages, which read their apps directly) are
purged by any saved or deleted row of those apps, in the server caches only; the ``renaksi``
group (the Renaksi progress page) by any saved or deleted plan, action or progress row.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation

logger = logging.getLogger(__name__)

REPORTS = "reports"
COMPLAINTS = "complaints"
#: Every saved or deleted row of these apps purges the group at once and again at commit
#: (the performance and budget pages read them directly; bulk imports rely on the short TTL).
PLANNING = "planning"
BUDGET = "budget"
#: The Renaksi progress page: any saved or deleted plan, action or progress row purges it.
RENAKSI = "renaksi"
GROUPS = (REPORTS, COMPLAINTS, PLANNING, BUDGET, RENAKSI)
PREFIX = "home:live:"
#: Pages that show live figures (providers, latest news) are refreshed this quickly (seconds).
LIVE_MAX_AGE = 60


#: (token key -> token) of every group read while a page is being rendered for the page cache.
_seen: ContextVar[dict[str, str] | None] = ContextVar("sepakat_live_seen", default=None)


def generation_key(group: str) -> str:
    return f"{PREFIX}{group}:gen"


def generation(key: str) -> str:
    """The current token stored at ``key`` (created when missing); a new token = everything older is stale."""
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex[:12]
        if not cache.add(key, token, timeout=None):
            token = cache.get(key) or token
    return token


def _generation(group: str) -> str:
    key = generation_key(group)
    token = generation(key)
    seen = _seen.get()
    if seen is not None:
        seen.setdefault(key, token)
    return token


def depends_on(group: str) -> None:
    """Say that what is being rendered shows ``group``'s figures (read without :func:`cached`)."""
    _generation(group)


@contextlib.contextmanager
def recording() -> Iterator[dict[str, str]]:
    """Collect the groups (token key -> token) read inside the block."""
    token = _seen.set({})
    try:
        yield _seen.get()
    finally:
        _seen.reset(token)


def cached(group: str, key: str, compute: Callable[[], Any], *, timeout: int = LIVE_MAX_AGE) -> Any:
    """``compute()``'s result, kept for ``timeout`` seconds or until ``purge(group)``."""
    # Per language: cached figures carry translated labels ("Rata-rata OPD").
    full_key = f"{PREFIX}{group}:{_generation(group)}:{translation.get_language()}:{key}"
    sentinel = object()
    value = cache.get(full_key, sentinel)
    if value is sentinel:
        value = compute()
        cache.set(full_key, value, timeout)
    return value


def purge(group: str) -> None:
    """Forget every cached figure of ``group`` now, and purge the live pages from a CDN if any."""
    _bump(group)
    if settings.WAGTAILFRONTENDCACHE:
        _purge_frontend(group)


def purge_on_commit(group: str) -> None:
    transaction.on_commit(lambda: purge(group))


def _purge_frontend(group: str) -> None:
    try:
        from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

        from .result_pages import live_pages_for

        purge_pages_from_cache(live_pages_for(group))
    except Exception:  # a CDN outage must not break publishing
        logger.exception("front-end cache purge failed for %s", group)


# --- receivers (connected in HomeConfig.ready) ---------------------------------------------


def on_submission_published(sender, submission=None, **kwargs) -> None:
    purge_on_commit(REPORTS)


def on_submission_saved(sender, instance=None, **kwargs) -> None:
    """Fallback: any save of a published (or once-published) submission changes public data."""
    if instance is not None and (instance.status == "published" or instance.published_at is not None):
        purge_on_commit(REPORTS)


def on_complaint_figures_refreshed(sender, **kwargs) -> None:
    purge(COMPLAINTS)


def _bump(group: str) -> None:
    cache.set(generation_key(group), uuid.uuid4().hex[:12], timeout=None)


def on_app_row_changed(sender, **kwargs) -> None:
    """Now and at commit (a reader between the two may keep the old figures until the commit).

    Server caches only: a loop of saves would be a loop of CDN purges; a CDN keeps these pages
    for their ``max-age`` (60 s) at most.
    """
    _bump_now_and_at_commit(sender._meta.app_label)  # "planning" or "budget"


def on_renaksi_row_changed(sender, **kwargs) -> None:
    _bump_now_and_at_commit(RENAKSI)


def _bump_now_and_at_commit(group: str) -> None:
    _bump(group)
    transaction.on_commit(lambda: _bump(group))


def connect() -> None:

    from complaints.stats import public_figures_refreshed
    from reporting.models import Submission
    from reporting.signals import submission_published

    submission_published.connect(on_submission_published, dispatch_uid="home-live-published")
    post_save.connect(on_submission_saved, sender=Submission, dispatch_uid="home-live-submission-saved")
    post_delete.connect(on_submission_saved, sender=Submission, dispatch_uid="home-live-submission-deleted")
    public_figures_refreshed.connect(on_complaint_figures_refreshed, dispatch_uid="home-live-complaint-figures")
    for name in ("ActionPlan", "Action", "ActionProgress"):  # complaints.renaksi's models
        model = apps.get_model("complaints", name)
        uid = f"home-live-renaksi-{model._meta.model_name}"
        post_save.connect(on_renaksi_row_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(on_renaksi_row_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    for label in (PLANNING, BUDGET):
        for model in apps.get_app_config(label).get_models():
            uid = f"home-live-{model._meta.label_lower}"
            post_save.connect(on_app_row_changed, sender=model, dispatch_uid=f"{uid}-saved")
            post_delete.connect(on_app_row_changed, sender=model, dispatch_uid=f"{uid}-deleted")
