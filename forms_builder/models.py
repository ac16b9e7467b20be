"""Form definitions (edited in the admin, with drafts, revisions and locking) and versions.

A ``FormDefinition`` is what the editor designs. Publishing it freezes a ``FormVersion``:
a numbered, immutable copy of the published JSON schema. Periodic reports (``reporting``)
point at a version, so editing a form never changes the meaning of data already given.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, LockableMixin, PreviewableMixin, RevisionMixin

from .blocks import BandBlock, FormBodyBlock, RuleBlock, ScoringBlock, _jsonify_struct, stream_to_fields
from .forms import FormDefinitionAdminForm
from .panels import FormulaHelpPanel, VersionsPanel
from .preview import try_items
from .schema import SCHEMA_VERSION, check_bands, check_schema

FORM_KEY_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9_-]{0,62}$", _("Gunakan huruf kecil, angka, garis bawah atau tanda hubung, diawali huruf.")
)


class BandTable(models.Model):
    """A named band table ("Predikat SPBE") that fields, sections and totals of many forms choose.

    Typed once, chosen everywhere. A form's schema copies the rows when it is built, so a
    published version keeps the rows it was published with; editing the table changes drafts
    and the next publication only. History comes from ``audit`` like every model here.
    """

    name = models.CharField(_("nama"), max_length=100, unique=True)
    description = models.TextField(
        _("keterangan"), blank=True, help_text=_("Sumber dan dasar hukum tabel ini (mis. PermenPANRB 59/2020).")
    )
    rows = StreamField(
        [("band", BandBlock())],
        verbose_name=_("pita nilai"),
        help_text=_(
            "Dibaca dari atas; pita pertama yang cocok dipakai. Perubahan berlaku untuk draf dan penerbitan "
            "berikutnya; versi formulir yang sudah terbit tetap memakai isi tabel saat diterbitkan."
        ),
    )
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("rows")]

    class Meta:
        verbose_name = _("tabel pita nilai")
        verbose_name_plural = _("tabel pita nilai")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def as_bands(self) -> list[dict]:
        """The rows as schema bands (what ``scoring.band_of`` reads)."""
        return [_jsonify_struct(child.value, keep_false=True) for child in self.rows]

    def clean(self) -> None:
        super().clean()
        problems = check_bands(self.as_bands(), self.name)
        if problems:
            raise ValidationError({"rows": [str(p) for p in problems]})


class FormDefinition(PreviewableMixin, LockableMixin, DraftStateMixin, RevisionMixin, models.Model):
    key = models.CharField(
        _("kunci formulir"),
        max_length=63,
        unique=True,
        validators=[FORM_KEY_VALIDATOR],
        help_text=_("Tetap sama antarversi dan antar-Pemda (dipakai saat ekspor/impor)."),
    )
    title = models.CharField(_("judul"), max_length=255)
    description = models.TextField(_("keterangan"), blank=True)
    body = StreamField(FormBodyBlock(), verbose_name=_("isian formulir"), blank=True)
    rules = StreamField([("rule", RuleBlock())], verbose_name=_("aturan antarisian"), blank=True)
    scoring = StreamField([("scoring", ScoringBlock())], verbose_name=_("penilaian"), blank=True, max_num=1)
    created_at = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui pada"), auto_now=True)

    base_form_class = FormDefinitionAdminForm
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="form_definition")

    panels = [
        MultiFieldPanel([FieldPanel("title"), FieldPanel("key"), FieldPanel("description")], heading=_("Formulir")),
        FormulaHelpPanel(heading=_("Bantuan rumus")),
        FieldPanel("body"),
        FieldPanel("rules"),
        FieldPanel("scoring"),
        FieldPanel("confirm_key_changes"),
        VersionsPanel(heading=_("Versi terbit")),
    ]

    class Meta:
        verbose_name = _("definisi formulir")
        verbose_name_plural = _("definisi formulir")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def revisions(self):
        return self._revisions

    def build_schema(self) -> dict:
        """This definition (as currently held in memory) as a published-schema dict."""
        scoring = {}
        for child in self.scoring:
            scoring = _jsonify_struct(child.value)
        rules = []
        for child in self.rules:
            rule = {k: v for k, v in child.value.items() if v}
            rules.append(rule)
        return {
            "schema_version": SCHEMA_VERSION,
            "key": self.key,
            "title": self.title,
            "description": self.description,
            "fields": stream_to_fields(self.body),
            "rules": rules,
            "scoring": scoring,
        }

    # --- preview: "Pratinjau & coba" sends sample answers and the unsaved draft to the evaluate endpoint ---
    preview_modes = [("", _("Formulir")), ("evaluate", _("Pratinjau & coba"))]

    def get_preview_template(self, request, mode_name):
        return "forms_builder/preview.html"

    def serve_preview(self, request, mode_name):
        response = super().serve_preview(request, mode_name)
        # The preview template carries inline styles (framing is allowed by cms.csp for
        # every Wagtail preview).
        response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return response

    def get_preview_context(self, request, mode_name):
        # services import these models: a real cycle, broken here (the preview runs late).
        from .services import form_evaluate_live

        context = super().get_preview_context(request, mode_name)
        schema = self.build_schema()
        problems = [str(p) for p in check_schema(schema)]
        context.update(schema=schema, problems=problems, mode=mode_name)
        if not problems:
            # what the page shows before (or without) the script: the evaluation of empty answers
            context["evaluation"] = form_evaluate_live(schema=schema, answers={})
            context["try_items"] = try_items(schema)
        return context


class FormVersion(models.Model):
    """An immutable published version of a form: its number and its frozen schema."""

    form = models.ForeignKey(FormDefinition, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("nomor versi"))
    title = models.CharField(_("judul"), max_length=255)
    schema = models.JSONField(_("skema"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("diterbitkan pada"), default=timezone.now)

    class Meta:
        verbose_name = _("versi formulir")
        verbose_name_plural = _("versi formulir")
        ordering = ["form", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="forms_version_unique_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="forms_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("FormVersion is immutable once published")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("FormVersion is immutable once published")
