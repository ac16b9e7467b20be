"""The Pemda's document model: Wagtail documents with year, OPD and kind.

Set as ``WAGTAILDOCS_DOCUMENT_MODEL`` so the admin's document screens, the choosers,
the ``/documents/`` serve view, search and the v2 API all use it.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.search import index

from organizations.models import AGENCY_CHOICE


class DocumentKind(models.TextChoices):
    LKJIP = "lkjip", _("LKjIP")
    RENSTRA = "renstra", _("Renstra")
    RENJA = "renja", _("Renja")
    RPJMD = "rpjmd", _("RPJMD")
    LPPD = "lppd", _("Ringkasan LPPD")
    LKPJ = "lkpj", _("LKPJ")
    REGULATION = "regulasi", _("Regulasi")
    OTHER = "lainnya", _("Lainnya")


class SepakatDocument(AbstractDocument):
    year = models.PositiveSmallIntegerField(
        _("tahun"),
        null=True,
        blank=True,
        db_index=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("Tahun dokumen, misalnya 2025."),
    )
    opd = models.ForeignKey(
        "organizations.OPD",
        verbose_name=_("OPD"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        limit_choices_to=AGENCY_CHOICE,
        help_text=_("Kosongkan untuk dokumen tingkat Pemda."),
    )
    kind = models.CharField(
        _("jenis dokumen"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER, db_index=True
    )
    description = models.TextField(_("keterangan"), blank=True)

    admin_form_fields = (*Document.admin_form_fields, "year", "opd", "kind", "description")

    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("description"),
        index.AutocompleteField("description"),
        index.FilterField("year"),
        index.FilterField("opd"),
        index.FilterField("kind"),
    ]

    api_fields = ["year", "kind", "description"]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("dokumen")
        verbose_name_plural = _("dokumen")
        permissions = [("choose_document", "Can choose document")]
