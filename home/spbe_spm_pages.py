"""Public pages of the SPBE results (index, predikat, domain and aspect indices by year) and of
the SPM achievement (category per basic service); a visitor chooses the year (``?tahun=``).

Figures come from ``reporting.results`` (published reports, public answers only) as the same
plain data REST and GraphQL serve (``spbe_data``, ``spm_data``), so a page and the API cannot
disagree; every chart has its table and CSV/JSON downloads at ``data/<name>/<fmt>/?tahun=``.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from reporting.results.spbe import spbe_data, spbe_results
from reporting.results.spm import spm_data, spm_results

from .blocks import BaseStreamBlock
from .charts import ChartData, Series
from .datasets import Column, Table
from .live_cache import REPORTS, cached
from .result_pages import ResultPageMixin
from .visitor import visitor_year


class YearChoiceMixin(ResultPageMixin):
    """Results of the year the visitor picks (``?tahun=``), the latest when none or an unknown one."""

    builder = None  # (form, year) -> results
    to_data = None  # results -> plain data
    cache_prefix = ""

    def serve(self, request, *args, **kwargs):
        self._year = visitor_year(request.GET.get("tahun"))
        return super().serve(request, *args, **kwargs)

    @path("data/<str:block_id>/<str:fmt>/", name="chart_data")
    def chart_data(self, request, block_id: str, fmt: str):
        self._year = visitor_year(request.GET.get("tahun"))
        return super().chart_data(request, block_id, fmt)

    def data(self) -> dict | None:
        """The figures as plain data (what the API serves), or ``None`` when nothing is published."""
        if not hasattr(self, "_data"):
            self._data = None
            if self.form_id is not None:
                asked = getattr(self, "_year", None)
                for year in dict.fromkeys((asked, None)):  # an unknown year falls back to the latest
                    data = cached(REPORTS, f"{self.cache_prefix}:{self.form_id}:{year}", self._compute(year))
                    if data["year"] is not None:
                        self._data = data
                        break
        return self._data

    def _compute(self, year: int | None):
        builder, to_data, form = type(self).builder, type(self).to_data, self.form
        return lambda: to_data(builder(form=form, year=year))

    def data_url(self, name: str, fmt: str) -> str:
        data = self.data()
        return super().data_url(name, fmt) + (f"?tahun={data['year']}" if data else "")

    def clean(self):
        super().clean()
        if self.form_id is None:
            raise ValidationError({"form": ValidationError(_("Pilih formulir."))})

    def tables(self, names) -> list[tuple]:
        """(name, table, CSV URL, JSON URL) of each named table, for the shared table include."""
        data = self._datasets()
        return [(n, data[n], self.data_url(n, "csv"), self.data_url(n, "json")) for n in names]


FORM_PANELS = [
    FieldPanel("intro"),
    MultiFieldPanel([FieldPanel("form", widget=forms.Select)], heading=gettext_lazy("Sumber data")),
]


class SpbeResultsPage(YearChoiceMixin, Page):
    intro = RichTextField(gettext_lazy("pengantar"), blank=True, features=["bold", "italic", "link"])
    form = models.ForeignKey(
        "forms_builder.FormDefinition",
        verbose_name=gettext_lazy("formulir penilaian SPBE"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("Biasanya Penilaian Mandiri SPBE. Hanya laporan yang sudah dipublikasikan yang tampil."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=gettext_lazy("isi tambahan"), blank=True)

    content_panels = [*Page.content_panels, *FORM_PANELS, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]
    subpage_types: list[str] = []
    template = "home/results/spbe_results_page.html"
    builder = staticmethod(spbe_results)
    to_data = staticmethod(spbe_data)
    cache_prefix = "spbe"

    class Meta:
        verbose_name = gettext_lazy("Halaman hasil SPBE")

    def datasets(self) -> dict:
        data = self.data()
        if data is None:
            return {}
        year, results = data["year"], data["results"]
        years = data["years"]
        opds = list(dict.fromkeys(h["opd"] for h in data["history"]))
        by = {(h["opd"], h["year"]): h["index"] for h in data["history"]}
        several = len(results) > 1
        source = _("Penilaian mandiri SPBE yang dipublikasikan")
        return {
            "indeks": Table(
                title=_("Indeks dan predikat SPBE per tahun"),
                columns=(
                    Column("tahun", _("Tahun")),
                    Column("opd", _("Dinilai melalui")),
                    Column("indeks", _("Indeks SPBE"), numeric=True),
                    Column("predikat", _("Predikat")),
                ),
                rows=tuple((h["year"], h["opd"], h["index"], h["predikat"]) for h in data["history"]),
                source=source,
            ),
            "tren": ChartData(
                title=_("Indeks SPBE per tahun"),
                labels=tuple(str(y) for y in years),
                series=tuple(Series(o, tuple(by.get((o, y)) for y in years)) for o in opds),
                source=source,
            ),
            "domain": Table(
                title=_("Indeks domain SPBE tahun %(y)s") % {"y": year},
                columns=(
                    Column("opd", _("Dinilai melalui")),
                    Column("domain", _("Domain")),
                    Column("indeks", _("Indeks"), numeric=True),
                    Column("predikat", _("Predikat")),
                ),
                rows=tuple((e["opd"], d["label"], d["index"], d["predikat"]) for e in results for d in e["domains"]),
                source=source,
            ),
            "grafik_domain": ChartData(
                title=_("Indeks domain SPBE tahun %(y)s") % {"y": year},
                labels=tuple(
                    f"{e['opd']}: {d['label']}" if several else d["label"] for e in results for d in e["domains"]
                ),
                series=(Series(_("Indeks"), tuple(d["index"] for e in results for d in e["domains"])),),
                source=source,
            ),
            "aspek": Table(
                title=_("Indeks aspek SPBE tahun %(y)s") % {"y": year},
                columns=(
                    Column("opd", _("Dinilai melalui")),
                    Column("domain", _("Domain")),
                    Column("aspek", _("Aspek")),
                    Column("indeks", _("Indeks"), numeric=True),
                    Column("predikat", _("Predikat")),
                ),
                rows=tuple(
                    (e["opd"], a.get("domain", ""), a["label"], a["index"], a["predikat"])
                    for e in results
                    for a in e["aspects"]
                ),
                source=source,
            ),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        data = self.data()
        context["results"] = data
        if data is None:
            return context
        context.update(
            charts=[c for c in (self.chart("grafik_domain", "bar"), self.chart("tren", "line")) if c],
            tables=self.tables(("domain", "aspek", "indeks")),
        )
        return context


class SpmResultsPage(YearChoiceMixin, Page):
    intro = RichTextField(gettext_lazy("pengantar"), blank=True, features=["bold", "italic", "link"])
    form = models.ForeignKey(
        "forms_builder.FormDefinition",
        verbose_name=gettext_lazy("formulir laporan SPM"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("Biasanya Laporan Penerapan SPM. Hanya laporan yang sudah dipublikasikan yang tampil."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=gettext_lazy("isi tambahan"), blank=True)

    content_panels = [*Page.content_panels, *FORM_PANELS, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("body")]
    subpage_types: list[str] = []
    template = "home/results/spm_results_page.html"
    builder = staticmethod(spm_results)
    to_data = staticmethod(spm_data)
    cache_prefix = "spm"

    class Meta:
        verbose_name = gettext_lazy("Halaman capaian SPM")

    def datasets(self) -> dict:
        data = self.data()
        if data is None:
            return {}
        year = data["year"]
        source = _("Laporan SPM OPD yang dipublikasikan (laporan terakhir tiap OPD pada tahun itu)")
        services = data["services"]
        return {
            "layanan": Table(
                title=_("Capaian SPM per layanan dasar tahun %(y)s") % {"y": year},
                columns=(
                    Column("layanan", _("Layanan dasar")),
                    Column("sasaran", _("Jumlah sasaran (orang)"), numeric=True),
                    Column("terlayani", _("Terlayani sesuai standar (orang)"), numeric=True),
                    Column("capaian", _("Capaian"), numeric=True, unit="%"),
                    Column("kategori", _("Kategori")),
                ),
                rows=tuple((s["label"], s["target"], s["served"], s["achievement"], s["category"]) for s in services),
                source=source,
            ),
            "grafik_layanan": ChartData(
                title=_("Capaian SPM per layanan dasar tahun %(y)s") % {"y": year},
                labels=tuple(s["label"] for s in services),
                series=(Series(_("Capaian"), tuple(s["achievement"] for s in services)),),
                unit="%",
                source=source,
            ),
            "opd": Table(
                title=_("Capaian SPM per OPD tahun %(y)s") % {"y": year},
                columns=(
                    Column("opd", _("OPD")),
                    Column("periode", _("Periode laporan")),
                    Column("layanan", _("Layanan dasar")),
                    Column("sasaran", _("Jumlah sasaran (orang)"), numeric=True),
                    Column("terlayani", _("Terlayani sesuai standar (orang)"), numeric=True),
                    Column("capaian", _("Capaian"), numeric=True, unit="%"),
                    Column("kategori", _("Kategori")),
                ),
                rows=tuple(
                    (r["opd"], r["period"], s["label"], s["target"], s["served"], s["achievement"], s["category"])
                    for r in data["reports"]
                    for s in r["services"]
                ),
                source=source,
            ),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        data = self.data()
        context["results"] = data
        if data is None:
            return context
        context.update(
            charts=[c for c in (self.chart("grafik_layanan", "bar"),) if c],
            tables=self.tables(("layanan", "opd")),
        )
        return context
