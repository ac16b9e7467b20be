"""``performanceResults``: the published cascade, anonymous and read-only."""

import graphene

from .queries import resolve_performance
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
