"""The plan: RPJMD (visi, misi), the cascade of tujuan/sasaran/program/kegiatan/sub-kegiatan
from the Pemda down to each OPD, their indicators and yearly targets.

One node model for the whole cascade (``PlanNode``): the level says what a node is, ``opd``
is empty for the Pemda's own tujuan and sasaran, ``parent`` is the node's place in its own
plan (an OPD sasaran under its OPD tujuan, a kegiatan under its programme) and ``supports``
is the cascade link across plans (an OPD sasaran supports one or more Pemda sasaran; a
crosscutting programme may support several OPD sasaran).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import AGENCY_CHOICE


class Rpjmd(models.Model):
    """A five-year regional plan (e.g. RPJMD 2025–2029) with its visi."""

    name = models.CharField(_("nama"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("tahun awal"))
    end_year = models.PositiveSmallIntegerField(_("tahun akhir"))
    visi = models.TextField(_("visi"), blank=True)
    is_published = models.BooleanField(
        _("dipublikasikan"), default=False, help_text=_("Hanya rencana yang dipublikasikan tampil di situs dan API.")
    )

    class Meta:
        verbose_name = _("RPJMD")
        verbose_name_plural = _("RPJMD")
        ordering = ["-start_year", "-pk"]
        constraints = [models.UniqueConstraint(fields=["start_year"], name="planning_rpjmd_start_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    def clean(self):
        if self.start_year and self.end_year and not 0 < self.end_year - self.start_year < 10:
            raise ValidationError({"end_year": _("Tahun akhir harus sesudah tahun awal (paling lama 10 tahun).")})


class Misi(models.Model):
    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="misi", verbose_name=_("RPJMD"))
    number = models.PositiveSmallIntegerField(_("nomor"))
    text = models.TextField(_("misi"))

    class Meta:
        verbose_name = _("misi")
        verbose_name_plural = _("misi")
        ordering = ["rpjmd", "number"]
        constraints = [models.UniqueConstraint(fields=["rpjmd", "number"], name="planning_misi_number_unique")]

    def __str__(self) -> str:
        return f"{_('Misi')} {self.number}: {self.text[:80]}"


class NodeLevel(models.TextChoices):
    TUJUAN_PEMDA = "tujuan_pemda", _("Tujuan daerah")
    SASARAN_PEMDA = "sasaran_pemda", _("Sasaran daerah")
    TUJUAN_OPD = "tujuan_opd", _("Tujuan OPD")
    SASARAN_OPD = "sasaran_opd", _("Sasaran OPD")
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")
    SUB_KEGIATAN = "sub_kegiatan", _("Sub-kegiatan")


PEMDA_LEVELS = (NodeLevel.TUJUAN_PEMDA, NodeLevel.SASARAN_PEMDA)
#: The level a node's ``parent`` must have (``None``: no parent).
PARENT_LEVEL = {
    NodeLevel.TUJUAN_PEMDA: None,
    NodeLevel.SASARAN_PEMDA: NodeLevel.TUJUAN_PEMDA,
    NodeLevel.TUJUAN_OPD: None,
    NodeLevel.SASARAN_OPD: NodeLevel.TUJUAN_OPD,
    NodeLevel.PROGRAM: NodeLevel.SASARAN_OPD,
    NodeLevel.KEGIATAN: NodeLevel.PROGRAM,
    NodeLevel.SUB_KEGIATAN: NodeLevel.KEGIATAN,
}
#: The level a node may ``support`` across plans.
SUPPORTS_LEVEL = {NodeLevel.SASARAN_OPD: NodeLevel.SASARAN_PEMDA, NodeLevel.PROGRAM: NodeLevel.SASARAN_OPD}
#: The nomenclature level a programme, kegiatan or sub-kegiatan is drawn from.
NOMENCLATURE_LEVEL = {
    NodeLevel.PROGRAM: "program",
    NodeLevel.KEGIATAN: "kegiatan",
    NodeLevel.SUB_KEGIATAN: "sub_kegiatan",
}


class PlanNode(models.Model):
    """One tujuan, sasaran, programme, kegiatan or sub-kegiatan of the Pemda or of an OPD."""

    rpjmd = models.ForeignKey(Rpjmd, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("RPJMD"))
    level = models.CharField(_("jenjang"), max_length=20, choices=NodeLevel.choices)
    opd = models.ForeignKey(
        "organizations.OPD",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_nodes",
        verbose_name=_("OPD"),
        limit_choices_to=AGENCY_CHOICE,
        help_text=_("Kosong untuk tujuan dan sasaran daerah."),
    )
    code = models.CharField(_("kode"), max_length=60)
    name = models.CharField(_("uraian"), max_length=500)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children", verbose_name=_("induk")
    )
    misi = models.ForeignKey(
        Misi, on_delete=models.SET_NULL, null=True, blank=True, related_name="tujuan", verbose_name=_("misi")
    )
    nomenclature = models.ForeignKey(
        "planning.NomenclatureNode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_nodes",
        verbose_name=_("nomenklatur"),
    )
    supports = models.ManyToManyField(
        "self",
        symmetrical=False,
        through="planning.NodeSupport",
        through_fields=("node", "target"),
        blank=True,
        related_name="supported_by",
        verbose_name=_("mendukung"),
        help_text=_("Sasaran di atasnya yang didukung (boleh lebih dari satu: lintas sektor)."),
    )
    weight = models.DecimalField(_("bobot"), max_digits=6, decimal_places=2, default=1)
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("simpul kinerja")
        verbose_name_plural = _("pohon kinerja")
        ordering = ["rpjmd", "level", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["rpjmd", "opd", "level", "code"], name="planning_node_code_unique")
        ]
        indexes = [models.Index(fields=["rpjmd", "opd", "level"], name="planning_node_opd_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_pemda(self) -> bool:
        return self.level in PEMDA_LEVELS

    def clean(self):
        errors = {}
        if self.level in PEMDA_LEVELS and self.opd_id:
            errors["opd"] = _("Tujuan dan sasaran daerah tidak dimiliki OPD.")
        if self.level not in PEMDA_LEVELS and not self.opd_id:
            errors["opd"] = _("Pilih OPD pemilik.")
        want = PARENT_LEVEL.get(self.level)
        if want is None and self.parent_id:
            errors["parent"] = _("Jenjang ini tidak punya induk.")
        elif want is not None and self.parent_id and self.parent.level != want:
            errors["parent"] = _("Induk harus berjenjang %(level)s.") % {"level": NodeLevel(want).label}
        elif want in (NodeLevel.PROGRAM, NodeLevel.KEGIATAN) and not self.parent_id:
            errors["parent"] = _("Pilih induk.")
        if self.parent_id and self.parent.opd_id != self.opd_id:
            errors["parent"] = _("Induk harus milik OPD yang sama.")
        if errors:
            raise ValidationError(errors)


class NodeSupport(models.Model):
    """The cascade link: ``node`` supports ``target`` (an explicit model, so links have history)."""

    node = models.ForeignKey(PlanNode, on_delete=models.CASCADE, related_name="support_links")
    target = models.ForeignKey(PlanNode, on_delete=models.CASCADE, related_name="supporter_links")

    class Meta:
        verbose_name = _("keterkaitan sasaran")
        verbose_name_plural = _("keterkaitan sasaran")
        constraints = [models.UniqueConstraint(fields=["node", "target"], name="planning_support_unique")]

    def __str__(self) -> str:
        return f"{self.node} → {self.target}"


class Direction(models.TextChoices):
    HIGHER = "naik", _("Makin tinggi makin baik")
    LOWER = "turun", _("Makin rendah makin baik")
    RANGE = "rentang", _("Dalam rentang [a, b]")


class IndicatorKind(models.TextChoices):
    IKU_PEMDA = "iku_pemda", _("IKU Pemda")
    IKU_OPD = "iku_opd", _("IKU OPD")
    OUTCOME = "outcome", _("Indikator hasil (outcome)")
    OUTPUT = "output", _("Indikator keluaran (output)")


def kind_for_level(level: str) -> str:
    if level in PEMDA_LEVELS:
        return IndicatorKind.IKU_PEMDA
    if level in (NodeLevel.TUJUAN_OPD, NodeLevel.SASARAN_OPD):
        return IndicatorKind.IKU_OPD
    if level == NodeLevel.PROGRAM:
        return IndicatorKind.OUTCOME
    return IndicatorKind.OUTPUT


class Indicator(models.Model):
    """A performance indicator of a node, with its yearly targets (``IndicatorTarget``)."""

    node = models.ForeignKey(PlanNode, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("simpul"))
    kind = models.CharField(_("jenis"), max_length=20, choices=IndicatorKind.choices)
    name = models.CharField(_("nama indikator"), max_length=500)
    unit = models.CharField(_("satuan"), max_length=60, blank=True)
    direction = models.CharField(_("arah"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    baseline = models.DecimalField(_("kondisi awal"), max_digits=20, decimal_places=4, null=True, blank=True)
    definition = models.TextField(_("definisi/rumus"), blank=True)
    data_source = models.CharField(_("sumber data"), max_length=300, blank=True)
    responsible_opd = models.ForeignKey(
        "organizations.OPD",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OPD penanggung jawab"),
        limit_choices_to=AGENCY_CHOICE,
    )
    weight = models.DecimalField(_("bobot"), max_digits=6, decimal_places=2, default=1)
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["node", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class IndicatorTarget(models.Model):
    """The target of one indicator in one year: a number, or a range [a, b] for ``rentang``."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=4, null=True, blank=True)
    value_min = models.DecimalField(_("batas bawah (a)"), max_digits=20, decimal_places=4, null=True, blank=True)
    value_max = models.DecimalField(_("batas atas (b)"), max_digits=20, decimal_places=4, null=True, blank=True)

    class Meta:
        verbose_name = _("target tahunan")
        verbose_name_plural = _("target tahunan")
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="planning_target_year_unique")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"
