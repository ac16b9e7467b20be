"""Who may do what in planning: one place, asked by every door.

- Bappeda (the "Reviewer Bappeda" role) and superusers plan (RPJMD, Renstra, links, imports)
  and verify realisation for every OPD.
- An OPD's members (operator or verifier) see their OPD's plan and enter its realisation,
  through ``organizations.visible_opds`` (their OPD and its subtree), never another OPD's.
- Other Pemda-wide roles (editor, inspectorate, auditor) read every OPD.
"""

from __future__ import annotations

from organizations.roles import GlobalRole
from organizations.selectors import has_global_role, is_opd_member, sees_all_opds, visible_opds


def can_plan(user) -> bool:
    return has_global_role(user, GlobalRole.BAPPEDA_REVIEWER)


def can_verify(user) -> bool:
    return has_global_role(user, GlobalRole.BAPPEDA_REVIEWER)


def can_read_plans(user) -> bool:
    """The whole working plan (all OPDs): Pemda-wide roles only."""
    return sees_all_opds(user)


def can_open_entry(user) -> bool:
    """The realisation screen: Bappeda, or a member of some OPD (who then sees only their OPD)."""
    return can_plan(user) or is_opd_member(user)


def can_enter_realisation(user, opd_id: int | None) -> bool:
    """Members of the OPD (or its parent OPD) and Bappeda enter an OPD's realisation."""
    if opd_id is None or not user.is_authenticated or not user.is_active:
        return False
    if can_plan(user):
        return True
    if sees_all_opds(user):
        return False  # reading every OPD is not the right to write for them
    return visible_opds(user).filter(pk=opd_id).exists()
