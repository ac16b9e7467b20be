from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: health checks, the worker heartbeat and the staff-only ops endpoints."""

    name = "ops"
    verbose_name = _("Operasional")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401 — registers the deploy checks

        post_migrate.connect(_sync_schedules, sender=self, dispatch_uid="sepakat-sync-schedules")


def _sync_schedules(sender, **kwargs) -> None:
    """Every app's ``schedules.py`` declarations (see ``ops.schedules``)."""
    from .schedules import schedules_sync

    schedules_sync()
