"""``performanceResults``, ``sakipResults``, ``spbeResults``, ``spmResults``: published results,
anonymous and read-only (null when nothing is published for the year)."""

import graphene

from .published_types import SakipResults, SpbeResults, SpmResults
from .queries import resolve_performance, resolve_sakip, resolve_spbe, resolve_spm
from .types import PerformanceResults


class Query(graphene.ObjectType):
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
