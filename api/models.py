"""API bookkeeping. Not history-tracked: ``api`` stays out of audit's TRACKED_APPS."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """One claimed ``Idempotency-Key`` and, once the request finished, its response.

    ``scope`` is ``user:<id>`` or ``anon`` (anonymous clients are scoped by the key itself);
    no client address is ever stored. How a key is claimed (an advisory lock and one
    transaction on PostgreSQL; an in-flight row on SQLite) is ``api.idempotency.core``'s
    business; the unique ``(scope, key)`` constraint backs both.
    """

    class State(models.TextChoices):
        IN_FLIGHT = "in_flight", _("sedang diproses")
        COMPLETED = "completed", _("selesai")

    scope = models.CharField(_("lingkup"), max_length=64)
    key = models.CharField(_("kunci"), max_length=255)
    fingerprint = models.CharField(_("sidik permintaan"), max_length=64)
    state = models.CharField(_("status"), max_length=16, choices=State.choices, default=State.IN_FLIGHT)
    response_status = models.PositiveSmallIntegerField(_("kode status tanggapan"), null=True, blank=True)
    response_body = models.BinaryField(_("isi tanggapan"), default=b"", blank=True)
    response_headers = models.JSONField(_("header tanggapan"), default=dict, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    completed_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kedaluwarsa"), db_index=True)

    class Meta:
        verbose_name = _("Idempotency-Key")
        verbose_name_plural = _("Idempotency-Key")
        constraints = [models.UniqueConstraint(fields=["scope", "key"], name="idempotency_unique_scope_key")]

    def __str__(self) -> str:
        return f"{self.scope} {self.key} ({self.state})"
