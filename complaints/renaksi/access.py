"""Who may do what with the Renaksi: the one place for these rules (every door asks here).

- **Edit the plan** (plans and actions): the complaint desk (Meja Pengaduan), Bappeda (Reviewer
  Bappeda) and superusers.
- **Report progress** of an action: only the owner OPD's people: members of the owner OPD (or of an
  OPD above it, e.g. a kecamatan for its kelurahan) and its active complaint liaisons
  (``ContactPoint``). Plan editors do not report for an OPD.
- **See** (staff screens): plan editors and the Pemda-wide roles (Inspektorat, Auditor, …) see every
  plan and action; OPD people see the actions of the OPDs they may report for; others nothing.
  Draft plans are seen by plan editors only.
- **The public** sees active and closed plans through ``public`` (public fields only).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q

from organizations.models import OPD, OPD_MAX_DEPTH, Membership
from organizations.roles import GlobalRole
from organizations.selectors import has_global_role, sees_all_opds

from ..models import ContactPoint
from .models import Action, PlanStatus

User = AbstractBaseUser | AnonymousUser

#: Roles that edit plans and actions (superusers too, through ``has_global_role``).
EDITOR_ROLES = (GlobalRole.COMPLAINT_DESK, GlobalRole.BAPPEDA_REVIEWER)


def _active(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_edit_plan(user: User) -> bool:
    return has_global_role(user, *EDITOR_ROLES)


def reporter_opd_ids(user: User) -> set[int]:
    """OPDs whose actions ``user`` reports for: their memberships' OPDs and the subtrees below, and
    the OPDs where they are an active liaison (one query, cached on the user: the admin menu asks on
    every page)."""
    if not _active(user):
        return set()
    cached = getattr(user, "_sepakat_renaksi_opds", None)
    if cached is not None:
        return cached
    own = Membership.objects.filter(user=user, opd__is_active=True).values("opd_id")
    subtree, lookup = Q(pk__in=own), "parent"
    for _level in range(1, OPD_MAX_DEPTH):
        subtree |= Q(**{f"{lookup}__in": own})
        lookup = f"{lookup}__parent"
    liaison = ContactPoint.objects.filter(user=user, is_active=True).values("opd_id")
    ids = set(OPD.objects.filter(subtree | Q(pk__in=liaison)).values_list("pk", flat=True))
    user._sepakat_renaksi_opds = ids
    return ids


def can_report(user: User, action: Action) -> bool:
    """Report or correct ``action``'s progress: the owner OPD's people, in a plan that is running."""
    if action.plan.status != PlanStatus.ACTIVE:
        return False
    return action.opd_id in reporter_opd_ids(user)


def sees_everything(user: User) -> bool:
    return can_edit_plan(user) or sees_all_opds(user)


def action_filter(user: User) -> Q | None:
    """The actions ``user`` may see in staff screens, as a ``Q``; ``None`` means none."""
    if not _active(user):
        return None
    if can_edit_plan(user):
        return Q()
    if sees_all_opds(user):
        return ~Q(plan__status=PlanStatus.DRAFT)
    ids = reporter_opd_ids(user)
    if not ids:
        return None
    return Q(opd__in=sorted(ids)) & ~Q(plan__status=PlanStatus.DRAFT)


def can_see(user: User, action: Action) -> bool:
    q = action_filter(user)
    return q is not None and Action.objects.filter(q, pk=action.pk).exists()
