from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _grant_editor_permissions(sender, **kwargs):
    from .permissions import grant_editor_permissions

    grant_editor_permissions()


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Situs publik")

    def ready(self):
        post_migrate.connect(_grant_editor_permissions, sender=self, dispatch_uid="sepakat-home-editor-permissions")
        # The public pages' data providers register themselves when imported (home.providers).
        from . import builtin_providers, page_cache, result_providers  # noqa: F401
        from .live_cache import connect

        connect()
        page_cache.connect()
