from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organisasi")

    def ready(self) -> None:
        from . import signals  # noqa: F401

        # Listen to every app's post_migrate: permissions of apps migrated after this one
        # (wagtailadmin.access_admin among them) exist only once their own signal has run.
        post_migrate.connect(_ensure_role_groups, dispatch_uid="sepakat-role-groups")


def _ensure_role_groups(sender, **kwargs) -> None:
    """Create the global role groups with their permissions (idempotent), after the last app."""
    last_app = [c for c in apps.get_app_configs() if c.models_module is not None][-1]
    if sender is not last_app:
        return
    from .roles import ensure_role_groups

    ensure_role_groups()
