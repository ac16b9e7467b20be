from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FormsBuilderConfig(AppConfig):
    name = "forms_builder"
    verbose_name = _("Formulir laporan")

    def ready(self) -> None:
        from wagtail.signals import published

        from .models import FormDefinition

        published.connect(_freeze_version, sender=FormDefinition, dispatch_uid="forms-builder-freeze-version")
        # No sender: Django creates each app's permissions in that app's own post_migrate, and
        # ours may run before them; granting after every app (idempotent) ends with all in place.
        post_migrate.connect(_grant_permissions, dispatch_uid="forms-builder-permissions")


#: What the Editor Kominfo role may do with forms (designing and publishing them). What the
#: roles may do with periodic reports is granted by ``reporting.apps``.
EDITOR_PERMISSIONS = [
    "forms_builder.add_formdefinition",
    "forms_builder.change_formdefinition",
    "forms_builder.delete_formdefinition",
    "forms_builder.publish_formdefinition",
    "forms_builder.lock_formdefinition",
    "forms_builder.unlock_formdefinition",
    "forms_builder.view_formdefinition",
    "forms_builder.view_formversion",
    "forms_builder.add_bandtable",
    "forms_builder.change_bandtable",
    "forms_builder.delete_bandtable",
    "forms_builder.view_bandtable",
]


def _freeze_version(sender, instance, revision=None, **kwargs) -> None:
    """Publishing a definition (admin or service) freezes the next immutable version."""
    from .services import form_version_freeze

    form_version_freeze(form=instance, actor=getattr(revision, "user", None))


def _grant_permissions(sender, **kwargs) -> None:
    from organizations.roles import GlobalRole, grant_role_permissions

    grant_role_permissions(GlobalRole.KOMINFO_EDITOR, EDITOR_PERMISSIONS)
