"""Whistleblowing (WBS) reports: data and small invariants only.

The report row (``WbsReport``) holds what the audit trail may show: status, category,
reported OPD, assignee, dates. What the reporter wrote (``WbsReportContent``), the
reporter's identity, the messages and the internal notes live in separate models that
are kept out of history (``audit.registry.UNTRACKED_MODELS``): the Auditor's history screens must never
show WBS content, and the retention job must be able to delete it for good.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import OPD


class WbsCategory(models.Model):
    """Kinds of wrongdoing (korupsi, gratifikasi, …): reference data, editable by the Inspektorat."""

    name = models.CharField(_("nama"), max_length=120, unique=True)
    slug = models.SlugField(_("kode"), max_length=60, unique=True)
    description = models.TextField(_("keterangan"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kategori WBS")
        verbose_name_plural = _("kategori WBS")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ReportStatus(models.TextChoices):
    RECEIVED = "diterima", _("Diterima")
    REVIEW = "ditelaah", _("Sedang ditelaah")
    INVESTIGATION = "investigasi", _("Dalam investigasi")
    PROVEN = "terbukti", _("Selesai — terbukti")
    UNPROVEN = "tidak_terbukti", _("Selesai — tidak terbukti")
    REJECTED = "ditolak", _("Ditolak / di luar kewenangan")


CLOSED_STATUSES = frozenset({ReportStatus.PROVEN, ReportStatus.UNPROVEN, ReportStatus.REJECTED})


class WbsReport(models.Model):
    """One report. The receipt code is never stored: only its lookup id and a slow hash of its secret."""

    lookup_id = models.CharField(_("nomor laporan"), max_length=8, unique=True)
    secret_hash = models.CharField(max_length=200, editable=False)
    category = models.ForeignKey(WbsCategory, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="+")
    reported_opd = models.ForeignKey(OPD, verbose_name=_("OPD terlapor"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penelaah"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    has_identity = models.BooleanField(_("pelapor memberi identitas"), default=False)
    created_at = models.DateTimeField(_("diterima pada"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    closed_at = models.DateTimeField(_("ditutup pada"), null=True, blank=True)
    content_purged_at = models.DateTimeField(_("isi dihapus pada"), null=True, blank=True)

    class Meta:
        verbose_name = _("laporan WBS")
        verbose_name_plural = _("laporan WBS")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"WBS {self.lookup_id}"

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class WbsReportContent(models.Model):
    """What the reporter wrote; deleted by the retention job, never in history."""

    report = models.OneToOneField(WbsReport, on_delete=models.CASCADE, primary_key=True, related_name="content")
    title = models.CharField(_("judul"), max_length=200)
    reported_person = models.CharField(_("nama/jabatan terlapor"), max_length=200)
    description = models.TextField(_("uraian"))
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    location = models.CharField(_("lokasi kejadian"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("isi laporan WBS")
        verbose_name_plural = _("isi laporan WBS")

    def __str__(self) -> str:
        return self.title


class WbsReporterIdentity(models.Model):
    """The identity the reporter chose to give, encrypted (Fernet); never in history."""

    report = models.OneToOneField(WbsReport, on_delete=models.CASCADE, primary_key=True, related_name="identity")
    ciphertext = models.TextField(editable=False)

    class Meta:
        verbose_name = _("identitas pelapor WBS")
        verbose_name_plural = _("identitas pelapor WBS")

    def __str__(self) -> str:
        return f"identitas {self.report_id}"


class MessageSender(models.TextChoices):
    REPORTER = "pelapor", _("Pelapor")
    INSPECTORATE = "inspektorat", _("Inspektorat")


class WbsMessage(models.Model):
    """Two-way messages between the reporter (by receipt code) and the Inspektorat."""

    report = models.ForeignKey(WbsReport, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(_("pengirim"), max_length=20, choices=MessageSender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("pesan"))
    created_at = models.DateTimeField(_("dikirim"), auto_now_add=True)

    class Meta:
        verbose_name = _("pesan WBS")
        verbose_name_plural = _("pesan WBS")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_sender_display()} {self.created_at:%Y-%m-%d}"


class WbsNote(models.Model):
    """Internal notes of the Inspektorat; never shown to the reporter."""

    report = models.ForeignKey(WbsReport, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("catatan"))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("catatan internal WBS")
        verbose_name_plural = _("catatan internal WBS")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"catatan {self.pk}"


class IdentityRequestStatus(models.TextChoices):
    PENDING = "menunggu", _("Menunggu persetujuan")
    APPROVED = "disetujui", _("Disetujui")
    REJECTED = "ditolak", _("Ditolak")


class IdentityRequest(models.Model):
    """Four-eyes request to reveal a reporter's identity; approved by a second Inspektorat user."""

    report = models.ForeignKey(WbsReport, on_delete=models.CASCADE, related_name="identity_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("alasan"))
    status = models.CharField(
        _("status"), max_length=20, choices=IdentityRequestStatus.choices, default=IdentityRequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.TextField(_("catatan keputusan"), blank=True)
    created_at = models.DateTimeField(_("diajukan"), auto_now_add=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)

    class Meta:
        verbose_name = _("permintaan buka identitas")
        verbose_name_plural = _("permintaan buka identitas")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requested_by")), name="wbs_identity_four_eyes"
            ),
        ]

    def __str__(self) -> str:
        return f"permintaan identitas {self.report_id} ({self.status})"


class WbsEvidence(models.Model):
    """A file the reporter sent (with the report or a follow-up message), sanitised and stored
    encrypted (``wbs.crypto.EVIDENCE``). No original file name, path or client detail is kept;
    readable only by the Inspektorat, each read logged (``wbs.evidence``)."""

    report = models.ForeignKey(WbsReport, on_delete=models.CASCADE, related_name="evidence")
    message = models.ForeignKey(WbsMessage, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    ciphertext = models.BinaryField(editable=False)
    content_type = models.CharField(_("jenis berkas"), max_length=60)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    created_at = models.DateTimeField(_("diterima"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti WBS")
        verbose_name_plural = _("bukti WBS")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_extension()} #{self.pk}"

    def get_extension(self) -> str:
        return {"application/pdf": "pdf", "image/png": "png"}.get(self.content_type, "jpg")


class WbsPendingEvidence(models.Model):
    """An evidence file sent ahead of a report or a reply (``POST /api/v1/wbs/uploads/``, for
    clients without multipart: GraphQL, apps). Sanitised and encrypted exactly like
    ``WbsEvidence``; found only by the SHA-256 of a random token the sender keeps; taken once by
    the report or reply naming it; gone after ``WBS_UPLOAD_TTL_MINUTES``. Nothing about the
    sender is kept: no address, user agent, file name, nor any key that could link uploads."""

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    ciphertext = models.BinaryField(editable=False)
    content_type = models.CharField(_("jenis berkas"), max_length=60)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    created_at = models.DateTimeField(_("diterima"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("bukti WBS tertunda")
        verbose_name_plural = _("bukti WBS tertunda")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"bukti tertunda #{self.pk}"
