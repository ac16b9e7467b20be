"""``performanceResults``, ``sakipResults``, ``spbeResults``, ``spmResults``: published results, anonymous and
read-only (null when nothing is published for the year), from ``planning.results`` and ``reporting.results``
(the same functions REST and the pages call)."""

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from planning import results as plan_results
from planning.selectors import public_cascade
from reporting.results.published import published_sakip, published_spbe, published_spm

from .published_types import SakipResults, SpbeResults, SpmResults
from .types import PerformanceResults


def resolve_performance(year=None, depth=7):
    cascade = public_cascade(year=year)
    if cascade is None:
        return None
    depth = min(max(int(depth or 7), 1), 7)
    return {
        "summary": plan_results.summary(cascade),
        "goals": plan_results.goal_rows(cascade),
        "opds": plan_results.opd_rows(cascade),
        "tree": plan_results.tree_data(cascade, max_depth=depth),
    }


def _year(year):
    """A whole year 2000–2100 or nothing (the REST door's rule); else a clear Indonesian error."""
    if year is not None and not 2000 <= year <= 2100:
        raise ValidationError({"year": [_("Tahun harus antara 2000 dan 2100.")]})
    return year


def resolve_sakip(year=None):
    return published_sakip(year=_year(year))


def resolve_spbe(year=None):
    return published_spbe(year=_year(year))


def resolve_spm(year=None):
    return published_spm(year=_year(year))


class ResultsQuery(graphene.ObjectType):
    performance_results = graphene.Field(
        PerformanceResults,
        year=graphene.Int(description="Tahun RPJMD; kosong = tahun berjalan."),
        depth=graphene.Int(description="Kedalaman pohon (1–7)."),
        description="Capaian kinerja daerah yang dipublikasikan (null bila belum ada rencana yang dipublikasikan).",
    )

    def resolve_performance_results(root, info, year=None, depth=7):
        return resolve_performance(year=year, depth=depth)

    sakip_results = graphene.Field(
        SakipResults,
        year=graphene.Int(description="Tahun evaluasi; kosong = terbaru."),
        description="Nilai dan predikat SAKIP per OPD yang dipublikasikan (sama dengan REST dan halaman).",
    )
    spbe_results = graphene.Field(
        SpbeResults,
        year=graphene.Int(description="Tahun penilaian; kosong = terbaru."),
        description="Indeks, predikat, domain dan aspek SPBE yang dipublikasikan.",
    )
    spm_results = graphene.Field(
        SpmResults,
        year=graphene.Int(description="Tahun; kosong = terbaru."),
        description="Capaian dan kategori SPM per layanan dasar yang dipublikasikan.",
    )

    def resolve_sakip_results(root, info, year=None):
        return resolve_sakip(year=year)

    def resolve_spbe_results(root, info, year=None):
        return resolve_spbe(year=year)

    def resolve_spm_results(root, info, year=None):
        return resolve_spm(year=year)
