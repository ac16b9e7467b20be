from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "organizations"
    verbose_name = _("Organisasi")

    def ready(self) -> None:
        from . import signals  # noqa: F401
        from .roles import ensure_role_groups

        post_migrate.connect(_ensure_role_groups, sender=self, dispatch_uid="sepakat-role-groups")
        self._ensure_role_groups = ensure_role_groups


def _ensure_role_groups(sender, **kwargs) -> None:
    """Create the global role groups once the permissions exist (idempotent)."""
    from .roles import ensure_role_groups

    ensure_role_groups()
