"""Public result pages built by editors: SAKIP results and a published report's aggregates.

The editor picks the form (and the year or period); the figures come from published
submissions only (``home.sakip_results``, ``home.report_results``), are cached briefly and
purged on publication (``home.live_cache``). Every chart has its data table and CSV/JSON
downloads at ``<page>/data/<name>/csv/``.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from forms_builder.capaian import capaian_display
from organizations.models import AGENCY_CHOICE
from reporting.results import shown
from reporting.results.sakip import sakip_published_years, sakip_results

from .blocks import BaseStreamBlock
from .charts import ChartData, Series
from .datasets import Column, Table, chart_context, data_response
from .live_cache import REPORTS, cached
from .page_mixins import CachedPageMixin, ChartDataMixin
from .report_results import report_chart, report_results
from .visitor import visitor_year

CHART_KIND_CHOICES = [("bar", gettext_lazy("Batang")), ("donut", gettext_lazy("Donat"))]


class ResultPageMixin(CachedPageMixin, ChartDataMixin):
    """Datasets by name (``datasets()``), served at ``data/<name>/<fmt>/`` beside the body's charts."""

    page_cache_params: tuple[str, ...] | None = ("tahun",)
    page_cache_groups: tuple[str, ...] = (REPORTS,)

    def has_live_figures(self) -> bool:
        return True

    def datasets(self) -> dict[str, ChartData | Table]:
        raise NotImplementedError

    def _datasets(self) -> dict:
        if not hasattr(self, "_datasets_cache"):
            self._datasets_cache = self.datasets()
        return self._datasets_cache

    def data_url(self, name: str, fmt: str) -> str:
        return self.chart_data_url(name, fmt)

    @path("data/<str:block_id>/<str:fmt>/", name="chart_data")
    def chart_data(self, request, block_id: str, fmt: str):
        data = self._datasets().get(block_id)
        if data is None:
            return super().chart_data(request, block_id, fmt)
        if fmt not in ("csv", "json"):
            raise Http404
        return data_response(data, filename=f"{self.slug}-{block_id}", fmt=fmt)

    def chart(self, name: str, kind: str) -> dict | None:
        data = self._datasets().get(name)
        if not isinstance(data, ChartData):
            return None
        return chart_context(
            name=name, kind=kind, data=data, csv_url=self.data_url(name, "csv"), json_url=self.data_url(name, "json")
        )


class SakipResultsPage(ResultPageMixin, Page):
    intro = RichTextField(gettext_lazy("pengantar"), blank=True, features=["bold", "italic", "link"])
    form = models.ForeignKey(
        "forms_builder.FormDefinition",
        verbose_name=gettext_lazy("formulir evaluasi SAKIP"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=gettext_lazy("Biasanya LKE SAKIP. Hanya laporan yang sudah dipublikasikan yang tampil."),
    )
    year = models.PositiveSmallIntegerField(
        gettext_lazy("tahun"), null=True, blank=True, help_text=gettext_lazy("Kosongkan untuk tahun terbaru.")
    )
    years_back = models.PositiveSmallIntegerField(
        gettext_lazy("jumlah tahun pembanding"),
        default=3,
        help_text=gettext_lazy("Berapa tahun (termasuk tahun ini) yang ditampilkan pada tren dan perubahan."),
    )
    pemda_opd = models.ForeignKey(
        "organizations.OPD",
        verbose_name=gettext_lazy("OPD penilai tingkat Pemda"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=AGENCY_CHOICE,
        help_text=gettext_lazy(
            "OPD yang mengisi evaluasi tingkat Pemda (mis. Bagian Organisasi Setda). "
            "Kosongkan untuk memakai rata-rata nilai OPD."
        ),
    )
    indicator_table = models.CharField(
        gettext_lazy("kunci tabel indikator"),
        max_length=63,
        blank=True,
        help_text=gettext_lazy("Kosongkan untuk memakai tabel pertama yang punya kolom target dan realisasi."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=gettext_lazy("isi tambahan"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("form", widget=forms.Select),
                FieldPanel("year"),
                FieldPanel("years_back"),
                FieldPanel("pemda_opd", widget=forms.Select),
                FieldPanel("indicator_table"),
            ],
            heading=gettext_lazy("Sumber data"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("year"), APIField("body")]
    subpage_types: list[str] = []
    template = "home/results/sakip_results_page.html"

    class Meta:
        verbose_name = gettext_lazy("Halaman hasil SAKIP")

    def clean(self):
        super().clean()
        errors = {}
        if self.form_id is None:
            errors["form"] = ValidationError(_("Pilih formulir evaluasi SAKIP."))
        if not 1 <= (self.years_back or 0) <= 10:
            errors["years_back"] = ValidationError(_("Isi 1 sampai 10 tahun."))
        if errors:
            raise ValidationError(errors)

    def serve(self, request, *args, **kwargs):
        self._asked_year = visitor_year(request.GET.get("tahun"))
        return super().serve(request, *args, **kwargs)

    @path("data/<str:block_id>/<str:fmt>/", name="chart_data")
    def chart_data(self, request, block_id: str, fmt: str):
        self._asked_year = visitor_year(request.GET.get("tahun"))
        return super().chart_data(request, block_id, fmt)

    def published_years(self) -> list[int]:
        """Years with published evaluations, newest first (the visitor's year chooser)."""
        if self.form_id is None:
            return []
        form = self.form
        return cached(REPORTS, f"sakip-years:{self.form_id}", lambda: sakip_published_years(form=form))

    def shown_year(self) -> int | None:
        """The visitor's ``?tahun=`` when it has published results, else the editor's year (or the latest)."""
        asked = getattr(self, "_asked_year", None)
        return asked if asked is not None and asked in self.published_years() else self.year

    def data_url(self, name: str, fmt: str) -> str:
        year = getattr(self, "_asked_year", None)
        return super().data_url(name, fmt) + (f"?tahun={year}" if year and year == self.shown_year() else "")

    def results(self):
        if not hasattr(self, "_results"):
            if self.form_id is None:
                self._results = None
            else:
                year = self.shown_year()
                key = f"sakip:{self.form_id}:{year}:{self.years_back}:{self.pemda_opd_id}:{self.indicator_table}"
                self._results = cached(
                    REPORTS,
                    key,
                    lambda: sakip_results(
                        form=self.form,
                        year=year,
                        years_back=self.years_back,
                        pemda_opd_id=self.pemda_opd_id,
                        indicator_table=self.indicator_table,
                    ),
                )
        return self._results

    def datasets(self) -> dict:
        res = self.results()
        if res is None or res.year is None:
            return {}
        year = res.year
        scored = [r for r in res.opds if r.score is not None]
        out: dict = {
            "nilai": ChartData(
                title=_("Nilai SAKIP per OPD tahun %(year)s") % {"year": year},
                labels=tuple(r.name for r in scored),
                series=(Series(_("Nilai"), tuple(shown(r.score) for r in scored)),),
                source=_("LKE SAKIP yang dipublikasikan"),
            ),
            "predikat": ChartData(
                title=_("Sebaran predikat OPD tahun %(year)s") % {"year": year},
                labels=tuple(g for g, _n in res.grade_counts),
                series=(Series(_("Jumlah"), tuple(float(n) for _g, n in res.grade_counts)),),
                unit="OPD",
            ),
        }
        if res.pemda is not None:
            out["tren"] = ChartData(
                title=_("Nilai SAKIP %(name)s per tahun") % {"name": res.pemda.name},
                labels=tuple(str(y) for y in res.years),
                series=(Series(_("Nilai"), tuple(shown(res.pemda.history.get(y)) for y in res.years)),),
            )
        earlier = [y for y in res.years if y != year]
        columns = (
            Column("opd", _("OPD")),
            Column("nilai", _("Nilai %(year)s") % {"year": year}, numeric=True),
            Column("predikat", _("Predikat")),
            Column("arti", _("Keterangan")),
            *(Column(f"nilai_{y}", _("Nilai %(year)s") % {"year": y}, numeric=True) for y in earlier),
            Column("perubahan", _("Perubahan"), numeric=True),
        )
        rows = [res.pemda] if res.pemda is not None else []
        out["hasil"] = Table(
            title=_("Hasil evaluasi SAKIP tahun %(year)s") % {"year": year},
            columns=columns,
            rows=tuple(
                (
                    r.name,
                    shown(r.score),
                    r.grade,
                    r.meaning,
                    *(shown(r.history.get(y)) for y in earlier),
                    shown(r.change),
                )
                for r in [*rows, *res.opds]
            ),
            source=_("LKE SAKIP yang dipublikasikan"),
        )
        out["indikator"] = Table(
            title=_("Indikator kinerja OPD tahun %(year)s") % {"year": year},
            columns=(
                Column("opd", _("OPD")),
                Column("indikator", _("Indikator")),
                Column("satuan", _("Satuan")),
                Column("target", _("Target")),
                Column("realisasi", _("Realisasi"), numeric=True),
                Column("capaian", _("Capaian"), numeric=True, unit="%"),
                Column("kategori", _("Kategori")),
            ),
            rows=tuple(
                (r.name, i.name, i.unit, i.target_text, _float(i.realisasi), capaian_display(i.capaian), i.rating)
                for r in res.opds
                for i in r.indicators
            ),
        )
        return out

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        res = self.results()
        context["results"] = res
        context["years"] = self.published_years()
        data = self._datasets()
        context["charts"] = [
            c for c in (self.chart("nilai", "bar"), self.chart("tren", "line"), self.chart("predikat", "donut")) if c
        ]
        for name in ("hasil", "indikator"):
            context[f"{name}_csv"] = self.data_url(name, "csv") if name in data else ""
            context[f"{name}_json"] = self.data_url(name, "json") if name in data else ""
        return context


def _float(value) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


class PublishedReportPage(ResultPageMixin, Page):
    intro = RichTextField(gettext_lazy("pengantar"), blank=True, features=["bold", "italic", "link"])
    form = models.ForeignKey(
        "forms_builder.FormDefinition",
        verbose_name=gettext_lazy("formulir"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    period = models.ForeignKey(
        "reporting.ReportingPeriod",
        verbose_name=gettext_lazy("periode"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(
        gettext_lazy("tahun"), null=True, blank=True, help_text=gettext_lazy("Dipakai bila periode dikosongkan.")
    )
    chart_field = models.CharField(
        gettext_lazy("kunci isian untuk grafik"),
        max_length=127,
        blank=True,
        help_text=gettext_lazy("Isian angka yang publik; kosongkan untuk isian angka pertama."),
    )
    chart_type = models.CharField(
        gettext_lazy("jenis grafik"), max_length=10, choices=CHART_KIND_CHOICES, default="bar"
    )
    body = StreamField(BaseStreamBlock(), verbose_name=gettext_lazy("isi tambahan"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("form", widget=forms.Select), FieldPanel("period", widget=forms.Select), FieldPanel("year"),
             FieldPanel("chart_field"), FieldPanel("chart_type")],
            heading=gettext_lazy("Sumber data"),
        ),
        FieldPanel("body"),
    ]  # fmt: skip
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("year"), APIField("body")]
    subpage_types: list[str] = []
    template = "home/results/published_report_page.html"

    class Meta:
        verbose_name = gettext_lazy("Halaman laporan terpublikasi")

    def clean(self):
        super().clean()
        errors = {}
        if self.form_id is None:
            errors["form"] = ValidationError(_("Pilih formulir."))
        if self.period_id is None and not self.year:
            errors["year"] = ValidationError(_("Pilih periode atau isi tahun."))
        if errors:
            raise ValidationError(errors)

    def results(self):
        if not hasattr(self, "_results"):
            if self.form_id is None:
                self._results = None
            else:
                key = f"report:{self.form_id}:{self.period_id}:{self.year}"
                self._results = cached(
                    REPORTS, key, lambda: report_results(form=self.form, period=self.period, year=self.year)
                )
        return self._results

    def datasets(self) -> dict:
        res = self.results()
        if res is None:
            return {}
        out: dict = {"tabel": res.table}
        chart = report_chart(res, field_key=self.chart_field)
        if chart is not None:
            out["grafik"] = chart
        return out

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        res = self.results()
        context["results"] = res
        chart = self.chart("grafik", self.chart_type or "bar")
        context["charts"] = [chart] if chart else []
        if res is not None:
            context["table_rows"] = res.table.display_rows()
            context["table_footer"] = res.table.display_footer()
            context["tabel_csv"] = self.data_url("tabel", "csv")
            context["tabel_json"] = self.data_url("tabel", "json")
        return context


def live_pages_for(group: str) -> list[Page]:
    """Live pages whose figures depend on ``group`` (for a CDN purge)."""
    if group == "reports":
        from .spbe_spm_pages import (  # cycle: spbe_spm_pages imports ResultPageMixin from here
            SpbeResultsPage,
            SpmResultsPage,
        )

        return [
            *SakipResultsPage.objects.live(),
            *PublishedReportPage.objects.live(),
            *SpbeResultsPage.objects.live(),
            *SpmResultsPage.objects.live(),
        ]
    from .complaint_pages import ComplaintStatsPage

    return list(ComplaintStatsPage.objects.live())
