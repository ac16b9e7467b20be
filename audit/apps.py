from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = _("Jejak audit")

    def ready(self) -> None:
        from . import signals  # noqa: F401
        from .registry import register_tracked_models

        register_tracked_models()
