"""Renaksi data: plans, actions, quarterly progress and its evidence files.

Imported by ``complaints.models`` so Django finds the models in the ``complaints`` app (labels
``complaints.ActionPlan`` …; history is registered by ``audit.registry`` for the whole app).
Status is not stored: it depends on the day (``status.action_status``).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import AGENCY_CHOICE

MIN_YEAR, MAX_YEAR = 2000, 2100


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    ACTIVE = "active", _("Berjalan")
    CLOSED = "closed", _("Ditutup")


#: Plans the public (page, REST, GraphQL) sees; a draft is the desk's work in progress.
PUBLIC_PLAN_STATUSES = (PlanStatus.ACTIVE, PlanStatus.CLOSED)


class ActionPlan(models.Model):
    """A multi-year Renaksi (e.g. 2025–2027) of complaint management."""

    title = models.CharField(_("judul"), max_length=200, unique=True)
    start_year = models.PositiveSmallIntegerField(
        _("tahun awal"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    end_year = models.PositiveSmallIntegerField(
        _("tahun akhir"), validators=[MinValueValidator(MIN_YEAR), MaxValueValidator(MAX_YEAR)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT, db_index=True
    )
    description = models.TextField(_("uraian"), blank=True)
    is_demo = models.BooleanField(
        _("data demo"), default=False, help_text=_("Ditandai sebagai contoh di halaman publik.")
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("rencana aksi")
        verbose_name_plural = _("rencana aksi")
        ordering = ["-start_year", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")), name="renaksi_plan_years_ordered"
            ),
            models.CheckConstraint(
                condition=models.Q(start_year__gte=MIN_YEAR, end_year__lte=MAX_YEAR), name="renaksi_plan_years_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def clean(self) -> None:
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("Tahun akhir tidak boleh sebelum tahun awal.")})


class Action(models.Model):
    """One action of a plan, owned by one OPD (which reports its progress each quarter)."""

    plan = models.ForeignKey(
        ActionPlan, verbose_name=_("rencana aksi"), on_delete=models.CASCADE, related_name="actions"
    )
    code = models.CharField(_("nomor"), max_length=20, help_text=_("Misalnya 1.1 atau A.2; unik dalam satu rencana."))
    title = models.CharField(_("aksi"), max_length=300)
    opd = models.ForeignKey(
        "organizations.OPD",
        verbose_name=_("OPD penanggung jawab"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=AGENCY_CHOICE,
    )
    output = models.TextField(_("keluaran / target"))
    indicator = models.CharField(_("indikator keberhasilan"), max_length=300)
    due_date = models.DateField(_("batas waktu"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("aksi")
        verbose_name_plural = _("aksi")
        ordering = ["plan", "order", "code", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="renaksi_action_unique_code")]
        indexes = [models.Index(fields=["opd", "due_date"], name="renaksi_action_opd_due_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        plan = self.plan if self.plan_id else None
        if plan is not None and self.due_date and self.due_date.year not in plan.years:
            raise ValidationError(
                {"due_date": _("Batas waktu harus di dalam tahun rencana (%(a)s–%(b)s).") % {
                    "a": plan.start_year, "b": plan.end_year}}
            )  # fmt: skip


class ActionProgress(models.Model):
    """The owner OPD's report of one quarter: cumulative percent done and what was done."""

    action = models.ForeignKey(Action, verbose_name=_("aksi"), on_delete=models.CASCADE, related_name="progress")
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"),
        choices=[(q, f"TW {q}") for q in range(1, 5)],
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    percent = models.PositiveSmallIntegerField(
        _("capaian (%)"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Persentase penyelesaian kumulatif sampai akhir triwulan ini (0–100)."),
    )
    narrative = models.TextField(_("uraian kemajuan"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dilaporkan oleh"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("dilaporkan pada"))

    class Meta:
        verbose_name = _("kemajuan aksi")
        verbose_name_plural = _("kemajuan aksi")
        ordering = ["action", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["action", "year", "quarter"], name="renaksi_progress_unique_quarter"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="renaksi_progress_quarter"),
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="renaksi_progress_percent_max"),
        ]

    def __str__(self) -> str:
        return f"{self.action.code} {self.year} TW {self.quarter}: {self.percent}%"

    @property
    def period_label(self) -> str:
        return _("TW %(q)s %(y)s") % {"q": self.quarter, "y": self.year}


def _evidence_path(instance: "ActionEvidence", filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower()
    return f"renaksi/{instance.uuid.hex[:2]}/{instance.uuid.hex}.{ext}"


class ActionEvidence(models.Model):
    """A cleaned evidence file of a progress report (``safefiles``; the original name is not kept)."""

    wagtail_reference_index_ignore = True

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    progress = models.ForeignKey(
        ActionProgress, verbose_name=_("kemajuan"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("berkas"), upload_to=_evidence_path, max_length=200)
    content_type = models.CharField(_("jenis berkas"), max_length=60)
    size = models.PositiveIntegerField(_("ukuran"))
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.uuid)


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", _("Pengingat laporan triwulan")
    OVERDUE = "overdue", _("Pemberitahuan terlambat")


class ActionNotice(models.Model):
    """Bookkeeping of the reminder job: one row per (action, kind, period) ever notified, so a
    notice goes out once only, however often the job runs and whoever joins the OPD later."""

    action = models.ForeignKey(Action, verbose_name=_("aksi"), on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("jenis"), max_length=10, choices=NoticeKind.choices)
    period = models.CharField(
        _("periode"), max_length=20, help_text=_("Triwulan (2026-TW1) atau batas waktu yang terlewati.")
    )
    recipients = models.PositiveSmallIntegerField(_("jumlah penerima"), default=0)
    created_at = models.DateTimeField(_("dikirim"), auto_now_add=True)

    class Meta:
        verbose_name = _("pemberitahuan rencana aksi")
        verbose_name_plural = _("pemberitahuan rencana aksi")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["action", "kind", "period"], name="renaksi_notice_once"),
        ]

    def __str__(self) -> str:
        return f"{self.action.code} {self.kind} {self.period}"
