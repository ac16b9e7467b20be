"""``planningIndicators``: staff read of the indicators to fill (own OPD; Bappeda all)."""

import graphene

from ..auth import require_user
from .queries import resolve_planning_indicators
from .types import PlanningIndicator


class Query(graphene.ObjectType):
    planning_indicators = graphene.List(
        graphene.NonNull(PlanningIndicator),
        year=graphene.Int(description="Tahun RPJMD; kosong = tahun berjalan."),
        required=True,
        description="Indikator yang realisasinya diisi pengguna, dengan triwulan tahun itu.",
    )

    def resolve_planning_indicators(root, info, year=None):
        return resolve_planning_indicators(require_user(info), year)
