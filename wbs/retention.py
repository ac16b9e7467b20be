"""Retention: the content of closed reports is deleted after a set period, and that is recorded.

The report row stays (number, category, OPD, status, dates) so statistics and the audit
trail keep working; what the reporter wrote, their identity, the messages and the notes go.
The history of ``WbsReport`` never held content (see ``wbs.models``); the reasons written in
identity requests may quote the report: they are kept out of history (audit.registry) and
blanked in the live rows.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import CLOSED_STATUSES, IdentityRequest, WbsReport, WbsReportContent, WbsReporterIdentity

PURGED_TEXT = "[dihapus — masa retensi berakhir]"


def retention_days() -> int:
    """Days after closing (``WBS_RETENTION_DAYS``; a Pemda policy number, not a regulation)."""
    return settings.WBS_RETENTION_DAYS


def reports_due_for_purge(*, now: datetime.datetime | None = None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    return WbsReport.objects.filter(
        status__in=CLOSED_STATUSES, closed_at__lt=cutoff, content_purged_at__isnull=True
    ).order_by("pk")


@transaction.atomic
def report_purge_content(*, report: WbsReport, now: datetime.datetime | None = None) -> None:
    report.messages.all().delete()
    report.notes.all().delete()
    WbsReportContent.objects.filter(report=report).delete()
    WbsReporterIdentity.objects.filter(report=report).delete()
    # ``reason`` and ``decision_note`` are excluded from history (audit.registry), so the
    # live rows are the only copies to purge.
    for request in IdentityRequest.objects.filter(report=report):
        request.reason, request.decision_note = PURGED_TEXT, ""
        request.save(update_fields=["reason", "decision_note"])
    report.content_purged_at = now or timezone.now()
    report.secret_hash = ""
    report._change_reason = f"Retensi: isi laporan dihapus {retention_days()} hari setelah ditutup"
    report.save()


def reports_purge_expired(*, now: datetime.datetime | None = None) -> int:
    """Purge every report past its retention period; returns how many were purged."""
    count = 0
    for report in reports_due_for_purge(now=now).iterator():
        report_purge_content(report=report, now=now)
        count += 1
    return count
