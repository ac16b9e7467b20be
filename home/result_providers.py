"""Providers for published SAKIP results (home page highlights, any chart block).

They read the form with the key ``lke_sakip`` (the shipped LKE SAKIP template) through the
same code as the SAKIP results page, cached in the ``reports`` group of ``home.live_cache``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reporting.results import shown
from reporting.results.sakip import sakip_results

from .charts import ChartData, Series
from .live_cache import REPORTS, cached
from .providers import Figure, register_provider

SAKIP_FORM_KEY = "lke_sakip"


def _results(year: int | None):
    from forms_builder.models import FormDefinition

    def compute():
        form = FormDefinition.objects.filter(key=SAKIP_FORM_KEY).first()
        return sakip_results(form=form, year=year, years_back=5) if form else None

    return cached(REPORTS, f"sakip-provider:{year}", compute)


@register_provider("sakip_nilai_opd", label=gettext_lazy("Nilai SAKIP per OPD (terbaru)"))
def sakip_scores(*, year: int | None = None) -> ChartData:
    res = _results(year)
    rows = [r for r in (res.opds if res else []) if r.score is not None]
    return ChartData(
        title=_("Nilai SAKIP per OPD tahun %(year)s") % {"year": res.year} if res and res.year else _("Nilai SAKIP"),
        labels=tuple(r.name for r in rows),
        series=(Series(_("Nilai"), tuple(shown(r.score) for r in rows)),),
        source=_("LKE SAKIP yang dipublikasikan"),
    )


@register_provider("sakip_nilai_rata_rata", label=gettext_lazy("Rata-rata nilai SAKIP OPD (terbaru)"), kind="figure")
def sakip_mean(*, year: int | None = None) -> Figure:
    res = _results(year)
    scores = [r.score for r in (res.opds if res else []) if r.score is not None]
    if not scores:
        return Figure(value=None)
    return Figure(value=shown(sum(scores) / len(scores)), note=_("tahun %(year)s") % {"year": res.year})
