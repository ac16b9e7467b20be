from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

#: Permissions the Inspektorat role gets for WBS (the doors check the role itself too).
INSPECTORATE_PERMISSIONS = [
    "wbs.view_wbsreport",
    "wbs.change_wbsreport",
    "wbs.view_wbscategory",
    "wbs.add_wbscategory",
    "wbs.change_wbscategory",
]


class WbsConfig(AppConfig):
    name = "wbs"
    verbose_name = _("Whistleblowing (WBS)")

    def ready(self) -> None:
        from . import checks  # noqa: F401

        post_migrate.connect(_after_migrate, sender=self, dispatch_uid="sepakat-wbs-post-migrate")


def _after_migrate(sender, **kwargs) -> None:
    """Grant the Inspektorat its WBS permissions (idempotent; the retention job is ``wbs.schedules``)."""
    from organizations.roles import GlobalRole, grant_role_permissions

    grant_role_permissions(GlobalRole.INSPECTORATE, INSPECTORATE_PERMISSIONS)
