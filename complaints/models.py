"""Citizen complaints (SP4N-LAPOR style): categories, complaints, reporter identity, timeline.

The reporter's identity lives in its own table (``ReporterIdentity``) so that the rules of
who may see it are enforced by which selector reads it, and so that an anonymous complaint
simply has no row. Workflow and visibility live in ``services``/``selectors``.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from atrest.fields import EncryptedTextField
from organizations.models import AGENCY_CHOICE, VILLAGE_KINDS

# The action plan (Renaksi) lives in its own package; imported here so Django finds its models.
from .renaksi.models import Action, ActionEvidence, ActionNotice, ActionPlan, ActionProgress, PlanStatus  # noqa: F401


class ComplaintKind(models.TextChoices):
    PENGADUAN = "pengaduan", _("Pengaduan")
    ASPIRASI = "aspirasi", _("Aspirasi")
    INFORMASI = "informasi", _("Permintaan informasi")


class Privacy(models.TextChoices):
    PUBLIC = "public", _("Publik")
    RAHASIA = "rahasia", _("Rahasia")
    ANONIM = "anonim", _("Anonim")


class Status(models.TextChoices):
    RECEIVED = "received", _("Diterima")
    VERIFIED = "verified", _("Terverifikasi")
    REJECTED = "rejected", _("Ditolak")
    ASSIGNED = "assigned", _("Didisposisikan ke OPD")
    IN_PROGRESS = "in_progress", _("Sedang ditindaklanjuti")
    ANSWERED = "answered", _("Dijawab")
    CLOSED = "closed", _("Selesai")


#: Statuses in which the complaint still waits for the government.
OPEN_STATUSES = (Status.RECEIVED, Status.VERIFIED, Status.ASSIGNED, Status.IN_PROGRESS)
#: Statuses the public may see (verified and later, not rejected).
PUBLIC_STATUSES = (Status.VERIFIED, Status.ASSIGNED, Status.IN_PROGRESS, Status.ANSWERED, Status.CLOSED)


class Handling(models.TextChoices):
    """SP4N-LAPOR handling classes; their working-day deadlines are in ``complaints.deadlines``."""

    SIMPLE = "simple", _("Informasi / pengaduan sederhana")
    NO_INSPECTION = "no_inspection", _("Tanpa pemeriksaan lapangan")
    INSPECTION = "inspection", _("Dengan pemeriksaan lapangan")


class RejectReason(models.TextChoices):
    SPAM = "spam", _("Spam")
    OUT_OF_SCOPE = "out_of_scope", _("Di luar kewenangan")
    INCOMPLETE = "incomplete", _("Tidak lengkap")
    OTHER = "other", _("Lainnya")
    FORWARDED_WBS = "forwarded_wbs", _("Diteruskan ke WBS Inspektorat")


class Category(models.Model):
    """Editor-managed complaint category; its ``slug`` is the Open311 ``service_code``."""

    name = models.CharField(_("nama"), max_length=120, unique=True)
    slug = models.SlugField(_("kode layanan"), max_length=60, unique=True)
    description = models.TextField(_("deskripsi"), blank=True)
    handling = models.CharField(
        _("jenis penanganan"), max_length=20, choices=Handling.choices, default=Handling.NO_INSPECTION
    )
    default_opd = models.ForeignKey(
        "organizations.OPD",
        verbose_name=_("OPD bawaan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=AGENCY_CHOICE,
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    extra_form = models.ForeignKey(
        "forms_builder.FormDefinition",
        verbose_name=_("formulir isian tambahan"),
        help_text=_("Opsional: versi terbit terakhir formulir ini diisi pelapor saat mengadu dalam kategori ini."),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kategori pengaduan")
        verbose_name_plural = _("kategori pengaduan")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    #: Extra-form field types a citizen cannot fill on the complaint doors (attachments go
    #: through the complaint's own, checked attachments; OPDs are not the citizen's choice).
    EXTRA_FORM_REFUSED_TYPES = ("file", "opd_choice")

    def clean(self):
        super().clean()
        if not self.extra_form_id:
            return
        from forms_builder.models import FormVersion
        from forms_builder.schema import iter_fields

        version = FormVersion.objects.filter(form_id=self.extra_form_id).order_by("-number").first()
        if version is None:
            raise ValidationError({"extra_form": _("Formulir ini belum punya versi terbit.")})
        refused = sorted(
            {
                ref.spec.get("label") or ref.path
                for ref in iter_fields(version.schema)
                if ref.spec.get("type") in self.EXTRA_FORM_REFUSED_TYPES
            }
        )
        if refused:
            raise ValidationError(
                {
                    "extra_form": _(
                        "Formulir isian tambahan pengaduan tidak boleh memuat isian berkas atau pilihan OPD "
                        "(%(fields)s). Lampiran dikirim lewat lampiran pengaduan."
                    )
                    % {"fields": ", ".join(refused)}
                }
            )


class DayOff(models.Model):
    """A Pemda-defined day off besides national holidays (cuti bersama, local holidays)."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("keterangan"), max_length=120)

    class Meta:
        verbose_name = _("cuti bersama / hari libur daerah")
        verbose_name_plural = _("cuti bersama / hari libur daerah")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class Complaint(models.Model):
    wagtail_reference_index_ignore = True  # no "usage" screens for complaints; saves writes

    tracking_code = models.CharField(_("kode pelacakan"), max_length=20, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    kind = models.CharField(_("jenis"), max_length=20, choices=ComplaintKind.choices, default=ComplaintKind.PENGADUAN)
    category = models.ForeignKey(Category, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("uraian"))
    extra_form_version = models.ForeignKey(
        "forms_builder.FormVersion",
        verbose_name=_("versi formulir isian tambahan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    extra_answers = models.JSONField(_("isian tambahan"), default=dict, blank=True, editable=False)
    location_text = models.CharField(_("lokasi"), max_length=255, blank=True)
    kecamatan = models.ForeignKey(
        "organizations.OPD",
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "kecamatan"},
    )
    kelurahan = models.ForeignKey(
        "organizations.OPD",
        verbose_name=_("kelurahan/desa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": [kind.value for kind in VILLAGE_KINDS]},
    )
    lat = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    privacy = models.CharField(_("kerahasiaan"), max_length=10, choices=Privacy.choices, default=Privacy.PUBLIC)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    handling = models.CharField(_("jenis penanganan"), max_length=20, choices=Handling.choices)
    opd = models.ForeignKey(
        "organizations.OPD",
        verbose_name=_("OPD penanggung jawab"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
        limit_choices_to=AGENCY_CHOICE,
    )
    due_date = models.DateField(_("batas waktu tahap ini"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("tingkat eskalasi"), default=0)
    escalated_at = models.DateTimeField(_("dieskalasi"), null=True, blank=True)
    rejection_reason = models.CharField(_("alasan penolakan"), max_length=20, choices=RejectReason.choices, blank=True)
    rejection_note = models.TextField(_("keterangan penolakan"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("digabung ke"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    support_count = models.PositiveIntegerField(_("dukungan"), default=0)
    rating = models.PositiveSmallIntegerField(_("penilaian"), null=True, blank=True)
    rating_comment = models.TextField(_("komentar penilaian"), blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("dibuka kembali"), default=0)
    created_at = models.DateTimeField(_("diterima"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("didisposisikan"), null=True, blank=True)
    answered_at = models.DateTimeField(_("dijawab"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    answered_on_time = models.BooleanField(_("dijawab tepat waktu"), null=True, blank=True)
    # What the public sees: the text with personal data (NIK, phone, e-mail, plates) redacted;
    # filled at submission and edited by the desk (``complaints.pii``). Empty: not redacted yet,
    # and the public doors redact on the fly (never the original).
    public_title = models.CharField(_("judul publik"), max_length=200, blank=True)
    public_description = models.TextField(_("uraian publik"), blank=True)
    redaction_reviewed_at = models.DateTimeField(_("penyamaran diperiksa"), null=True, blank=True)
    # The WBS report this complaint was forwarded to (its number only; shown to the Inspectorate only).
    wbs_reference = models.CharField(_("nomor laporan WBS"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("desk_complaint", _("Mengelola semua pengaduan (Meja Pengaduan)")),
            ("reveal_reporter", _("Melihat identitas pelapor rahasia")),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="complaint_status_due_idx"),
            models.Index(fields=["opd", "status"], name="complaint_opd_status_idx"),
            # An OPD's staff list: newest first within the OPD, read in index order (no sort of all its rows).
            models.Index(fields=["opd", "-created_at", "-id"], name="complaint_opd_recent_idx"),
            models.Index(fields=["privacy", "status", "created_at"], name="complaint_public_idx"),
            models.Index(fields=["category", "status"], name="complaint_category_idx"),
            models.Index(fields=["updated_at"], name="complaint_updated_idx"),
            # Escalated complaints are few: the admin's and REST's escalation filters read this small
            # index instead of scanning every row (0.3 s at a million complaints).
            models.Index(
                fields=["escalation_level", "-created_at"],
                condition=models.Q(escalation_level__gt=0),
                name="complaint_escalated_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="complaint_rating_1_5",
            ),
            models.CheckConstraint(
                condition=models.Q(lat__isnull=True, long__isnull=True)
                | models.Q(lat__gte=-90, lat__lte=90, long__gte=-180, long__lte=180),
                name="complaint_latlong_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


IDENTITY_KEYS = "COMPLAINT_IDENTITY_KEYS"


class ReporterIdentity(models.Model):
    """Who filed a complaint. Never created for an anonymous complaint.

    Written once and not history-tracked, so no copy of an identity sits in a history table.
    """

    wagtail_reference_index_ignore = True

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="reporter")
    # Encrypted at rest (atrest, keys COMPLAINT_IDENTITY_KEYS): a database dump or backup shows
    # no reporter's name, e-mail or phone. Lengths are checked by the submission service.
    name = EncryptedTextField(_("nama"), blank=True, keys_setting=IDENTITY_KEYS, purpose="complaint-identity")
    email = EncryptedTextField(_("email"), blank=True, keys_setting=IDENTITY_KEYS, purpose="complaint-identity")
    phone = EncryptedTextField(_("telepon"), blank=True, keys_setting=IDENTITY_KEYS, purpose="complaint-identity")

    class Meta:
        verbose_name = _("identitas pelapor")
        verbose_name_plural = _("identitas pelapor")

    def __str__(self) -> str:
        return self.name or self.email or self.phone


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Pengaduan diterima")
    STATUS = "status", _("Perubahan status")
    ASSIGNED = "assigned", _("Disposisi ke OPD")
    NOTE = "note", _("Catatan internal")
    FOLLOW_UP = "follow_up", _("Tindak lanjut")
    ANSWER = "answer", _("Jawaban")
    REPORTER_INFO = "reporter_info", _("Informasi tambahan pelapor")
    RATING = "rating", _("Penilaian pelapor")
    REOPENED = "reopened", _("Dibuka kembali")
    ESCALATED = "escalated", _("Eskalasi")
    MERGED = "merged", _("Digabung")
    DECLINED = "declined", _("Dikembalikan OPD (bukan kewenangan)")
    RECATEGORIZED = "recategorized", _("Kategori diubah")
    FORWARDED_WBS = "forwarded_wbs", _("Diteruskan ke WBS")
    REDACTED = "redacted", _("Data pribadi disamarkan")


class ComplaintEvent(models.Model):
    """One entry of a complaint's timeline. ``public`` entries are shown to the reporter
    (and, for public complaints, to everyone); internal notes never are."""

    wagtail_reference_index_ignore = True

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    public = models.BooleanField(default=False)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    opd = models.ForeignKey("organizations.OPD", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("riwayat pengaduan")
        verbose_name_plural = _("riwayat pengaduan")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind}"


def _attachment_path(instance: "Attachment", filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower()
    return f"complaints/{instance.uuid.hex[:2]}/{instance.uuid.hex}.{ext}"


class Attachment(models.Model):
    """A cleaned file (images re-encoded without metadata). The original name is not kept."""

    wagtail_reference_index_ignore = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(ComplaintEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(upload_to=_attachment_path, max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.uuid)


def _upload_path(instance: "PendingUpload", filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower()
    return f"complaints/uploads/{uuid.uuid4().hex}.{ext}"


class PendingUpload(models.Model):
    """A cleaned file uploaded ahead of a submission (GraphQL and app clients reference it by a
    token; only the token's SHA-256 is stored). Taken once by a submission, or pruned when expired."""

    wagtail_reference_index_ignore = True

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    file = models.FileField(upload_to=_upload_path, max_length=200)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("unggahan sementara")
        verbose_name_plural = _("unggahan sementara")

    def __str__(self) -> str:
        return f"{self.pk} {self.content_type}"


class Open311Key(models.Model):
    """An API key of a partner app posting through Open311 (only its SHA-256 is stored)."""

    name = models.CharField(_("nama aplikasi"), max_length=120)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("kunci API Open311")
        verbose_name_plural = _("kunci API Open311")

    def __str__(self) -> str:
        return self.name


class ContactPoint(models.Model):
    """A complaint liaison (penghubung SP4N-LAPOR) of an OPD or kecamatan: the person notified
    when a complaint is assigned there. Without one, the OPD's heads and operators are notified."""

    opd = models.ForeignKey(
        "organizations.OPD",
        verbose_name=_("OPD / kecamatan"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to=AGENCY_CHOICE,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="+"
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    note = models.CharField(_("keterangan"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("penghubung pengaduan")
        verbose_name_plural = _("penghubung pengaduan")
        ordering = ["opd__name", "id"]
        constraints = [models.UniqueConstraint(fields=["opd", "user"], name="complaint_contact_point_unique")]

    def __str__(self) -> str:
        return f"{self.opd} – {self.user}"
