"""Public page of the performance cascade: the RPJMD goals with their IKU and yearly
achievement, each OPD's figures, and the performance tree; a visitor chooses the year.

Figures come from ``planning.selectors.public_cascade`` (published plan, verified
realisation) through ``planning.results``, the same data the results API serves.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from planning import results as plan_results
from planning.selectors import public_cascade
from planning.tree_svg import legend, tree_svg, tree_text_html

from .blocks import BaseStreamBlock
from .charts import ChartData, Series
from .datasets import Column, Table
from .live_cache import PLANNING
from .result_pages import ResultPageMixin

DEPTHS = {"3": 3, "4": 4, "5": 5, "7": 7}


class PerformancePage(ResultPageMixin, Page):
    intro = RichTextField(gettext_lazy("pengantar"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(BaseStreamBlock(), verbose_name=gettext_lazy("isi tambahan"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), APIField("body")]
    subpage_types: list[str] = []
    template = "home/results/performance_page.html"
    page_cache_params = ("tahun", "jenjang")
    page_cache_groups = (PLANNING,)

    class Meta:
        verbose_name = gettext_lazy("Halaman kinerja daerah (SAKIP)")

    def cascade(self):
        if not hasattr(self, "_cascade"):
            self._cascade = public_cascade(year=getattr(self, "_year", None))
        return self._cascade

    def serve(self, request, *args, **kwargs):
        self._year = request.GET.get("tahun")
        return super().serve(request, *args, **kwargs)

    @path("data/<str:block_id>/<str:fmt>/", name="chart_data")
    def chart_data(self, request, block_id: str, fmt: str):
        self._year = request.GET.get("tahun")
        return super().chart_data(request, block_id, fmt)

    def data_url(self, name: str, fmt: str) -> str:
        cascade = self.cascade()
        suffix = f"?tahun={cascade.year}" if cascade is not None else ""
        return super().data_url(name, fmt) + suffix

    def datasets(self) -> dict:
        cascade = self.cascade()
        if cascade is None:
            return {}
        year = cascade.year
        goals = plan_results.goal_rows(cascade)
        opds = plan_results.opd_rows(cascade)
        return {
            "sasaran": Table(
                title=_("Capaian indikator kinerja utama daerah tahun %(y)s") % {"y": year},
                columns=(
                    Column("tujuan", _("Tujuan")),
                    Column("sasaran", _("Sasaran")),
                    Column("indikator", _("Indikator")),
                    Column("satuan", _("Satuan")),
                    Column("target", _("Target")),
                    Column("realisasi", _("Realisasi"), numeric=True),
                    Column("capaian", _("Capaian"), numeric=True, unit="%"),
                    Column("predikat", _("Predikat")),
                    Column("capaian_lalu", _("Capaian %(y)s") % {"y": year - 1}, numeric=True, unit="%"),
                    Column("capaian_akhir", _("Capaian terhadap target akhir RPJMD"), numeric=True, unit="%"),
                ),
                rows=tuple(
                    (
                        r["tujuan"],
                        r["sasaran"],
                        r["indicator"],
                        r["unit"],
                        r["target"],
                        r["realisation"],
                        r["achievement"],
                        r["rating"],
                        r["previous_achievement"],
                        r["five_year_achievement"],
                    )
                    for r in goals
                ),
                source=_("Realisasi yang diverifikasi Bappeda"),
            ),
            "opd": Table(
                title=_("Capaian kinerja OPD tahun %(y)s") % {"y": year},
                columns=(
                    Column("opd", _("OPD")),
                    Column("capaian", _("Capaian"), numeric=True, unit="%"),
                    Column("predikat", _("Predikat")),
                    Column("capaian_lalu", _("Capaian %(y)s") % {"y": year - 1}, numeric=True, unit="%"),
                    Column("efisiensi", _("Efisiensi anggaran"), numeric=True, unit="%"),
                ),
                rows=tuple(
                    (o["opd"], o["achievement"], o["rating"], o["previous_achievement"], o["efficiency"]) for o in opds
                ),
                source=_("Realisasi yang diverifikasi Bappeda"),
            ),
            "grafik_opd": ChartData(
                title=_("Capaian kinerja OPD tahun %(y)s") % {"y": year},
                labels=tuple(o["opd"] for o in opds if o["achievement"] is not None),
                series=(Series(_("Capaian"), tuple(o["achievement"] for o in opds if o["achievement"] is not None)),),
                unit="%",
                source=_("Realisasi yang diverifikasi Bappeda"),
            ),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cascade = self.cascade()
        context["cascade"] = cascade
        if cascade is None:
            return context
        depth = DEPTHS.get(request.GET.get("jenjang", ""), 4)
        data = self._datasets()
        context.update(
            summary=plan_results.summary(cascade),
            depth=depth,
            sasaran_rows=data["sasaran"].display_rows(),
            sasaran_columns=data["sasaran"].columns,
            opd_rows=data["opd"].display_rows(),
            opd_columns=data["opd"].columns,
            charts=[c for c in (self.chart("grafik_opd", "bar"),) if c],
            svg=tree_svg(cascade, max_depth=depth),
            text=tree_text_html(cascade, max_depth=depth),
            legend=legend(),
            downloads={n: (self.data_url(n, "csv"), self.data_url(n, "json")) for n in ("sasaran", "opd")},
        )
        return context
