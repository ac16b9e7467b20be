"""The nomenclature of government affairs shared by planning (the cascade) and budget (Serap).

One tree model, not five: every level has a code, a name and a parent, and the level is told by
the code's shape (``1`` urusan, ``1.02`` bidang, ``1.02.02`` program, ``1.02.02.2.01`` kegiatan,
``1.02.02.2.01.0001`` sub-kegiatan). Each decree that publishes the nomenclature is a
``NomenclatureVersion``; a node belongs to one version, so an older year's budget keeps the codes
it was drawn on.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NomenclatureLevel(models.TextChoices):
    URUSAN = "urusan", _("Urusan")
    BIDANG = "bidang", _("Bidang urusan")
    PROGRAM = "program", _("Program")
    KEGIATAN = "kegiatan", _("Kegiatan")
    SUB_KEGIATAN = "sub_kegiatan", _("Sub-kegiatan")


#: Number of dot-separated parts in a code at each level.
LEVEL_BY_PARTS = {
    1: NomenclatureLevel.URUSAN,
    2: NomenclatureLevel.BIDANG,
    3: NomenclatureLevel.PROGRAM,
    5: NomenclatureLevel.KEGIATAN,
    6: NomenclatureLevel.SUB_KEGIATAN,
}


def level_of_code(code: str) -> NomenclatureLevel | None:
    """The level a code's shape names, or ``None`` when the code has no valid shape."""
    parts = (code or "").strip().split(".")
    if not all(p.isdigit() for p in parts):
        return None
    return LEVEL_BY_PARTS.get(len(parts))


def parent_code(code: str) -> str | None:
    """The code of the node one level up (``1.02.02.2.01`` → ``1.02.02``), ``None`` for an urusan."""
    parts = code.split(".")
    if len(parts) == 1:
        return None
    # a kegiatan adds two parts (``2.01``) to its program
    keep = 3 if len(parts) == 5 else len(parts) - 1
    return ".".join(parts[:keep])


class NomenclatureVersion(models.Model):
    """One published nomenclature (a Kepmendagri and its amendments), e.g. 900.1.15.5-1317/2023."""

    name = models.CharField(_("nama"), max_length=200)
    decree = models.CharField(_("nomor keputusan"), max_length=120, unique=True)
    issued_on = models.DateField(_("tanggal ditetapkan"), null=True, blank=True)
    is_current = models.BooleanField(
        _("berlaku"), default=False, help_text=_("Nomenklatur yang dipakai untuk rencana dan anggaran baru.")
    )

    class Meta:
        verbose_name = _("versi nomenklatur")
        verbose_name_plural = _("versi nomenklatur")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"], condition=models.Q(is_current=True), name="planning_one_current_nomenclature"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.decree})"


class NomenclatureNode(models.Model):
    """One urusan, bidang urusan, program, kegiatan or sub-kegiatan with its official code."""

    version = models.ForeignKey(
        NomenclatureVersion, on_delete=models.PROTECT, related_name="nodes", verbose_name=_("versi")
    )
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=500)
    level = models.CharField(_("tingkat"), max_length=20, choices=NomenclatureLevel.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("induk")
    )

    class Meta:
        verbose_name = _("nomenklatur")
        verbose_name_plural = _("nomenklatur")
        ordering = ["version", "code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="planning_nomenclature_code_unique")]
        indexes = [models.Index(fields=["version", "level", "code"], name="planning_nomen_level_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


# The cascade's models live in concept modules; Django finds them through this module.
from .performance_models import (  # noqa: E402
    AgreementItem,
    AgreementRevision,
    AgreementStatus,
    Evidence,
    PerformanceAgreement,
    Realisation,
    RealisationStatus,
)
from .plan_models import (  # noqa: E402
    Direction,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    Misi,
    NodeLevel,
    NodeSupport,
    PlanNode,
    Rpjmd,
)

__all__ = [
    "AgreementItem",
    "AgreementRevision",
    "AgreementStatus",
    "Direction",
    "Evidence",
    "Indicator",
    "IndicatorKind",
    "IndicatorTarget",
    "Misi",
    "NodeLevel",
    "NodeSupport",
    "NomenclatureLevel",
    "NomenclatureNode",
    "NomenclatureVersion",
    "PerformanceAgreement",
    "PlanNode",
    "Realisation",
    "RealisationStatus",
    "Rpjmd",
    "level_of_code",
    "parent_code",
]
