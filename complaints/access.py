"""Who may see and act on which complaint: the one place for these rules.

- Meja Pengaduan (and superusers): every complaint; a confidential reporter's identity only
  through ``complaint_reveal_reporter`` (logged as a sensitive read).
- Inspektorat: every complaint assigned to an OPD (oversight, escalation level 2) and every
  complaint forwarded to WBS (with the WBS report's number), read only, never a confidential
  reporter's identity.
- OPD members without a Pemda-wide role: complaints assigned to their OPDs and sub-OPDs;
  the reporter's identity only for public complaints.
- Everyone else (the public, other roles): nothing here; public doors use the public selectors.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q

from organizations.roles import GlobalRole
from organizations.selectors import has_global_role, user_global_roles, visible_opds

from .models import Complaint, Privacy

User = AbstractBaseUser | AnonymousUser


def is_desk(user: User) -> bool:
    return has_global_role(user, GlobalRole.COMPLAINT_DESK)


def is_inspectorate(user: User) -> bool:
    return has_global_role(user, GlobalRole.INSPECTORATE)


def is_opd_staff(user: User) -> bool:
    """An OPD member acting for their OPD (no Pemda-wide role widening what they see)."""
    return bool(user.is_authenticated and user.is_active and not user_global_roles(user))


def staff_filter(user: User) -> Q | None:
    """The complaints ``user`` may see as staff, as a ``Q``; ``None`` means none at all."""
    if not user.is_authenticated or not user.is_active:
        return None
    if is_desk(user):
        return Q()
    if is_inspectorate(user):
        return Q(opd__isnull=False) | ~Q(wbs_reference="")
    if is_opd_staff(user):
        # Materialised ids (one small query) let PostgreSQL use the (opd, status) index at scale.
        return Q(opd__in=list(visible_opds(user).values_list("pk", flat=True)))
    return None


def can_see(user: User, complaint: Complaint) -> bool:
    q = staff_filter(user)
    return q is not None and Complaint.objects.filter(q, pk=complaint.pk).exists()


def can_act_as_opd(user: User, complaint: Complaint) -> bool:
    """OPD work (follow-ups, notes, answers): the desk, or staff of the assigned OPD."""
    if is_desk(user):
        return True
    if not complaint.opd_id or not is_opd_staff(user):
        return False
    return visible_opds(user).filter(pk=complaint.opd_id).exists()


def identity_visible_without_reveal(user: User, complaint: Complaint) -> bool:
    """Identity shown in staff screens without an explicit, logged reveal."""
    return complaint.privacy == Privacy.PUBLIC and staff_filter(user) is not None and not is_inspectorate(user)
