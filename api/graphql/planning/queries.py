"""``planningIndicators``: staff read of the indicators to fill (own OPD; Bappeda all), over
``planning.selectors`` (as the REST door)."""

import graphene
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from planning.permissions import can_open_entry
from planning.selectors import entry_indicators, plan_year, staff_rpjmd

from ..auth import require_user
from .types import PlanningIndicator


class PlanningQuery(graphene.ObjectType):
    planning_indicators = graphene.List(
        graphene.NonNull(PlanningIndicator),
        year=graphene.Int(description="Tahun RPJMD; kosong = tahun berjalan."),
        required=True,
        description="Indikator yang realisasinya diisi pengguna, dengan triwulan tahun itu.",
    )

    def resolve_planning_indicators(root, info, year=None):
        user = require_user(info)
        rpjmd = staff_rpjmd(user=user)
        if rpjmd is None or not can_open_entry(user):
            raise PermissionDenied(_("Anda tidak mengisi realisasi kinerja."))
        return list(entry_indicators(user=user, year=plan_year(rpjmd, year)))
