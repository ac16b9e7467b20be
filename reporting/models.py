"""Periodic reporting: periods, assignments, submissions, their transitions and attachments.

An ``Assignment`` says that some OPDs must file a form for some periods, due a number of
days after each period ends, with a grace period after which the period locks. The
expected ``Submission`` rows exist ahead of time (status ``not_started``), one per
assignment × period × OPD, so "not started" is visible in the completeness matrix.

Rules (who may do what, deadlines, carry-forward, diffs) live in ``reporting.periods``,
``reporting.workflow`` and ``reporting.selectors``; these models hold data and
small invariants only.

These models were born in ``forms_builder`` and moved here (docs/adr/0013-reporting-app.md):
they keep their tables (``db_table`` = ``forms_builder_<model>``, m2m tables too, and
``audit.registry.MOVED_MODELS`` keeps their history tables), so an installation upgrades
in place without copying a row.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeriodType(models.TextChoices):
    MONTHLY = "monthly", _("Bulanan")
    QUARTERLY = "quarterly", _("Triwulanan")
    SEMESTER = "semester", _("Semesteran")
    ANNUAL = "annual", _("Tahunan")


#: How many periods of each type a year has.
PERIODS_PER_YEAR = {
    PeriodType.MONTHLY: 12,
    PeriodType.QUARTERLY: 4,
    PeriodType.SEMESTER: 2,
    PeriodType.ANNUAL: 1,
}


class ReportingPeriod(models.Model):
    """One calendar period (e.g. Triwulan I 2026). Created by ``periods.periods_ensure``."""

    period_type = models.CharField(_("jenis periode"), max_length=12, choices=PeriodType.choices)
    year = models.PositiveSmallIntegerField(_("tahun"))
    number = models.PositiveSmallIntegerField(_("urutan dalam tahun"))
    start = models.DateField(_("mulai"))
    end = models.DateField(_("selesai"))

    class Meta:
        db_table = "forms_builder_reportingperiod"
        verbose_name = _("periode pelaporan")
        verbose_name_plural = _("periode pelaporan")
        ordering = ["year", "period_type", "number"]
        constraints = [
            models.UniqueConstraint(fields=["period_type", "year", "number"], name="reporting_period_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1, number__lte=12), name="reporting_period_number"),
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="reporting_period_order"),
        ]

    def __str__(self) -> str:
        from .periods import period_label  # periods imports these models: a real cycle

        return str(period_label(self))


class Assignment(models.Model):
    """A form that some OPDs must file for some periods."""

    title = models.CharField(_("judul penugasan"), max_length=255)
    form = models.ForeignKey(
        "forms_builder.FormDefinition",
        verbose_name=_("formulir"),
        on_delete=models.PROTECT,
        related_name="assignments",
        help_text=_("Setiap laporan memakai versi terbit terakhir saat pengisian dimulai."),
    )
    period_type = models.CharField(_("jenis periode"), max_length=12, choices=PeriodType.choices)
    periods = models.ManyToManyField(
        ReportingPeriod,
        verbose_name=_("periode"),
        related_name="assignments",
        db_table="forms_builder_assignment_periods",
    )
    opds = models.ManyToManyField(
        "organizations.OPD",
        verbose_name=_("OPD yang ditugaskan"),
        blank=True,
        related_name="report_assignments",
        db_table="forms_builder_assignment_opds",
    )
    opd_kinds = models.JSONField(
        _("jenis OPD yang ditugaskan"),
        default=list,
        blank=True,
        help_text=_("Semua OPD aktif dari jenis ini ikut ditugaskan, selain OPD yang dipilih."),
    )
    due_days = models.PositiveSmallIntegerField(_("batas waktu (hari setelah periode berakhir)"), default=10)
    grace_days = models.PositiveSmallIntegerField(_("masa tenggang (hari)"), default=5)
    reminder_days = models.JSONField(
        _("pengingat (hari sebelum batas waktu)"), default=list, blank=True, help_text=_("Misalnya [7, 1].")
    )
    is_active = models.BooleanField(_("aktif"), default=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    class Meta:
        db_table = "forms_builder_assignment"
        verbose_name = _("penugasan laporan")
        verbose_name_plural = _("penugasan laporan")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(due_days__lte=366), name="assignment_due_days_range"),
            models.CheckConstraint(condition=models.Q(grace_days__lte=366), name="assignment_grace_days_range"),
        ]

    def __str__(self) -> str:
        return self.title


class SubmissionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Belum dimulai")
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Dikirim")
    RETURNED = "returned", _("Dikembalikan")
    VERIFIED = "verified", _("Diverifikasi")
    PUBLISHED = "published", _("Dipublikasikan")


class Submission(models.Model):
    """One OPD's report for one period of one assignment (exists before the OPD starts)."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("penugasan"), on_delete=models.CASCADE, related_name="submissions"
    )
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("periode"), on_delete=models.PROTECT, related_name="submissions"
    )
    opd = models.ForeignKey(
        "organizations.OPD", verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="report_submissions"
    )
    form_version = models.ForeignKey(
        "forms_builder.FormVersion",
        verbose_name=_("versi formulir"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submissions",
        help_text=_("Dipatok saat pengisian dimulai."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.NOT_STARTED,
        db_index=True,
    )
    answers = models.JSONField(_("jawaban"), default=dict, blank=True)
    computed = models.JSONField(_("nilai terhitung"), default=dict, blank=True)
    score = models.JSONField(_("penilaian"), default=dict, blank=True)
    #: Field path -> verifier's comment; only these fields may change while returned.
    returned_fields = models.JSONField(_("isian yang dikembalikan"), default=dict, blank=True)
    #: Optimistic concurrency: every write increments it; a stale ``If-Match`` gets 412.
    revision = models.PositiveIntegerField(_("revisi"), default=0)
    round = models.PositiveSmallIntegerField(_("putaran pengiriman"), default=0)
    due_at = models.DateTimeField(_("batas waktu"))
    locks_at = models.DateTimeField(_("terkunci pada"))
    reopened_until = models.DateTimeField(_("dibuka kembali sampai"), null=True, blank=True)
    reopen_reason = models.TextField(_("alasan dibuka kembali"), blank=True)
    first_submitted_at = models.DateTimeField(_("pertama dikirim"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("terakhir dikirim"), null=True, blank=True)
    verified_at = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    published_at = models.DateTimeField(_("dipublikasikan pada"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diubah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    class Meta:
        db_table = "forms_builder_submission"
        verbose_name = _("laporan OPD")
        verbose_name_plural = _("laporan OPD")
        ordering = ["period__start", "opd__name"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "period", "opd"], name="submission_unique_slot"),
        ]
        indexes = [
            models.Index(fields=["opd", "status"], name="submission_opd_status"),
            models.Index(fields=["period", "status"], name="submission_period_status"),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} — {self.opd} — {self.period}"

    @property
    def etag(self) -> str:
        return f'"s{self.pk}-r{self.revision}"'

    @property
    def is_late(self) -> bool:
        """Submitted (first time) after the due date, or still not submitted past it."""
        when = self.first_submitted_at or timezone.now()
        return when > self.due_at


class SubmissionTransition(models.Model):
    """One step of the workflow: who moved the report from what to what, when and why."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("laporan"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("dari status"), max_length=12, choices=SubmissionStatus.choices)
    to_status = models.CharField(_("ke status"), max_length=12, choices=SubmissionStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now)
    comment = models.TextField(_("catatan"), blank=True)
    #: Field path -> comment (on a return).
    field_comments = models.JSONField(_("catatan per isian"), default=dict, blank=True)
    round = models.PositiveSmallIntegerField(_("putaran pengiriman"), default=0)
    #: On a (re)submission: field path -> [before, after] since the previous submission.
    diff = models.JSONField(_("perubahan"), default=dict, blank=True)

    class Meta:
        db_table = "forms_builder_submissiontransition"
        verbose_name = _("riwayat status laporan")
        verbose_name_plural = _("riwayat status laporan")
        ordering = ["submission", "at", "id"]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.from_status} → {self.to_status}"


def _attachment_path(instance: SubmissionAttachment, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower()[:8] if "." in filename else "bin"
    return f"reports/{instance.uuid.hex[:2]}/{instance.uuid.hex}.{ext}"


class SubmissionAttachment(models.Model):
    """A file answer, checked by content and size by the field's rules; never public."""

    wagtail_reference_index_ignore = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    submission = models.ForeignKey(
        Submission, verbose_name=_("laporan"), on_delete=models.CASCADE, related_name="attachments"
    )
    field_path = models.CharField(_("isian"), max_length=200)
    file = models.FileField(_("berkas"), upload_to=_attachment_path, max_length=200)
    name = models.CharField(_("nama berkas"), max_length=255)
    mime = models.CharField(_("jenis berkas"), max_length=100)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("sidik SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("diunggah pada"), auto_now_add=True)

    class Meta:
        db_table = "forms_builder_submissionattachment"
        verbose_name = _("lampiran laporan")
        verbose_name_plural = _("lampiran laporan")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.field_path})"


# --- background report exports ----------------------------------------------------------
# A background report export: a file built by a django-q2 worker for one requester.
#
# Large exports (more rows than ``REPORT_EXPORT_INLINE_MAX_ROWS``) do not fit in a web request
# (gunicorn ``--timeout``), so the export page queues one of these instead; the worker fills
# ``file`` with the same writer the inline download uses (``reporting.exports.writers.write_file``). The file
# lives in the default storage under ``exports/`` with an unguessable name and is served only
# through ``reporting.views.exports.export_file`` (the requester or a superuser). Expired rows and files
# are pruned hourly (``reporting.exports.jobs.prune_expired_exports``). Not tracked by the audit history:
# it is bookkeeping of a sensitive read, which the read log already records.


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
        db_table = "forms_builder_reportexport"
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
