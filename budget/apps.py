from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "budget"
    verbose_name = _("Serap: anggaran dan kontrak")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_grant_permissions, sender=self, dispatch_uid="sepakat-budget-perms")


#: Models whose records the budget manager keeps (admin screens, imports).
MANAGED = (
    "fiscalyear",
    "fundingsource",
    "opdbudget",
    "budgetline",
    "cashplan",
    "realisation",
    "provider",
    "procurementpackage",
    "contract",
    "contractparty",
    "contractstage",
    "progressreport",
    "importprofile",
    "importbatch",
    "absorptionthreshold",
    "budgetrules",
)

#: Records an OPD's operator/head may read in the admin, filtered to their OPD.
OPD_SCOPED = ("opdbudget", "budgetline", "procurementpackage", "contract", "contractstage", "alert")


def _grant_permissions(sender, **kwargs) -> None:
    from organizations.roles import OPD_MEMBER_GROUP, GlobalRole, grant_role_permissions

    view = [f"budget.view_{m}" for m in MANAGED]
    crud = [f"budget.{a}_{m}" for m in MANAGED for a in ("add", "change", "view", "delete")]
    grant_role_permissions(GlobalRole.BUDGET_MANAGER, [*crud, "budget.import_budget"])
    for role in (GlobalRole.LEADER, GlobalRole.AUDITOR, GlobalRole.INSPECTORATE, GlobalRole.BAPPEDA_REVIEWER):
        grant_role_permissions(role, [*view, "budget.view_alert"])
    grant_role_permissions(GlobalRole.BUDGET_MANAGER, ["budget.view_alert"])
    # An OPD's people read their own OPD's records (the screens are filtered per OPD: admin_scope).
    grant_role_permissions(OPD_MEMBER_GROUP, [f"budget.view_{m}" for m in OPD_SCOPED])
