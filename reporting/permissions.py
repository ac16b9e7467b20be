"""Who may do what with periodic reports: the one place every door (admin, REST, GraphQL) asks.

OPD roles come from ``Membership`` (operator fills, verifier/head of the OPD reviews);
Pemda-wide roles from ``organizations.roles.GlobalRole``. A superuser may do everything.
"""

from __future__ import annotations

from organizations.models import Membership, MembershipRole
from organizations.roles import GlobalRole
from organizations.selectors import has_global_role, is_opd_member, user_memberships

from .models import Submission


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _membership_role(user, opd_id: int) -> str | None:
    return Membership.objects.filter(user=user, opd_id=opd_id).values_list("role", flat=True).first()


def can_edit(user, submission: Submission) -> bool:
    """Fill and submit: any member (operator or verifier) of the submission's OPD, or a superuser."""
    if not _active(user):
        return False
    return user.is_superuser or _membership_role(user, submission.opd_id) is not None


def can_review(user, submission: Submission) -> bool:
    """Return or verify: the verifier/head of that OPD, or Reviewer Bappeda (or a superuser)."""
    if not _active(user):
        return False
    if has_global_role(user, GlobalRole.BAPPEDA_REVIEWER):
        return True
    return _membership_role(user, submission.opd_id) == MembershipRole.VERIFIER


def can_publish(user) -> bool:
    """Publication is Pemda-wide: Editor Kominfo or Reviewer Bappeda (or a superuser)."""
    return _active(user) and has_global_role(user, GlobalRole.KOMINFO_EDITOR, GlobalRole.BAPPEDA_REVIEWER)


def can_manage_assignments(user) -> bool:
    """Create and change assignments: Editor Kominfo (or a superuser)."""
    return _active(user) and has_global_role(user, GlobalRole.KOMINFO_EDITOR)


def can_reopen(user) -> bool:
    """Reopen a locked period for one OPD: the reporting admins (Editor Kominfo, superuser)."""
    return can_manage_assignments(user)


def has_review_queue(user) -> bool:
    """Whether the user reviews reports at all (the per-report rule is ``can_review``)."""
    if not _active(user):
        return False
    if has_global_role(user, GlobalRole.BAPPEDA_REVIEWER, GlobalRole.KOMINFO_EDITOR):
        return True
    return user_memberships(user).filter(role=MembershipRole.VERIFIER).exists()


def sees_report_list(user) -> bool:
    """The "Laporan saya" list: OPD members and reviewers."""
    return _active(user) and (
        has_global_role(user, GlobalRole.BAPPEDA_REVIEWER, GlobalRole.KOMINFO_EDITOR) or is_opd_member(user)
    )
