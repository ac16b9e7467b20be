"""Procurement packages, contracts, their responsible parties, stages and progress (the S-curve)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.id import npwp

from .budgets import NON_NEGATIVE, BudgetLine

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


def validate_npwp(value: str) -> None:
    try:
        npwp.validate(value)
    except StdnumError:
        raise ValidationError(_("NPWP tidak valid (15 atau 16 digit dengan digit pemeriksa yang benar).")) from None


class ProcurementMethod(models.TextChoices):
    TENDER = "tender", _("Tender")
    SELECTION = "seleksi", _("Seleksi")
    E_PURCHASING = "e_purchasing", _("E-purchasing")
    DIRECT_PROCUREMENT = "pengadaan_langsung", _("Pengadaan langsung")
    DIRECT_APPOINTMENT = "penunjukan_langsung", _("Penunjukan langsung")


class ProcurementCategory(models.TextChoices):
    GOODS = "barang", _("Barang")
    WORKS = "konstruksi", _("Pekerjaan konstruksi")
    SERVICES = "jasa_lainnya", _("Jasa lainnya")
    CONSULTING = "konsultansi", _("Jasa konsultansi")


class Provider(models.Model):
    """A provider (penyedia). An individual's NPWP is personal data and never published."""

    name = models.CharField(_("nama penyedia"), max_length=200)
    npwp = models.CharField(_("NPWP"), max_length=20, unique=True, validators=[validate_npwp])
    is_individual = models.BooleanField(_("perorangan"), default=False)

    class Meta:
        verbose_name = _("penyedia")
        verbose_name_plural = _("penyedia")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.npwp = npwp.compact(self.npwp)
        super().save(*args, **kwargs)


class ProcurementPackage(models.Model):
    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="packages", verbose_name=_("pagu sub-kegiatan")
    )
    name = models.CharField(_("nama paket"), max_length=300)
    method = models.CharField(_("metode pemilihan"), max_length=30, choices=ProcurementMethod.choices)
    category = models.CharField(_("jenis pengadaan"), max_length=20, choices=ProcurementCategory.choices)
    estimated_value = models.BigIntegerField(_("HPS (Rp)"), validators=NON_NEGATIVE)

    class Meta:
        verbose_name = _("paket pengadaan")
        verbose_name_plural = _("paket pengadaan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Contract(models.Model):
    package = models.ForeignKey(
        ProcurementPackage, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("paket")
    )
    number = models.CharField(_("nomor kontrak"), max_length=100, unique=True)
    provider = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="contracts", verbose_name=_("penyedia")
    )
    value = models.BigIntegerField(_("nilai kontrak (Rp)"), validators=NON_NEGATIVE)
    vat_amount = models.BigIntegerField(_("PPN dalam nilai kontrak (Rp)"), default=0, validators=NON_NEGATIVE)
    penalty_before_vat = models.BooleanField(
        _("denda dihitung dari nilai sebelum PPN"), default=False, help_text=_("Bila kontrak menyatakannya.")
    )
    separable = models.BooleanField(
        _("bagian pekerjaan dapat dipisahkan"),
        default=False,
        help_text=_("Denda dihitung dari nilai bagian yang terlambat."),
    )
    signed_on = models.DateField(_("tanggal tanda tangan"))
    start_on = models.DateField(_("tanggal mulai (SPMK)"))
    end_on = models.DateField(_("hari terakhir rencana"))
    completed_on = models.DateField(_("tanggal selesai (BAST)"), null=True, blank=True)

    class Meta:
        verbose_name = _("kontrak")
        verbose_name_plural = _("kontrak")
        ordering = ["-signed_on", "number"]

    def __str__(self) -> str:
        return self.number

    def clean(self) -> None:
        if self.start_on and self.end_on and self.end_on < self.start_on:
            raise ValidationError({"end_on": _("Tanggal akhir tidak boleh sebelum tanggal mulai.")})
        if self.value is not None and self.vat_amount and self.vat_amount > self.value:
            raise ValidationError({"vat_amount": _("PPN tidak boleh melebihi nilai kontrak.")})


class PartyRole(models.TextChoices):
    PPK = "ppk", _("PPK")
    PPTK = "pptk", _("PPTK")
    TREASURER = "bendahara", _("Bendahara")
    PROVIDER = "penyedia", _("Penyedia")


class ContractParty(models.Model):
    """The person answering for one role on a contract; a phone (E.164) reaches those without an account."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="parties", verbose_name=_("kontrak"))
    role = models.CharField(_("peran"), max_length=20, choices=PartyRole.choices)
    name = models.CharField(_("nama"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("akun"),
    )
    phone = models.CharField(_("telepon (E.164)"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("pihak kontrak")
        verbose_name_plural = _("pihak kontrak")
        ordering = ["contract", "role"]
        constraints = [models.UniqueConstraint(fields=["contract", "role"], name="budget_party_one_per_role")]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"

    def clean(self) -> None:
        from budget.phones import phone_e164

        if self.phone:
            self.phone = phone_e164(self.phone)


class StageKind(models.TextChoices):
    SIGNED = "signed", _("Penandatanganan kontrak")
    DOWN_PAYMENT = "down_payment", _("Uang muka")
    PROGRESS = "progress", _("Kemajuan fisik")
    HANDOVER = "handover", _("Serah terima (BAST)")
    INVOICE = "invoice", _("Tagihan")
    SPM = "spm", _("SPM")
    SP2D = "sp2d", _("SP2D")


#: Stages of the work itself (lateness in the Pemda's contract day kind); the rest are administrative.
WORK_STAGES = frozenset({StageKind.PROGRESS, StageKind.HANDOVER})


class ContractStage(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="stages", verbose_name=_("kontrak"))
    kind = models.CharField(_("jenis tahap"), max_length=20, choices=StageKind.choices)
    name = models.CharField(_("nama tahap"), max_length=200)
    responsible = models.CharField(_("penanggung jawab"), max_length=20, choices=PartyRole.choices)
    planned_on = models.DateField(_("tanggal rencana"))
    done_on = models.DateField(_("tanggal realisasi"), null=True, blank=True)
    amount = models.BigIntegerField(
        _("nilai tertahan (Rp)"), default=0, validators=NON_NEGATIVE, help_text=_("Pembayaran yang menunggu tahap ini.")
    )

    class Meta:
        verbose_name = _("tahap kontrak")
        verbose_name_plural = _("tahap kontrak")
        ordering = ["contract", "planned_on", "pk"]
        indexes = [models.Index(fields=["done_on", "planned_on"], name="budget_stage_open_idx")]

    def __str__(self) -> str:
        return f"{self.contract} — {self.name}"


class ProgressReport(models.Model):
    """Planned and actual physical progress, and financial progress, at the end of a week or month."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="progress", verbose_name=_("kontrak"))
    period_end = models.DateField(_("akhir periode"))
    planned_pct = models.DecimalField(_("rencana fisik (%)"), max_digits=5, decimal_places=2, validators=PERCENT)
    actual_pct = models.DecimalField(
        _("realisasi fisik (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    financial_pct = models.DecimalField(
        _("realisasi keuangan (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )

    class Meta:
        verbose_name = _("kemajuan kontrak")
        verbose_name_plural = _("kemajuan kontrak")
        ordering = ["contract", "period_end"]
        constraints = [models.UniqueConstraint(fields=["contract", "period_end"], name="budget_progress_period")]

    def __str__(self) -> str:
        return f"{self.contract} @ {self.period_end}"
