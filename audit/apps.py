from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Jejak audit")

    def ready(self) -> None:
        from . import signals
        from .history import return_history_rows_on_insert
        from .registry import register_tracked_models

        register_tracked_models()
        return_history_rows_on_insert()
        signals.connect_wagtail_log_entries()
        post_migrate.connect(_grant_audit_permissions, sender=self, dispatch_uid="sepakat-audit-permissions")


def _grant_audit_permissions(**kwargs) -> None:
    """Auditor and Inspektorat may view the audit models (the audit area checks their role too)."""
    from organizations.roles import GlobalRole, grant_role_permissions

    names = ["audit.view_auditevent", "audit.view_sensitiveread", "audit.view_prunerun"]
    for role in (GlobalRole.AUDITOR, GlobalRole.INSPECTORATE):
        grant_role_permissions(role, names)
