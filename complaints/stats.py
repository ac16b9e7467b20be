"""Figures for the admin dashboard and the public statistics page."""

import statistics

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from .deadlines import local_today
from .models import OPEN_STATUSES, Complaint, Status
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
    """Overdue per OPD, median time per stage and share answered within deadline, for what ``user`` sees."""
    qs = complaint_list_staff(user=user).order_by()
    today = local_today()
    overdue = (
        qs.filter(status__in=OPEN_STATUSES, due_date__lt=today)
        .values("opd__name")
        .annotate(n=Count("id"), escalated=Count("id", filter=Q(escalation_level__gt=0)))
        .order_by("-n", "opd__name")
    )
    return {
        "overdue_per_opd": [
            {"opd": r["opd__name"] or "(Meja Pengaduan)", "overdue": r["n"], "escalated": r["escalated"]}
            for r in overdue
        ],
        "medians": [{**row, "label": STAGE_LABELS[row["stage"]]} for row in _medians(qs)],
        "on_time": _share_on_time(qs),
        "by_status": {r["status"]: r["n"] for r in qs.values("status").annotate(n=Count("id")).order_by()},
    }


def complaint_public_stats() -> dict:
    """Aggregates only (no rows): every non-rejected, non-merged complaint counts, whatever its privacy."""
    qs = Complaint.objects.exclude(status=Status.REJECTED).filter(merged_into__isnull=True).order_by()
    labels = dict(Status.choices)
    return {
        "total": qs.count(),
        "by_category": list(qs.values("category__name").annotate(n=Count("id")).order_by("-n", "category__name")),
        "by_opd": list(
            qs.filter(opd__isnull=False).values("opd__name").annotate(n=Count("id")).order_by("-n", "opd__name")
        ),
        "by_status": [
            {"status": r["status"], "label": labels[r["status"]], "n": r["n"]}
            for r in qs.values("status").annotate(n=Count("id")).order_by("status")
        ],
        "on_time": _share_on_time(qs),
    }


def _public_qs() -> QuerySet:
    return Complaint.objects.exclude(status=Status.REJECTED).filter(merged_into__isnull=True).order_by()


def complaint_public_trend(*, year: int | None = None) -> list[dict]:
    """Complaints received per month (``month`` is a date, first of the month), for public charts."""

    qs = _public_qs()
    if year:
        qs = qs.filter(created_at__year=year)
    rows = qs.annotate(month=TruncMonth("created_at")).values("month").annotate(n=Count("id")).order_by("month")
    return [{"month": r["month"], "n": r["n"]} for r in rows]


def complaint_public_medians() -> list[dict]:
    """Median days per handling stage over public-statistics complaints (aggregates only)."""
    return _medians(_public_qs())
