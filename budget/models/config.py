"""The Pemda's rules as data: contract rules (penalty, critical bands, grace) and absorption thresholds.

Nothing here is a constant in code: ``BudgetRules`` rows carry the numbers and their source and
apply from a date (a new regulation is a new row, the old one stays for past years); thresholds are
set by the Pemda per month because no national traffic-light table exists.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    CALENDAR = "calendar", _("Hari kalender")
    WORKING = "working", _("Hari kerja")


PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class BudgetRules(models.Model):
    """Contract and lateness rules in force from ``valid_from`` (the latest row not after a date applies)."""

    valid_from = models.DateField(_("berlaku sejak"), unique=True)
    source = models.CharField(
        _("dasar aturan"), max_length=300, help_text=_("Peraturan atau keputusan yang menjadi sumber angka ini.")
    )
    penalty_per_mille_per_day = models.DecimalField(
        _("denda per hari (‰)"), max_digits=6, decimal_places=3, validators=[MinValueValidator(Decimal(0))]
    )
    penalty_max_days = models.PositiveIntegerField(
        _("hari tambahan setelah akhir kontrak"),
        help_text=_("Kesempatan menyelesaikan pekerjaan (dengan denda berjalan) sebelum pemutusan kontrak."),
    )
    critical_low_band_max = models.DecimalField(
        _("batas atas rentang rencana rendah (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    critical_low_gap = models.DecimalField(
        _("deviasi kritis pada rentang rendah (poin)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    critical_high_gap = models.DecimalField(
        _("deviasi kritis pada rentang tinggi (poin)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    contract_stage_days = models.CharField(
        _("keterlambatan tahap pekerjaan dihitung dalam"), max_length=10, choices=DayKind.choices
    )
    administrative_stage_days = models.CharField(
        _("keterlambatan tahap administrasi dihitung dalam"), max_length=10, choices=DayKind.choices
    )
    escalation_days = models.PositiveIntegerField(
        _("eskalasi setelah (hari)"),
        help_text=_("Peringatan yang masih terbuka setelah sekian hari diteruskan ke kepala OPD dan pimpinan."),
    )
    quiet_hours_start = models.TimeField(_("jam tenang mulai"), help_text=_("Waktu setempat Pemda."))
    quiet_hours_end = models.TimeField(_("jam tenang selesai"))

    class Meta:
        verbose_name = _("aturan kontrak dan peringatan")
        verbose_name_plural = _("aturan kontrak dan peringatan")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from:%d-%m-%Y} — {self.source}"

    def clean(self) -> None:
        if self.critical_low_band_max is not None and not (0 < self.critical_low_band_max < 100):
            raise ValidationError({"critical_low_band_max": _("Harus di antara 0 dan 100.")})


class AbsorptionThreshold(models.Model):
    """Red/amber/green absorption thresholds for one month of the year (cumulative, in percent)."""

    month = models.PositiveSmallIntegerField(
        _("bulan"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    green_from = models.DecimalField(_("hijau mulai (%)"), max_digits=5, decimal_places=2, validators=PERCENT)
    amber_from = models.DecimalField(_("kuning mulai (%)"), max_digits=5, decimal_places=2, validators=PERCENT)

    class Meta:
        verbose_name = _("ambang serapan bulanan")
        verbose_name_plural = _("ambang serapan bulanan")
        ordering = ["month"]

    def __str__(self) -> str:
        return f"{self.month}: ≥{self.green_from} / ≥{self.amber_from}"

    def clean(self) -> None:
        if self.green_from is not None and self.amber_from is not None and self.amber_from > self.green_from:
            raise ValidationError({"amber_from": _("Ambang kuning tidak boleh di atas ambang hijau.")})
