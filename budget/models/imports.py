"""Import profiles (a column mapping saved once) and import batches (one uploaded file)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    REALISATION = "realisation", _("Realisasi (SP2D)")
    PAGU = "pagu", _("Pagu")
    CASH_PLAN = "cash_plan", _("Anggaran kas")


class ImportProfile(models.Model):
    """How one export of the finance system maps to our fields: ``{"field": "column header"}``."""

    name = models.CharField(_("nama profil"), max_length=120, unique=True)
    kind = models.CharField(_("jenis data"), max_length=20, choices=ImportKind.choices)
    columns = models.JSONField(_("pemetaan kolom"), default=dict)
    sheet = models.CharField(_("lembar (XLSX)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("profil impor")
        verbose_name_plural = _("profil impor")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BatchStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Pratinjau")
    REFUSED = "refused", _("Ditolak")
    APPLIED = "applied", _("Diterapkan")


class ImportBatch(models.Model):
    """One file: its digest makes a re-import of the same file a no-op."""

    wagtail_reference_index_ignore = True  # no "usage" screen reads these rows; each save would re-index them

    profile = models.ForeignKey(
        ImportProfile, on_delete=models.PROTECT, related_name="batches", verbose_name=_("profil")
    )
    fiscal_year = models.ForeignKey(
        "budget.FiscalYear", on_delete=models.PROTECT, related_name="+", verbose_name=_("tahun anggaran")
    )
    file = models.FileField(_("berkas"), upload_to="budget/imports/%Y/%m/", blank=True)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    digest = models.CharField(_("sidik SHA-256"), max_length=64)
    status = models.CharField(_("status"), max_length=20, choices=BatchStatus.choices, default=BatchStatus.PREVIEWED)
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    error_count = models.PositiveIntegerField(_("jumlah kesalahan"), default=0)
    errors = models.JSONField(_("kesalahan (contoh)"), default=list, blank=True)
    months = models.JSONField(_("bulan"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("oleh")
    )
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    applied_at = models.DateTimeField(_("diterapkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor anggaran")
        verbose_name_plural = _("impor anggaran")
        ordering = ["-created_at"]
        permissions = [("import_budget", _("Boleh mengimpor data anggaran"))]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "fiscal_year", "digest"],
                condition=models.Q(status="applied"),
                name="budget_import_applied_once",
            )
        ]

    def __str__(self) -> str:
        return self.file_name
