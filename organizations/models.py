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
#: Kode wilayah Kemendagri of a kecamatan (PP.KK.CC) or a kelurahan/desa (PP.KK.CC.DDDD).
AREA_CODE_RE = re.compile(r"^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$")


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
    DESA = "desa", _("Desa")
    RSUD = "rsud", _("RSUD")
    OTHER = "lainnya", _("Lainnya")


#: The one place naming which kinds are agencies and which are areas.
#: A kelurahan is both a unit of the kecamatan (an agency) and a place; a desa is a village area
#: with its own village government, never an agency of the Pemda: it is a complaint's location,
#: never an OPD choice (pickers, assignments, coverage, budgets, routing).
AREA_ONLY_KINDS = (OPDKind.DESA,)
#: The places a citizen names under a kecamatan (the complaint's "kelurahan/desa").
VILLAGE_KINDS = (OPDKind.KELURAHAN, OPDKind.DESA)
#: Kecamatan and the places under them: the kinds that carry a Kemendagri area code.
REGION_KINDS = (OPDKind.KECAMATAN, *VILLAGE_KINDS)
#: ``limit_choices_to`` of a foreign key that names an agency (an OPD's parent, an action's OPD).
AGENCY_CHOICE = ~models.Q(kind__in=[kind.value for kind in AREA_ONLY_KINDS])
#: The kinds an OPD picker, an assignment or a coverage filter offers (no desa).
AGENCY_KIND_CHOICES = [(value, label) for value, label in OPDKind.choices if value not in AREA_ONLY_KINDS]


class OPDQuerySet(models.QuerySet):
    def agencies(self) -> "OPDQuerySet":
        """Perangkat daerah only: desa (areas, not agencies) left out. Every OPD picker starts here."""
        return self.exclude(kind__in=AREA_ONLY_KINDS)

    def villages(self) -> "OPDQuerySet":
        """Kelurahan and desa: the places under a kecamatan."""
        return self.filter(kind__in=VILLAGE_KINDS)


def validate_area_code(value: str) -> None:
    if not AREA_CODE_RE.fullmatch(value):
        raise ValidationError(
            _("Kode wilayah harus berbentuk PP.KK.CC (kecamatan) atau PP.KK.CC.DDDD (kelurahan/desa)."),
            code="invalid",
        )


class OPD(ClusterableModel):
    """A perangkat daerah, or an area under a kecamatan (kelurahan, desa). ``parent`` builds the
    tree (a kecamatan's kelurahan and desa); ``region_code`` is the Kemendagri area code of a
    kecamatan, kelurahan or desa. Agencies only: ``OPD.objects.agencies()``."""

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
        limit_choices_to=AGENCY_CHOICE,
    )
    region_code = models.CharField(
        _("kode wilayah Kemendagri"),
        max_length=13,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_area_code],
        help_text=_("Untuk kecamatan (PP.KK.CC, misalnya 65.03.02) dan kelurahan/desa (PP.KK.CC.DDDD)."),
    )
    is_active = models.BooleanField(_("aktif"), default=True, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = OPDQuerySet.as_manager()

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
        self._clean_region_code()
        if self.parent_id is None:
            return
        chain = self.parent.ancestors()
        if self.pk and (self.parent_id == self.pk or any(a.pk == self.pk for a in chain)):
            raise ValidationError({"parent": _("Induk tidak boleh OPD ini sendiri atau salah satu bawahannya.")})
        if len(chain) + 2 > OPD_MAX_DEPTH:
            raise ValidationError(
                {"parent": _("Hierarki OPD paling dalam %(depth)s tingkat.") % {"depth": OPD_MAX_DEPTH}}
            )

    def _clean_region_code(self) -> None:
        code = self.region_code or ""
        if not code or not AREA_CODE_RE.fullmatch(code):
            return  # empty, or the field's validator already said what is wrong
        if self.kind not in REGION_KINDS:
            raise ValidationError({"region_code": _("Kode wilayah hanya untuk kecamatan, kelurahan, dan desa.")})
        village_code = code.count(".") == 3
        if self.kind == OPDKind.KECAMATAN and village_code:
            raise ValidationError({"region_code": _("Kecamatan memakai kode PP.KK.CC, misalnya 65.03.02.")})
        if self.kind in VILLAGE_KINDS and not village_code:
            raise ValidationError({"region_code": _("Kelurahan/desa memakai kode PP.KK.CC.DDDD.")})
        # Kemendagri numbers kelurahan 1xxx and desa 2xxx within a kecamatan
        if village_code and code[9] != ("1" if self.kind == OPDKind.KELURAHAN else "2"):
            raise ValidationError(
                {"region_code": _("Kode kelurahan diawali 1 (PP.KK.CC.1xxx), kode desa diawali 2 (PP.KK.CC.2xxx).")}
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
