"""The public Serap page: absorption per OPD and the contract list, with charts, tables and CSV/JSON.

Figures come from ``budget``'s selectors with no user (public data): no NPWP of individuals, no
phone, no person's name — companies' names and contract figures only.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from budget.absorption import absorption_rows, absorption_trend
from budget.clock import as_of_month, local_today
from budget.contracts import contract_views
from budget.dashboard import fiscal_year_for
from cms.formatting import format_month

from .blocks import BaseStreamBlock
from .charts import ChartData, Series
from .datasets import Column, Table
from .live_cache import BUDGET
from .result_pages import ResultPageMixin

MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def _pct(value) -> float | None:
    return None if value is None else round(float(value), 2)


class BudgetResultsPage(ResultPageMixin, Page):
    intro = RichTextField(gettext_lazy("pengantar"), blank=True, features=["bold", "italic", "link"])
    year = models.PositiveSmallIntegerField(
        gettext_lazy("tahun anggaran"), null=True, blank=True, help_text=gettext_lazy("Kosongkan untuk tahun berjalan.")
    )
    body = StreamField(BaseStreamBlock(), verbose_name=gettext_lazy("isi tambahan"), blank=True)
    page_cache_groups = (BUDGET,)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("year")], heading=gettext_lazy("Sumber data")),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("year"), APIField("body")]
    subpage_types: list[str] = []
    template = "home/results/budget_results_page.html"

    class Meta:
        verbose_name = gettext_lazy("Halaman serapan anggaran dan kontrak")

    def clean(self):
        super().clean()
        if self.year is not None and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("Tahun anggaran tidak valid.")})

    def datasets(self) -> dict:
        today = local_today()
        try:
            year = fiscal_year_for(year=self.year, today=today)
        except Exception:  # no fiscal year yet: an empty page, not an error
            return {}
        month = as_of_month(year=year, today=today)
        rows = absorption_rows(user=None, year=year, month=month)
        trend = absorption_trend(user=None, year=year, month=month)
        views = contract_views(user=None, year=year, today=today)
        return {
            "serapan": ChartData(
                title=_("Serapan anggaran per OPD, TA %(year)s s.d. %(month)s")
                % {"year": year, "month": format_month(month)},
                labels=tuple(r.label for r in rows),
                series=(Series(_("Serapan"), tuple(_pct(r.pct) or 0.0 for r in rows)),),
                unit="%",
                source=_("Realisasi SP2D dari sistem keuangan daerah"),
            ),
            "tren": ChartData(
                title=_("Serapan kumulatif dibanding anggaran kas, TA %(year)s") % {"year": year},
                labels=MONTHS,
                series=(
                    Series(_("Anggaran kas"), tuple(_pct(p.planned_pct) for p in trend)),
                    Series(_("Realisasi"), tuple(_pct(p.realised_pct) for p in trend)),
                ),
                unit="%",
            ),
            "opd": Table(
                title=_("Serapan per OPD, TA %(year)s") % {"year": year},
                columns=(
                    Column("opd", _("OPD")),
                    Column("pagu", _("Pagu (Rp)"), numeric=True),
                    Column("realisasi", _("Realisasi (Rp)"), numeric=True),
                    Column("serapan", _("Serapan"), numeric=True, unit="%"),
                    Column("rencana", _("Rencana kas"), numeric=True, unit="%"),
                    Column("deviasi", _("Deviasi (Rp)"), numeric=True),
                    Column("status", _("Status")),
                ),
                rows=tuple(
                    (r.label, r.pagu, r.realised, _pct(r.pct), _pct(r.planned_pct), r.deviation, r.status_label)
                    for r in rows
                ),
                source=_("Realisasi SP2D dari sistem keuangan daerah"),
            ),
            "kontrak": Table(
                title=_("Daftar kontrak, TA %(year)s") % {"year": year},
                columns=(
                    Column("nomor", _("Nomor kontrak")),
                    Column("paket", _("Paket")),
                    Column("opd", _("OPD")),
                    Column("penyedia", _("Penyedia")),
                    Column("nilai", _("Nilai (Rp)"), numeric=True),
                    Column("selesai", _("Akhir rencana")),
                    Column("rencana", _("Rencana fisik"), numeric=True, unit="%"),
                    Column("realisasi", _("Realisasi fisik"), numeric=True, unit="%"),
                    Column("keadaan", _("Keadaan")),
                ),
                rows=tuple(
                    (
                        v.contract.number,
                        v.contract.package.name,
                        v.opd.name,
                        _("Penyedia perorangan") if v.contract.provider.is_individual else v.contract.provider.name,
                        v.contract.value,
                        v.contract.end_on.isoformat(),
                        _pct(v.planned_pct),
                        _pct(v.actual_pct),
                        v.state_label,
                    )
                    for v in views
                ),
            ),
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        data = self._datasets()
        context["charts"] = [c for c in (self.chart("serapan", "bar"), self.chart("tren", "line")) if c]
        context["tables"] = [
            {
                "name": name,
                "table": data[name],
                "rows": data[name].display_rows(),
                "csv": self.data_url(name, "csv"),
                "json": self.data_url(name, "json"),
            }
            for name in ("opd", "kontrak")
            if name in data
        ]
        return context
