"""Figures for the admin dashboard and the public statistics page.

The public figures are a snapshot (``public_figures``): the job ``complaints.refresh_public_figures``
recomputes them every ``REFRESH_MINUTES`` and stores them in the shared cache, so a citizen's request
never runs the whole-table aggregates and a submission no longer throws them away. The snapshot says
when it was computed (the page shows "diperbarui pukul …"). When it is missing (a fresh install, a
flushed cache, the local-memory cache of a process the worker does not share) one request computes it
under a lock while the others wait for it (stampede protection); it expires after ``MAX_AGE_SECONDS``
so a process that never hears from the worker still refreshes.
"""

import statistics
import time

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .deadlines import local_today
from .models import OPEN_STATUSES, Complaint, Status
from .schedules import FIGURES_REFRESH_MINUTES
from .selectors import complaint_list_staff

STAGES = (
    ("verification", "created_at", "verified_at"),
    ("assignment", "verified_at", "assigned_at"),
    ("answer", "assigned_at", "answered_at"),
    ("closing", "answered_at", "closed_at"),
)
#: What people read for each stage (the keys stay in data and the API).
STAGE_LABELS = {
    "verification": _("Verifikasi"),
    "assignment": _("Penugasan ke OPD"),
    "answer": _("Jawaban OPD"),
    "closing": _("Penutupan"),
}
SAMPLE = 5000


def _share_on_time(qs: QuerySet) -> dict:
    agg = qs.filter(answered_on_time__isnull=False).aggregate(
        total=Count("id"), on_time=Count("id", filter=Q(answered_on_time=True))
    )
    total = agg["total"] or 0
    return {
        "answered": total,
        "on_time": agg["on_time"] or 0,
        "share": round(100 * agg["on_time"] / total, 1) if total else None,
    }


def _medians(qs: QuerySet) -> list[dict]:
    """Median days per stage over the most recent ``SAMPLE`` complaints that passed it."""
    rows = []
    for name, start, end in STAGES:
        pairs = qs.filter(**{f"{start}__isnull": False, f"{end}__isnull": False}).order_by("-created_at")
        values = [(b - a).total_seconds() / 86400 for a, b in pairs.values_list(start, end)[:SAMPLE]]
        rows.append(
            {"stage": name, "median_days": round(statistics.median(values), 1) if values else None, "n": len(values)}
        )
    return rows


def complaint_dashboard(*, user) -> dict:
    """Overdue per OPD, median time per stage and share answered within deadline, for what ``user`` sees.

    The medians and the share on time count the same complaints as the public statistics (not rejected,
    not merged), so the desk's dashboard and the public page agree (up to the snapshot's refresh)."""
    qs = complaint_list_staff(user=user).order_by()
    counted = _statistics_base(qs)
    today = local_today()
    overdue = (
        qs.filter(status__in=OPEN_STATUSES, due_date__lt=today)
        .values("opd__name")
        .annotate(n=Count("id"), escalated=Count("id", filter=Q(escalation_level__gt=0)))
        .order_by("-n", "opd__name")
    )
    return {
        "overdue_per_opd": [
            {"opd": r["opd__name"] or _("(Meja Pengaduan)"), "overdue": r["n"], "escalated": r["escalated"]}
            for r in overdue
        ],
        "medians": [{**row, "label": STAGE_LABELS[row["stage"]]} for row in _medians(counted)],
        "on_time": _share_on_time(counted),
        "by_status": {r["status"]: r["n"] for r in qs.values("status").annotate(n=Count("id")).order_by()},
    }


def complaint_public_stats() -> dict:
    """Aggregates only (no rows): every non-rejected, non-merged complaint counts, whatever its privacy;
    from the snapshot (``public_figures``), with status labels in the reader's language."""
    stats = public_figures()["stats"]
    labels = dict(Status.choices)
    return {**stats, "by_status": [{**row, "label": labels[row["status"]]} for row in stats["by_status"]]}


def _public_stats_compute() -> dict:
    qs = _public_qs()
    return {
        "total": qs.count(),
        "by_category": list(qs.values("category__name").annotate(n=Count("id")).order_by("-n", "category__name")),
        "by_opd": list(
            qs.filter(opd__isnull=False).values("opd__name").annotate(n=Count("id")).order_by("-n", "opd__name")
        ),
        "by_status": [
            {"status": r["status"], "n": r["n"]} for r in qs.values("status").annotate(n=Count("id")).order_by("status")
        ],
        "on_time": _share_on_time(qs),
    }


def _statistics_base(qs: QuerySet) -> QuerySet:
    """The complaints statistics count: not rejected, not merged into another."""
    return qs.exclude(status=Status.REJECTED).filter(merged_into__isnull=True).order_by()


def _public_qs() -> QuerySet:
    return _statistics_base(Complaint.objects.all())


def complaint_public_trend(*, year: int | None = None) -> list[dict]:
    """Complaints received per month (``month`` is a date, first of the month), for public charts;
    from the snapshot."""
    rows = public_figures()["trend"]
    return [row for row in rows if row["month"].year == year] if year else rows


def _trend_compute() -> list[dict]:
    rows = _public_qs().annotate(month=TruncMonth("created_at")).values("month").annotate(n=Count("id"))
    return [{"month": r["month"], "n": r["n"]} for r in rows.order_by("month")]


def complaint_public_medians() -> list[dict]:
    """Median days per handling stage over public-statistics complaints (aggregates only); from the snapshot."""
    return public_figures()["medians"]


# --- The public figures' snapshot ------------------------------------------------------------------

#: How often the job recomputes the public figures.
REFRESH_MINUTES = FIGURES_REFRESH_MINUTES
#: A snapshot older than this is recomputed by the next reader (three missed refreshes).
MAX_AGE_SECONDS = 3 * REFRESH_MINUTES * 60
#: How long a reader waits for the request that is computing a missing snapshot.
WAIT_SECONDS = 10.0
FIGURES_KEY = "complaints:public-figures:v1"
FIGURES_LOCK_KEY = "complaints:public-figures:lock"
#: Sent after each refresh (the public site purges its pages' caches on it).
public_figures_refreshed = Signal()


def public_figures_compute() -> dict:
    """The public figures now: ``computed_at``, ``stats``, ``medians`` and the monthly ``trend``."""
    return {
        "computed_at": timezone.now(),
        "stats": _public_stats_compute(),
        "medians": _medians(_public_qs()),
        "trend": _trend_compute(),
    }


def public_figures_refresh() -> dict:
    """Recompute and store the snapshot (the job, or the first reader of a missing one)."""
    figures = public_figures_compute()
    cache.set(FIGURES_KEY, figures, MAX_AGE_SECONDS)
    public_figures_refreshed.send(sender=public_figures_refresh, computed_at=figures["computed_at"])
    return figures


def public_figures(*, wait: float = WAIT_SECONDS) -> dict:
    """The stored snapshot; when there is none, one caller computes it and the others wait for it."""
    figures = cache.get(FIGURES_KEY)
    if figures is not None:
        return figures
    if cache.add(FIGURES_LOCK_KEY, "1", timeout=int(WAIT_SECONDS * 6)):
        try:
            return public_figures_refresh()
        finally:
            cache.delete(FIGURES_LOCK_KEY)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        time.sleep(0.05)
        figures = cache.get(FIGURES_KEY)
        if figures is not None:
            return figures
    return public_figures_compute()  # the computing request is slow or gone: answer anyway, store nothing
