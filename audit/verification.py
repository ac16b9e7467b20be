"""Chain verification from the admin: an auditor presses a button, a django-q2 job runs
``audit.verify.verify_chain`` as the audited actor ``job:audit_verify`` and stores the result here.

The latest :class:`ChainVerification` is what the "Verifikasi rantai audit" screen shows: when, by whom,
how many links were checked, the head, and the first broken link if any. No shell needed.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("sepakat.audit")


class VerificationStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu antrean")
    RUNNING = "running", _("Sedang diperiksa")
    OK = "ok", _("Utuh")
    BROKEN = "broken", _("Rusak")
    FAILED = "failed", _("Gagal dijalankan")


class ChainVerification(models.Model):
    """One run of the full chain verification requested from the admin (or by the nightly job)."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("diminta pada"), default=timezone.now)
    finished_at = models.DateTimeField(_("selesai pada"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=VerificationStatus.choices, default=VerificationStatus.QUEUED
    )
    checked = models.PositiveBigIntegerField(_("mata rantai diperiksa"), default=0)
    head_seq = models.BigIntegerField(_("nomor urut kepala"), null=True, blank=True)
    head_hash = models.CharField(_("hash kepala"), max_length=64, blank=True, default="")
    broken_seq = models.BigIntegerField(_("mata rantai rusak pertama"), null=True, blank=True)
    broken_event_id = models.BigIntegerField(_("ID peristiwa rusak"), null=True, blank=True)
    problem = models.TextField(_("masalah"), blank=True, default="")

    class Meta:
        app_label = "audit"
        verbose_name = _("verifikasi rantai audit")
        verbose_name_plural = _("verifikasi rantai audit")
        ordering = ("-requested_at", "-id")
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({timezone.localtime(self.requested_at):%Y-%m-%d %H:%M})"

    @property
    def pending(self) -> bool:
        return self.status in (VerificationStatus.QUEUED, VerificationStatus.RUNNING)


def latest_verification() -> ChainVerification | None:
    return ChainVerification.objects.select_related("requested_by").first()


def verification_request(*, actor) -> ChainVerification:
    """Queue a full verification for ``actor`` (Auditor/Inspektorat); one at a time.

    A verification already queued or running is returned instead of starting a second one.
    """
    from django_q.tasks import async_task

    from .selectors import can_read_audit

    if not can_read_audit(actor):
        raise PermissionDenied(_("Hanya Auditor dan Inspektorat yang dapat memverifikasi rantai audit."))
    with transaction.atomic():
        running = ChainVerification.objects.filter(
            status__in=(VerificationStatus.QUEUED, VerificationStatus.RUNNING)
        ).first()
        if running is not None:
            return running
        verification = ChainVerification.objects.create(requested_by=actor)
        from .actors import Door
        from .models import AuditEvent
        from .reads import log_sensitive_read

        # the request is itself a chained event: who asked to verify, when
        log_sensitive_read(
            user=actor, obj=AuditEvent, action="audit.verify", door=Door.ADMIN, detail=f"verifikasi {verification.pk}"
        )
    transaction.on_commit(
        lambda: async_task("audit.verification.chain_verification_run", verification.pk, task_name="audit_verify")
    )
    return verification


def chain_verification_run(verification_id: int) -> str:
    """The job: verify every link and source row, store the outcome (runs as ``job:audit_verify``)."""
    from .actors import Door, acting_as
    from .verify import verify_chain

    verification = ChainVerification.objects.select_related("requested_by").get(pk=verification_id)
    requester = verification.requested_by.get_username() if verification.requested_by else ""
    reason = f"verifikasi rantai diminta oleh {requester}" if requester else "verifikasi rantai"
    ChainVerification.objects.filter(pk=verification.pk).update(status=VerificationStatus.RUNNING)
    with acting_as("job:audit_verify", door=Door.JOB, reason=reason):
        try:
            result = verify_chain()
        except Exception as error:  # the screen must say it failed, not stay "running" forever
            logger.exception("audit chain verification %s failed", verification_id)
            ChainVerification.objects.filter(pk=verification.pk).update(
                status=VerificationStatus.FAILED, finished_at=timezone.now(), problem=str(error)[:2000]
            )
            return VerificationStatus.FAILED
    broken = result.broken
    status = VerificationStatus.OK if broken is None else VerificationStatus.BROKEN
    ChainVerification.objects.filter(pk=verification.pk).update(
        status=status,
        finished_at=timezone.now(),
        checked=result.checked,
        head_seq=result.head_seq,
        head_hash=result.head_hash,
        broken_seq=getattr(broken, "seq", None),
        broken_event_id=getattr(broken, "event_id", None),
        problem=str(broken.problem) if broken else "",
    )
    if broken is not None:
        logger.error("AUDIT CHAIN BROKEN (requested by %s): %s", requester or "-", broken)
    return status
