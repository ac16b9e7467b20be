from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

#: Models Bappeda's planners manage in the admin viewsets.
PLANNER_MODELS = (
    "rpjmd", "misi", "plannode", "indicator", "indicatortarget", "performanceagreement",
    "nomenclatureversion", "nomenclaturenode",
)  # fmt: skip


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Perencanaan dan kinerja")

    def ready(self) -> None:
        # After every app: permissions of this app may be created after our handler runs.
        post_migrate.connect(_grant_permissions, dispatch_uid="planning-permissions")


def _grant_permissions(sender, **kwargs) -> None:
    from organizations.roles import GlobalRole, grant_role_permissions

    names = [f"planning.{action}_{model}" for model in PLANNER_MODELS for action in ("add", "change", "view")]
    grant_role_permissions(
        GlobalRole.BAPPEDA_REVIEWER, [*names, "planning.delete_plannode", "planning.delete_indicator"]
    )
