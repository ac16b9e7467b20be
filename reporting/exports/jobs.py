"""Background report exports: request one, build it on a django-q2 worker, prune old ones.

The rules are the inline export's (``exports``): who may export which assignment comes from
``exports.exportable_assignments`` and the rows from ``exports.export_plan`` (built on
``visible_submissions`` for the requester, at run time, so a user who lost access gets no
rows). The file is written by ``exports.writers.write_file``, the same writers as the download door.

- ``report_export_request`` checks the permission and queues the task when the transaction
  commits (a worker must never look for a row that is not committed yet).
- ``run_report_export`` (the task) marks the export running, writes the file into a temporary
  file, stores it under ``exports/``, logs the sensitive read and notifies the requester with
  the download link (dedupe key ``report:export:<pk>``, so a retried task notifies once).
- ``prune_expired_exports`` (hourly schedule, ``reporting.schedules``) deletes the
  rows past ``expires_at`` and their files.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audit.actors import Door
from audit.jobs import audited_job

from ..models import Assignment, ReportExport, ReportingPeriod
from ..periods import period_label
from .writers import (
    FORMATS,
    export_log,
    export_plan,
    export_row_count,
    exportable_assignments,
    write_file,
)

logger = logging.getLogger(__name__)

RUN_TASK = "reporting.exports.jobs.run_report_export"
PRUNE_TASK = "reporting.exports.jobs.prune_expired_exports"
RECENT_LIMIT = 10


def inline_max_rows() -> int:
    return settings.REPORT_EXPORT_INLINE_MAX_ROWS


def export_ttl() -> dt.timedelta:
    return dt.timedelta(hours=settings.REPORT_EXPORT_TTL_HOURS)


def _enqueue(export_id: int) -> None:
    from django_q.tasks import async_task

    async_task(RUN_TASK, export_id, task_name=f"report-export-{export_id}")


def report_export_request(*, user, assignment: Assignment, period: ReportingPeriod, fmt: str) -> ReportExport:
    """Queue a background export of ``assignment``/``period`` for ``user``.

    Raises ``PermissionDenied`` when the user may not export this assignment or the period
    is not one of its periods (doors answer 404, as the inline download does).
    """
    if fmt not in FORMATS:
        raise ValueError(fmt)
    if not exportable_assignments(user=user).filter(pk=assignment.pk).exists():
        raise PermissionDenied
    if not assignment.periods.filter(pk=period.pk).exists():
        raise PermissionDenied
    with transaction.atomic():
        export = ReportExport.objects.create(
            requested_by=user,
            assignment=assignment,
            period=period,
            format=fmt,
            expires_at=timezone.now() + export_ttl(),
        )
        transaction.on_commit(lambda: _enqueue(export.pk))
    return export


def report_exports_recent(*, user, limit: int = RECENT_LIMIT) -> QuerySet[ReportExport]:
    """The user's own recent exports (newest first), with what the list shows joined."""
    return (
        ReportExport.objects.filter(requested_by=user)
        .select_related("assignment", "period")
        .order_by("-created_at", "-pk")[:limit]
    )


def rows_per_period(*, user, assignment: Assignment) -> dict[int, int]:
    """How many reports of ``assignment`` ``user`` may export, per period id (one query)."""
    from django.db.models import Count

    from ..selectors import visible_submissions

    return dict(
        visible_submissions(user=user)
        .filter(assignment=assignment)
        .order_by()
        .values("period_id")
        .annotate(n=Count("pk"))
        .values_list("period_id", "n")
    )


def runs_in_background(rows: int) -> bool:
    """Whether an export of ``rows`` reports is built by a worker rather than in the request."""
    return rows > inline_max_rows()


def report_export_log_download(*, user, export: ReportExport, door: str) -> None:
    """Each download of a finished file is a sensitive read of its own (the build was logged too)."""
    from audit.reads import log_sensitive_read

    log_sensitive_read(
        user=user,
        obj=export.assignment,
        action="forms.export.download",
        door=door,
        detail=f"{export.format} period={export.period_id} export={export.pk}",
    )


def report_export_get(*, user, pk: int) -> ReportExport:
    """The export ``pk`` if ``user`` requested it and may still export its reports (or is a superuser);
    ``PermissionDenied`` otherwise."""
    export = ReportExport.objects.select_related("assignment", "period").filter(pk=pk).first()
    if export is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied
    if export.requested_by_id != user.pk and not user.is_superuser:
        raise PermissionDenied
    if not user.is_superuser and not exportable_assignments(user=user).filter(pk=export.assignment_id).exists():
        raise PermissionDenied  # the requester lost the right to these reports since asking
    return export


def _notify_done(export: ReportExport) -> None:
    from notifications.services import notify

    with translation.override(settings.LANGUAGE_CODE or "id"):
        facts = {"title": export.assignment.title, "period": str(period_label(export.period))}
        if export.status == ReportExport.Status.DONE:
            subject = _("Ekspor siap diunduh: %(title)s — %(period)s") % facts
            body = _("Ekspor %(title)s periode %(period)s (%(rows)s baris) sudah siap.") % {
                **facts,
                "rows": export.row_count,
            }
            body += " " + _("Berkas tersedia sampai %(expires)s.") % {"expires": _local(export.expires_at)}
        else:
            subject = _("Ekspor gagal: %(title)s — %(period)s") % facts
            body = _("Ekspor %(title)s periode %(period)s gagal dibuat. Silakan coba lagi.") % facts
        notify(
            recipients=[export.requested_by],
            subject=subject,
            body=body,
            url=reverse("reporting_report_export_file", args=[export.pk]),
            dedupe_key=f"report:export:{export.pk}:{export.status}",
        )


def _local(moment: dt.datetime) -> str:
    from cms.formatting import format_datetime

    from ..periods import local_zone

    return format_datetime(moment, tz=local_zone(), language="id")


def report_export_run(export_id: int) -> ReportExport | None:
    """Build the file of export ``export_id`` (a no-op for one already done or gone)."""
    export = ReportExport.objects.select_related("requested_by", "assignment", "period").filter(pk=export_id).first()
    if export is None or export.status == ReportExport.Status.DONE:
        return export
    ReportExport.objects.filter(pk=export.pk).update(status=ReportExport.Status.RUNNING)
    try:
        plan = export_plan(user=export.requested_by, assignment=export.assignment, period=export.period)
        rows = export_row_count(plan)
        with tempfile.TemporaryFile() as handle:
            write_file(plan, export.format, handle)
            handle.seek(0)
            export.file.save(f"{export.uuid.hex}.{export.format}", File(handle), save=False)
        export_log(user=export.requested_by, plan=plan, fmt=export.format, door=Door.JOB)
        export.filename = f"{plan.filename}.{export.format}"
        export.row_count, export.status, export.error = rows, ReportExport.Status.DONE, ""
    except Exception as exc:  # the export is marked failed and the requester told; the worker lives on
        logger.exception("report export %s failed", export.pk)
        export.status, export.error = ReportExport.Status.FAILED, str(exc)[:2000] or exc.__class__.__name__
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "filename", "row_count", "status", "error", "finished_at"])
    _notify_done(export)
    return export


@audited_job("report_export")
def run_report_export(export_id: int) -> str:
    """django-q2 task: build one background export; returns its status."""
    export = report_export_run(export_id)
    return export.status if export is not None else "missing"


@audited_job("prune_report_exports")
def prune_expired_exports(now: dt.datetime | None = None) -> int:
    """Delete exports past ``expires_at`` and their files; returns how many were removed."""
    expired = list(ReportExport.objects.filter(expires_at__lte=now or timezone.now()).only("pk", "file"))
    for export in expired:
        if export.file:
            try:
                export.file.delete(save=False)
            except OSError:  # a file already gone must not keep the row forever
                logger.warning("report export file %s could not be deleted", export.file.name)
    ReportExport.objects.filter(pk__in=[e.pk for e in expired]).delete()
    return len(expired)
