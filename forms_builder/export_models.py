"""Background report exports: a file built by a django-q2 worker for one requester.

Large exports (more rows than ``REPORT_EXPORT_INLINE_MAX_ROWS``) do not fit in a web request
(gunicorn ``--timeout``), so the export page queues one of these instead; the worker fills
``file`` with the same writer the inline download uses (``exports.write_file``). The file
lives in the default storage under ``exports/`` with an unguessable name and is served only
through ``export_views.export_file`` (the requester or a superuser). Expired rows and files
are pruned hourly (``export_jobs.prune_expired_exports``). Not tracked by the audit history:
it is bookkeeping of a sensitive read, which the read log already records.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .reporting_models import Assignment, ReportingPeriod


def _export_path(instance: ReportExport, filename: str) -> str:
    return f"exports/{instance.uuid.hex[:2]}/{instance.uuid.hex}.{instance.format}"


class ReportExport(models.Model):
    """One requested export of an assignment's period, with where the worker got to."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    wagtail_reference_index_ignore = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to=_export_path, max_length=200, blank=True)
    filename = models.CharField(_("nama berkas"), max_length=120, blank=True)
    row_count = models.PositiveIntegerField(_("jumlah baris"), null=True, blank=True)
    error = models.TextField(_("pesan galat"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kedaluwarsa"))

    class Meta:
        verbose_name = _("ekspor laporan")
        verbose_name_plural = _("ekspor laporan")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="fb_export_user_idx"),
            models.Index(fields=["expires_at"], name="fb_export_expires_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.filename or self.uuid} ({self.get_status_display()})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()
