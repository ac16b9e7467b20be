"""Budgets: fiscal years, OPD budgets, pagu per sub-kegiatan, the monthly cash plan and realisation.

Amounts are whole rupiah in ``BigIntegerField`` (APBD documents carry no sen). The revised pagu,
when set, replaces the original for absorption (``BudgetLine.pagu``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import AGENCY_CHOICE

MONTH = [MinValueValidator(1), MaxValueValidator(12)]
NON_NEGATIVE = [MinValueValidator(0)]


class FiscalYear(models.Model):
    year = models.PositiveSmallIntegerField(_("tahun anggaran"), unique=True)
    nomenclature = models.ForeignKey(
        "planning.NomenclatureVersion", on_delete=models.PROTECT, related_name="+", verbose_name=_("nomenklatur")
    )

    class Meta:
        verbose_name = _("tahun anggaran")
        verbose_name_plural = _("tahun anggaran")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class FundingSource(models.Model):
    """Sumber dana: PAD, DAU, DAK Fisik, DAK Non Fisik, DBH, …"""

    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)

    class Meta:
        verbose_name = _("sumber dana")
        verbose_name_plural = _("sumber dana")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class OPDBudget(models.Model):
    """One OPD's budget (DPA) for one fiscal year."""

    fiscal_year = models.ForeignKey(
        FiscalYear, on_delete=models.PROTECT, related_name="opd_budgets", verbose_name=_("tahun anggaran")
    )
    opd = models.ForeignKey(
        "organizations.OPD",
        on_delete=models.PROTECT,
        related_name="budgets",
        verbose_name=_("OPD"),
        limit_choices_to=AGENCY_CHOICE,
    )

    class Meta:
        verbose_name = _("anggaran OPD")
        verbose_name_plural = _("anggaran OPD")
        ordering = ["fiscal_year", "opd__name"]
        constraints = [models.UniqueConstraint(fields=["fiscal_year", "opd"], name="budget_one_per_opd_year")]

    def __str__(self) -> str:
        return f"{self.opd} — {self.fiscal_year}"


class BudgetLine(models.Model):
    """Pagu of one sub-kegiatan from one funding source in an OPD budget."""

    wagtail_reference_index_ignore = True  # no "usage" screen reads these rows; each save would re-index them

    opd_budget = models.ForeignKey(
        OPDBudget, on_delete=models.CASCADE, related_name="lines", verbose_name=_("anggaran OPD")
    )
    sub_kegiatan = models.ForeignKey(
        "planning.NomenclatureNode", on_delete=models.PROTECT, related_name="+", verbose_name=_("sub-kegiatan")
    )
    funding_source = models.ForeignKey(
        FundingSource, on_delete=models.PROTECT, related_name="lines", verbose_name=_("sumber dana")
    )
    original_amount = models.BigIntegerField(_("pagu murni (Rp)"), validators=NON_NEGATIVE)
    revised_amount = models.BigIntegerField(_("pagu perubahan (Rp)"), null=True, blank=True, validators=NON_NEGATIVE)
    revised_on = models.DateField(_("tanggal perubahan"), null=True, blank=True)

    class Meta:
        verbose_name = _("pagu sub-kegiatan")
        verbose_name_plural = _("pagu sub-kegiatan")
        ordering = ["opd_budget", "sub_kegiatan__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd_budget", "sub_kegiatan", "funding_source"], name="budget_line_unique_source"
            ),
            models.CheckConstraint(condition=models.Q(original_amount__gte=0), name="budget_line_original_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.sub_kegiatan.code} ({self.funding_source.code})"

    @property
    def pagu(self) -> int:
        """The pagu absorption is measured against: the revised one when it exists."""
        return self.revised_amount if self.revised_amount is not None else self.original_amount

    def clean(self) -> None:
        if self.sub_kegiatan_id and self.sub_kegiatan.level != "sub_kegiatan":
            raise ValidationError({"sub_kegiatan": _("Pagu hanya untuk kode tingkat sub-kegiatan.")})
        if (self.revised_amount is None) != (self.revised_on is None):
            raise ValidationError({"revised_on": _("Pagu perubahan dan tanggalnya diisi bersama.")})


class CashPlan(models.Model):
    """Anggaran kas: the amount planned to be spent in one month."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="cash_plan", verbose_name=_("pagu"))
    month = models.PositiveSmallIntegerField(_("bulan"), validators=MONTH)
    amount = models.BigIntegerField(_("rencana (Rp)"), validators=NON_NEGATIVE)

    class Meta:
        verbose_name = _("anggaran kas")
        verbose_name_plural = _("anggaran kas")
        ordering = ["line", "month"]
        constraints = [models.UniqueConstraint(fields=["line", "month"], name="budget_cash_plan_month")]

    def __str__(self) -> str:
        return f"{self.line} / {self.month}"


class Realisation(models.Model):
    """Realisation (sum of SP2D) of one month; a corrected import replaces it (history keeps the old one)."""

    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="realisations", verbose_name=_("pagu"))
    month = models.PositiveSmallIntegerField(_("bulan"), validators=MONTH)
    amount = models.BigIntegerField(_("realisasi SP2D (Rp)"), validators=NON_NEGATIVE)
    batch = models.ForeignKey(
        "budget.ImportBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("impor"),
    )

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["line", "month"]
        constraints = [models.UniqueConstraint(fields=["line", "month"], name="budget_realisation_month")]

    def __str__(self) -> str:
        return f"{self.line} / {self.month}"


class FigureRevision(models.Model):
    """Append-only: a monthly figure replaced by a corrected import or by hand (old and new amount)."""

    kind = models.CharField(_("jenis data"), max_length=20)
    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="+", verbose_name=_("pagu"))
    month = models.PositiveSmallIntegerField(_("bulan"), validators=MONTH)
    old_amount = models.BigIntegerField(_("nilai lama (Rp)"), null=True)
    new_amount = models.BigIntegerField(_("nilai baru (Rp)"))
    batch = models.ForeignKey(
        "budget.ImportBatch", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("impor")
    )
    actor = models.CharField(_("oleh"), max_length=150)
    at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        verbose_name = _("riwayat angka bulanan")
        verbose_name_plural = _("riwayat angka bulanan")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.line_id}/{self.month}: {self.old_amount} → {self.new_amount}"
