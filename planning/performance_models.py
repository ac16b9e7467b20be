"""Performance over the year: the Perjanjian Kinerja (targets frozen at signature, revisions
with a reason), quarterly realisation against the Rencana Aksi, evidence and Bappeda's
verification. Only verified realisation counts in achievement shown outside the OPD.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import AGENCY_CHOICE


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SIGNED = "signed", _("Ditandatangani")


class PerformanceAgreement(models.Model):
    """The Perjanjian Kinerja of one OPD for one year."""

    rpjmd = models.ForeignKey("planning.Rpjmd", on_delete=models.CASCADE, related_name="agreements")
    opd = models.ForeignKey(
        "organizations.OPD",
        on_delete=models.PROTECT,
        related_name="performance_agreements",
        verbose_name=_("OPD"),
        limit_choices_to=AGENCY_CHOICE,
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    signatory = models.CharField(_("penanda tangan"), max_length=200, blank=True)
    signed_on = models.DateField(_("tanggal tanda tangan"), null=True, blank=True)
    revision = models.PositiveSmallIntegerField(_("revisi ke"), default=0)

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["-year", "opd__name"]
        constraints = [models.UniqueConstraint(fields=["opd", "year"], name="planning_pk_opd_year_unique")]

    def __str__(self) -> str:
        return f"{_('Perjanjian Kinerja')} {self.opd} {self.year}"


class AgreementItem(models.Model):
    """One indicator's target as the agreement froze it."""

    agreement = models.ForeignKey(PerformanceAgreement, on_delete=models.CASCADE, related_name="items")
    indicator = models.ForeignKey("planning.Indicator", on_delete=models.CASCADE, related_name="agreement_items")
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=4, null=True, blank=True)
    value_min = models.DecimalField(_("batas bawah (a)"), max_digits=20, decimal_places=4, null=True, blank=True)
    value_max = models.DecimalField(_("batas atas (b)"), max_digits=20, decimal_places=4, null=True, blank=True)

    class Meta:
        verbose_name = _("target perjanjian kinerja")
        verbose_name_plural = _("target perjanjian kinerja")
        constraints = [models.UniqueConstraint(fields=["agreement", "indicator"], name="planning_pk_item_unique")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"


class AgreementRevision(models.Model):
    """A signed agreement's change: who, when, why, and the targets before it."""

    agreement = models.ForeignKey(PerformanceAgreement, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveSmallIntegerField(_("revisi ke"))
    reason = models.TextField(_("alasan"))
    previous_targets = models.JSONField(_("target sebelumnya"), default=dict)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("revisi perjanjian kinerja")
        verbose_name_plural = _("revisi perjanjian kinerja")
        ordering = ["agreement", "number"]

    def __str__(self) -> str:
        return f"{self.agreement} ({_('revisi')} {self.number})"


class RealisationStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    VERIFIED = "verified", _("Terverifikasi")
    RETURNED = "returned", _("Dikembalikan")


QUARTERS = (1, 2, 3, 4)


class Realisation(models.Model):
    """One indicator's quarter: the Rencana Aksi target and the realisation (cumulative to the
    quarter's end, so Q4 is the year's figure)."""

    indicator = models.ForeignKey("planning.Indicator", on_delete=models.CASCADE, related_name="realisations")
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"), choices=[(q, f"TW {q}") for q in QUARTERS])
    plan_value = models.DecimalField(_("target rencana aksi"), max_digits=20, decimal_places=4, null=True, blank=True)
    value = models.DecimalField(_("realisasi"), max_digits=20, decimal_places=4, null=True, blank=True)
    note = models.TextField(_("keterangan"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RealisationStatus.choices, default=RealisationStatus.DRAFT
    )
    review_note = models.TextField(_("catatan verifikasi"), blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    verified_at = models.DateTimeField(_("waktu verifikasi"), null=True, blank=True)

    class Meta:
        verbose_name = _("realisasi triwulan")
        verbose_name_plural = _("realisasi triwulan")
        ordering = ["indicator", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="planning_realisation_unique")
        ]
        indexes = [models.Index(fields=["year", "status"], name="planning_real_year_status_idx")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} TW {self.quarter}"


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"planning/evidence/{instance.uuid}"


class Evidence(models.Model):
    """A file that backs a realisation (its type checked by content, like form uploads)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    realisation = models.ForeignKey(Realisation, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("berkas"), upload_to=evidence_path)
    name = models.CharField(_("nama berkas"), max_length=255)
    size = models.PositiveIntegerField(_("ukuran"))
    mime = models.CharField(_("jenis"), max_length=120)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(_("waktu unggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realisation", "uploaded_at"]

    def __str__(self) -> str:
        return self.name
