"""The staff complaint dashboard from a short-lived snapshot, shared by every user who sees the same
complaints.

``complaint_dashboard`` (``complaints.stats``) runs whole-table aggregates over what a user may see:
about 1.3 s at a million complaints. :func:`dashboard_snapshot` keeps its result in the shared cache
under a key made of the SQL of that user's visible queryset (two desk officers, or two operators of
the same OPD, share one entry; an OPD never reads another OPD's figures, because a different
visibility is a different query) and the Pemda's current date (the overdue list changes at midnight).

* Fresh (younger than ``FRESH_SECONDS``): answered from the cache.
* Stale: answered from the cache at once, and one refresh is queued as a django-q2 job (a lock per
  key keeps it to one); the page says when its figures were computed.
* Missing: one request computes it under the lock while the others wait for it (stampede
  protection), as the public figures do (``complaints.stats.public_figures``).

``refresh=True`` (the page's "Perbarui sekarang" button) recomputes now unless another request is
already doing it. Labels stay lazy in the snapshot (they pickle as translations, not as text), so each
reader gets their own language.
"""

from __future__ import annotations

import hashlib
import time

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from .deadlines import local_today
from .selectors import complaint_list_staff
from .stats import complaint_dashboard

#: A snapshot younger than this is served as it is.
FRESH_SECONDS = 120
#: How long a snapshot is kept at all (a stale one is still served while a job refreshes it).
KEEP_SECONDS = 3600
#: How long a reader waits for the request that computes a missing snapshot.
WAIT_SECONDS = 10.0
LOCK_SECONDS = 60
PREFIX = "complaints:dashboard:v1:"
REFRESH_TASK = "complaints.tasks.refresh_dashboard"


def dashboard_key(user) -> str:
    """The cache key of what ``user`` sees: the SQL of their visible complaints and today's date."""
    qs = complaint_list_staff(user=user).order_by()
    try:
        sql, params = qs.query.sql_with_params()
        scope = f"{sql}|{params!r}"
    except EmptyResultSet:
        scope = "none"
    digest = hashlib.sha256(f"{scope}|{local_today().isoformat()}".encode()).hexdigest()
    return PREFIX + digest


def _lock_key(key: str) -> str:
    return key + ":lock"


def dashboard_compute(*, user, key: str | None = None) -> dict:
    """Compute and store the snapshot of ``user``'s dashboard (the job, or the first reader)."""
    key = key or dashboard_key(user)
    snapshot = {"computed_at": timezone.now(), "stats": complaint_dashboard(user=user)}
    cache.set(key, snapshot, KEEP_SECONDS)
    return snapshot


def dashboard_refresh_job(user_pk: int) -> str:
    """The job: recompute the snapshot of this user's visibility and release the lock."""
    user = get_user_model().objects.filter(pk=user_pk, is_active=True).first()
    if user is None:
        return "skipped"
    key = dashboard_key(user)
    try:
        return dashboard_compute(user=user, key=key)["computed_at"].isoformat()
    finally:
        cache.delete(_lock_key(key))


def _queue_refresh(user, key: str) -> None:
    if cache.add(_lock_key(key), "1", timeout=LOCK_SECONDS):
        transaction.on_commit(lambda: async_task(REFRESH_TASK, user.pk, task_name="complaints.dashboard_refresh"))


def dashboard_snapshot(*, user, refresh: bool = False, wait: float = WAIT_SECONDS) -> dict:
    """``{"computed_at", "stats", "stale"}`` for ``user``; see the module docstring."""
    key = dashboard_key(user)
    snapshot = cache.get(key)
    if snapshot is not None and not refresh:
        age = (timezone.now() - snapshot["computed_at"]).total_seconds()
        stale = age > FRESH_SECONDS
        if stale:
            _queue_refresh(user, key)
        return {**snapshot, "stale": stale}
    lock = _lock_key(key)
    if cache.add(lock, "1", timeout=LOCK_SECONDS):
        try:
            return {**dashboard_compute(user=user, key=key), "stale": False}
        finally:
            cache.delete(lock)
    if snapshot is not None:  # a refresh asked for while another is running: show what there is
        return {**snapshot, "stale": True}
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(0.05)
        snapshot = cache.get(key)
        if snapshot is not None:
            return {**snapshot, "stale": False}
    # the computing request is slow or gone: answer anyway, store nothing
    return {"computed_at": timezone.now(), "stats": complaint_dashboard(user=user), "stale": False}
