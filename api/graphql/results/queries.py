"""``performanceResults``: the published cascade, anonymous and read-only, from
``planning.selectors.public_cascade`` through ``planning.results`` (as REST does)."""

import graphene

from planning import results as plan_results
from planning.selectors import public_cascade

from .types import PerformanceResults


class ResultsQuery(graphene.ObjectType):
    performance_results = graphene.Field(
        PerformanceResults,
        year=graphene.Int(description="Tahun RPJMD; kosong = tahun berjalan."),
        depth=graphene.Int(description="Kedalaman pohon (1–7)."),
        description="Capaian kinerja daerah yang dipublikasikan (null bila belum ada rencana yang dipublikasikan).",
    )

    def resolve_performance_results(root, info, year=None, depth=7):
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
