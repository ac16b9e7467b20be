"""Who sees which OPD's budget, and who may change budget data: the one rule for every door.

Leaders (Pimpinan), the budget manager, Bappeda, the Inspectorate and Auditors see every OPD's
budget; an OPD head (verifier membership) sees their OPD and its subtree; nobody else sees any.
In the admin's record screens (``admin_scope``) an OPD's operator also sees their own OPD's records
(``admin_opds``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from organizations.models import OPD, OPD_MAX_DEPTH, Membership, MembershipRole
from organizations.roles import GlobalRole
from organizations.selectors import User, has_global_role

BUDGET_WIDE_ROLES = (
    GlobalRole.LEADER,
    GlobalRole.BUDGET_MANAGER,
    GlobalRole.BAPPEDA_REVIEWER,
    GlobalRole.INSPECTORATE,
    GlobalRole.AUDITOR,
)


def sees_all_budgets(user: User) -> bool:
    return has_global_role(user, *BUDGET_WIDE_ROLES)


def budget_opds(user: User) -> QuerySet[OPD]:
    """OPDs whose budget ``user`` may see (one query, a subquery for the head's OPDs)."""
    if not user.is_authenticated or not user.is_active:
        return OPD.objects.none()
    if sees_all_budgets(user):
        return OPD.objects.agencies()
    own = Membership.objects.filter(user=user, role=MembershipRole.VERIFIER).values("opd_id")
    subtree, lookup = Q(pk__in=own), "parent"
    for _level in range(1, OPD_MAX_DEPTH):
        subtree |= Q(**{f"{lookup}__in": own})
        lookup = f"{lookup}__parent"
    return OPD.objects.agencies().filter(subtree)


def admin_opds(user: User) -> QuerySet[OPD]:
    """OPDs whose budget records ``user`` sees in the admin's record screens: ``budget_opds`` plus
    the OPDs where the user works (an operator — the treasurer works as one — sees their own OPD's
    lines, contracts, stages and alerts; nothing of another OPD). One query, as subqueries."""
    if not user.is_authenticated or not user.is_active:
        return OPD.objects.none()
    if sees_all_budgets(user):
        return OPD.objects.agencies()
    member = Membership.objects.filter(user=user).values("opd_id")
    return OPD.objects.agencies().filter(Q(pk__in=budget_opds(user).values("pk")) | Q(pk__in=member))


def can_view_budgets(user: User) -> bool:
    return sees_all_budgets(user) or budget_opds(user).exists()


def can_manage_budgets(user: User) -> bool:
    return has_global_role(user, GlobalRole.BUDGET_MANAGER)


def require_manager(user: User) -> None:
    if not can_manage_budgets(user):
        raise PermissionDenied(_("Hanya Pengelola Anggaran yang boleh mengubah data anggaran."))


def require_viewer(user: User) -> None:
    if not can_view_budgets(user):
        raise PermissionDenied(_("Anda tidak berhak melihat data anggaran."))
