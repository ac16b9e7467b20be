"""Pemda settings, the OPD hierarchy and OPD memberships.

Models hold data and their small invariants; who may see what lives in ``selectors``.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

#: The deepest OPD tree we accept (Pemda level OPD → UPT/kecamatan → kelurahan → unit).
#: ``selectors.visible_opds`` walks exactly this many levels in one query.
OPD_MAX_DEPTH = 4

REGION_CODE_RE = re.compile(r"^\d{2}(\.\d{2})?$")


class TimeZone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
    WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
    WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")


class PemdaKind(models.TextChoices):
    PROVINSI = "provinsi", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class Pemda(models.Model):
    """The regional government this installation serves (one row today, not hard-coded)."""

    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=PemdaKind.choices)
    region_code = models.CharField(
        _("kode wilayah Kemendagri"),
        max_length=5,
        unique=True,
        help_text=_("Kode wilayah Kemendagri, misalnya 65 (provinsi) atau 65.03 (kabupaten/kota)."),
    )
    timezone = models.CharField(_("zona waktu"), max_length=40, choices=TimeZone.choices, default=TimeZone.WITA)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.TextField(_("alamat"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    website = models.URLField(_("situs web"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("Pemda")
        verbose_name_plural = _("Pemda")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.region_code and not REGION_CODE_RE.match(self.region_code):
            raise ValidationError({"region_code": _("Kode wilayah harus berbentuk PP atau PP.KK, misalnya 65.03.")})
        is_province_code = bool(self.region_code) and "." not in self.region_code
        if self.kind == PemdaKind.PROVINSI and self.region_code and not is_province_code:
            raise ValidationError({"region_code": _("Provinsi memakai kode dua digit, misalnya 65.")})
        if self.kind in (PemdaKind.KABUPATEN, PemdaKind.KOTA) and is_province_code:
            raise ValidationError({"region_code": _("Kabupaten/kota memakai kode PP.KK, misalnya 65.03.")})
        if self.kind == PemdaKind.KOTA and self.region_code and int(self.region_code[3:]) < 71:
            raise ValidationError({"region_code": _("Kode kota dimulai dari 71, misalnya 65.71.")})


class OPDKind(models.TextChoices):
    SEKRETARIAT_DAERAH = "setda", _("Sekretariat Daerah")
    SEKRETARIAT_DPRD = "setwan", _("Sekretariat DPRD")
    INSPEKTORAT = "inspektorat", _("Inspektorat")
    DINAS = "dinas", _("Dinas")
    BADAN = "badan", _("Badan")
    KANTOR = "kantor", _("Kantor")
    KECAMATAN = "kecamatan", _("Kecamatan")
    KELURAHAN = "kelurahan", _("Kelurahan")
    RSUD = "rsud", _("RSUD")
    OTHER = "lainnya", _("Lainnya")


class OPD(ClusterableModel):
    """A perangkat daerah. ``parent`` builds the tree (a kecamatan's kelurahan)."""

    name = models.CharField(_("nama"), max_length=200)
    acronym = models.CharField(_("singkatan"), max_length=40, blank=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=OPDKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("aktif"), default=True, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="opd_unique_name_ci"),
            models.CheckConstraint(condition=~models.Q(parent=models.F("pk")), name="opd_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def ancestors(self) -> list["OPD"]:
        """Parents from the nearest up (at most ``OPD_MAX_DEPTH`` queries, usually cached)."""
        chain, node = [], self.parent
        while node is not None and len(chain) <= OPD_MAX_DEPTH:
            chain.append(node)
            node = node.parent
        return chain

    def clean(self) -> None:
        if self.parent_id is None:
            return
        chain = self.parent.ancestors()
        if self.pk and (self.parent_id == self.pk or any(a.pk == self.pk for a in chain)):
            raise ValidationError({"parent": _("Induk tidak boleh OPD ini sendiri atau salah satu bawahannya.")})
        if len(chain) + 2 > OPD_MAX_DEPTH:
            raise ValidationError(
                {"parent": _("Hierarki OPD paling dalam %(depth)s tingkat.") % {"depth": OPD_MAX_DEPTH}}
            )


class MembershipRole(models.TextChoices):
    OPERATOR = "operator", _("Operator")
    VERIFIER = "verifier", _("Verifikator / Kepala OPD")


class Membership(models.Model):
    """A user working for an OPD with one role there."""

    opd = ParentalKey(OPD, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="opd_memberships",
    )
    role = models.CharField(_("peran"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.OPERATOR)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("keanggotaan OPD")
        verbose_name_plural = _("keanggotaan OPD")
        constraints = [models.UniqueConstraint(fields=["user", "opd"], name="membership_unique_user_opd")]

    def __str__(self) -> str:
        return f"{self.user} — {self.opd} ({self.get_role_display()})"
