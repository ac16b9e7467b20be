"""Resolvers over ``planning.selectors`` (as the REST door)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from planning.permissions import can_open_entry
from planning.selectors import entry_indicators, plan_year, staff_rpjmd


def resolve_planning_indicators(user, year=None):
    rpjmd = staff_rpjmd(user=user)
    if rpjmd is None or not can_open_entry(user):
        raise PermissionDenied(_("Anda tidak mengisi realisasi kinerja."))
    return list(entry_indicators(user=user, year=plan_year(rpjmd, year)))
