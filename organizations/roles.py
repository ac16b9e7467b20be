"""Global roles, kept as Django groups so the Wagtail admin can assign them.

OPD roles (operator, verifier) are per OPD and live on ``Membership``; the roles here
cut across OPDs. Other apps add their permissions to a role with
``grant_role_permissions`` from their own ``post_migrate`` handler, so this module
never imports them.
"""

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class GlobalRole(models.TextChoices):
    KOMINFO_EDITOR = "Editor Kominfo", _("Editor Kominfo")
    BAPPEDA_REVIEWER = "Reviewer Bappeda", _("Reviewer Bappeda")
    INSPECTORATE = "Inspektorat", _("Inspektorat")
    AUDITOR = "Auditor", _("Auditor")
    COMPLAINT_DESK = "Meja Pengaduan", _("Meja Pengaduan")
    LEADER = "Pimpinan", _("Pimpinan (Kepala Daerah, Sekda)")
    BUDGET_MANAGER = "Pengelola Anggaran", _("Pengelola Anggaran")


#: Roles whose members see every OPD (their work is Pemda-wide). The budget roles see every
#: OPD's budget only (``budget.access``), not every OPD's reports or complaints.
PEMDA_WIDE_ROLES = frozenset(GlobalRole) - {GlobalRole.LEADER, GlobalRole.BUDGET_MANAGER}

#: Permissions each role gets from this app ("app_label.codename").
_BASE_PERMISSIONS: dict[str, list[str]] = {
    GlobalRole.KOMINFO_EDITOR: [
        "wagtailadmin.access_admin",
        "organizations.view_opd",
        "organizations.add_opd",
        "organizations.change_opd",
        "organizations.view_pemda",
        "organizations.change_pemda",
    ],
    GlobalRole.BAPPEDA_REVIEWER: ["wagtailadmin.access_admin", "organizations.view_opd"],
    GlobalRole.INSPECTORATE: ["wagtailadmin.access_admin", "organizations.view_opd"],
    GlobalRole.AUDITOR: ["wagtailadmin.access_admin", "organizations.view_opd", "organizations.view_pemda"],
    GlobalRole.COMPLAINT_DESK: ["wagtailadmin.access_admin", "organizations.view_opd"],
    GlobalRole.LEADER: ["wagtailadmin.access_admin", "organizations.view_opd"],
    GlobalRole.BUDGET_MANAGER: ["wagtailadmin.access_admin", "organizations.view_opd"],
}

#: Permissions every OPD member gets (through the "Pengguna OPD" group).
OPD_MEMBER_GROUP = "Pengguna OPD"
_OPD_MEMBER_PERMISSIONS = ["wagtailadmin.access_admin", "organizations.view_opd"]


def _permissions(names: list[str]) -> list[Permission]:
    wanted = {tuple(n.split(".", 1)) for n in names}
    perms = Permission.objects.filter(content_type__app_label__in={a for a, _ in wanted}).select_related("content_type")
    return [p for p in perms if (p.content_type.app_label, p.codename) in wanted]


#: Every grant asked for since start-up, replayed by ``ensure_role_groups`` after the last
#: app has migrated: an app's post_migrate handler may run before Django has created the
#: permissions of apps migrated after it, and the replay grants those too.
_requested: dict[str, set[str]] = {}


def grant_role_permissions(role: str, names: list[str]) -> None:
    """Add permissions to a role's group (idempotent; permissions not created yet are granted
    by the replay in ``ensure_role_groups``)."""
    _requested.setdefault(str(role), set()).update(names)
    group, _created = Group.objects.get_or_create(name=str(role))
    group.permissions.add(*_permissions(names))


def ensure_role_groups() -> None:
    """Create every role group with its permissions (safe to run on every migrate)."""
    for role in GlobalRole:
        grant_role_permissions(role, _BASE_PERMISSIONS[role])
    grant_role_permissions(OPD_MEMBER_GROUP, _OPD_MEMBER_PERMISSIONS)
    for role, names in list(_requested.items()):
        grant_role_permissions(role, sorted(names))
