"""Audit models: the chained event log, the sensitive-read log and the prune log.

Historical models of third-party tracked models (the user, its groups) live here too;
they are created by ``audit.registry`` and generated into this app's migrations.

Every audit event (a history row, a Wagtail log entry, a sensitive read, a prune run)
gets one ``AuditEvent``: the timeline reads this one narrow, indexed table, and the
hash chain runs through it (see ``audit.chain`` and docs/adr/0003-audit-trail.md).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .actors import Door


class EventSource(models.TextChoices):
    HISTORY = "history", _("Riwayat data")
    PAGE_LOG = "page_log", _("Log halaman Wagtail")
    MODEL_LOG = "model_log", _("Log Wagtail")
    READ = "read", _("Akses data sensitif")
    SYSTEM = "system", _("Sistem audit")


class AuditEvent(models.Model):
    """One audit event; append-only. ``seq``/``prev_hash``/``hash`` are set when sealed."""

    seq = models.BigIntegerField(_("nomor urut rantai"), null=True, blank=True, unique=True)
    occurred_at = models.DateTimeField(_("waktu"))
    source = models.CharField(_("sumber"), max_length=20, choices=EventSource.choices)
    action = models.CharField(_("aksi"), max_length=60)
    model = models.CharField(_("model"), max_length=100, help_text=_("Label model, mis. organizations.opd"))
    object_id = models.CharField(_("ID rekaman"), max_length=64, blank=True, default="")
    object_repr = models.CharField(_("rekaman"), max_length=255, blank=True, default="")
    source_id = models.BigIntegerField(_("ID sumber"), null=True, blank=True)
    door = models.CharField(_("pintu"), max_length=20, choices=Door.choices, default=Door.UNKNOWN)
    actor = models.CharField(_("pelaku"), max_length=150, blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    opd_id = models.BigIntegerField(_("ID OPD"), null=True, blank=True)
    changed_fields = models.JSONField(_("kolom berubah"), default=list, blank=True)
    reason = models.TextField(_("alasan"), blank=True, default="")
    payload = models.TextField(_("muatan kanonik"))
    prev_hash = models.CharField(_("hash sebelumnya"), max_length=64, blank=True, default="")
    hash = models.CharField(_("hash"), max_length=64, blank=True, default="")
    # HMAC of ``payload`` by the application's key (audit/signing.py), set at write time. Null
    # only on events sealed before signing existed (ChainHead.signed_from_seq); nullable so that
    # adding the columns does not rebuild the table (and drop SQLite's guard triggers).
    hmac = models.CharField(_("HMAC"), max_length=64, null=True, blank=True)
    hmac_key_id = models.CharField(_("ID kunci HMAC"), max_length=20, null=True, blank=True)

    class Meta:
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("peristiwa audit")
        ordering = ("-occurred_at", "-id")
        default_permissions = ("view",)
        indexes = [
            # The timeline: newest first, optionally narrowed by one filter column.
            models.Index(fields=["-occurred_at", "-id"], name="audit_event_time"),
            models.Index(fields=["model", "object_id", "-occurred_at"], name="audit_event_record"),
            models.Index(fields=["model", "-occurred_at"], name="audit_event_model"),
            models.Index(fields=["user", "-occurred_at"], name="audit_event_user"),
            models.Index(fields=["opd_id", "-occurred_at"], name="audit_event_opd"),
            models.Index(fields=["door", "-occurred_at"], name="audit_event_door"),
            models.Index(fields=["action", "-occurred_at"], name="audit_event_action"),
            models.Index(fields=["source", "source_id"], name="audit_event_source"),
            # Sealing reads the few unsealed events oldest first; a partial index keeps that
            # lookup small however long the chain grows.
            models.Index(fields=["id"], condition=models.Q(seq__isnull=True), name="audit_event_unsealed"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.model}#{self.object_id}"


class ChainHead(models.Model):
    """The one row (pk=1) holding the last sealed link; locked to serialise sealing."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, blank=True, default="")
    sealed_at = models.DateTimeField(null=True, blank=True)
    #: Events with a higher ``seq`` (and every unsealed event) must carry a valid HMAC; those up
    #: to it were sealed before signing existed and are protected by the chain only.
    signed_from_seq = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("kepala rantai audit")
        verbose_name_plural = _("kepala rantai audit")
        default_permissions = ()

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"


class SensitiveRead(models.Model):
    """Who opened, revealed or exported sensitive data, when, what, and through which door.

    Deliberately no IP address or user agent: the log must not become personal data itself.
    """

    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor = models.CharField(_("pelaku"), max_length=150, blank=True, default="")
    action = models.CharField(_("aksi"), max_length=60)
    door = models.CharField(_("pintu"), max_length=20, choices=Door.choices)
    model = models.CharField(_("model"), max_length=100)
    object_id = models.CharField(_("ID rekaman"), max_length=64, blank=True, default="")
    detail = models.TextField(_("keterangan"), blank=True, default="")

    class Meta:
        verbose_name = _("akses data sensitif")
        verbose_name_plural = _("akses data sensitif")
        ordering = ("-at", "-id")
        default_permissions = ("view",)
        indexes = [models.Index(fields=["model", "object_id", "-at"], name="audit_read_record")]

    def __str__(self) -> str:
        return f"{self.action} {self.model}#{self.object_id}"


class PruneRun(models.Model):
    """That ``audit_prune`` ran: which model, up to which date, how many rows went."""

    started_at = models.DateTimeField(_("mulai"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)
    model = models.CharField(_("model"), max_length=100)
    cutoff = models.DateTimeField(_("batas waktu"))
    deleted = models.BigIntegerField(_("baris dihapus"), default=0)
    dry_run = models.BooleanField(_("uji coba"), default=False)

    class Meta:
        verbose_name = _("pemangkasan riwayat")
        verbose_name_plural = _("pemangkasan riwayat")
        ordering = ("-started_at",)
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.model} < {self.cutoff:%Y-%m-%d}"


class RefusedEvent(models.Model):
    """An unsealed event that sealing refused (its HMAC does not verify): never chained, flagged.

    The event row itself is left as found (the append-only guard forbids changing it); this row
    keeps it out of every later seal and names it in ``audit_verify`` and the timeline.
    """

    event_id = models.BigIntegerField(_("ID peristiwa"), unique=True)
    refused_at = models.DateTimeField(_("ditolak pada"), auto_now_add=True)
    problem = models.CharField(_("masalah"), max_length=255)

    class Meta:
        verbose_name = _("peristiwa audit yang ditolak")
        verbose_name_plural = _("peristiwa audit yang ditolak")
        ordering = ("-refused_at",)
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.event_id}: {self.problem}"


class SourceRedigest(models.Model):
    """A history row whose digest changed legitimately: a migration dropped a column from its
    history table (``EXCLUDED_FIELDS``). Recorded only for rows found intact just before the
    change, and HMAC-signed by the application, so ``audit_verify`` accepts exactly this change
    (``old_digest`` → ``new_digest``) and nothing else (``audit.redigest``)."""

    model = models.CharField(_("model"), max_length=100)
    source_id = models.BigIntegerField(_("ID sumber"))
    old_digest = models.CharField(max_length=64)
    new_digest = models.CharField(max_length=64, blank=True, default="")
    reason = models.CharField(_("alasan"), max_length=255)
    hmac = models.CharField(max_length=64, blank=True, default="")
    hmac_key_id = models.CharField(max_length=20, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pembaruan digest riwayat")
        verbose_name_plural = _("pembaruan digest riwayat")
        default_permissions = ("view",)
        constraints = [models.UniqueConstraint(fields=["model", "source_id"], name="audit_redigest_unique")]

    def __str__(self) -> str:
        return f"{self.model}#{self.source_id}"


from .verification import ChainVerification  # noqa: E402, F401  (the admin-run verification, audit/verification.py)
