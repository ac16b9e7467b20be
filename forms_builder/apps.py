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
        post_migrate.connect(_ensure_report_schedules, sender=self, dispatch_uid="forms-builder-report-schedules")


def _ensure_report_schedules(sender, **kwargs) -> None:
    """The hourly django-q2 schedules of report reminders and overdue notices (idempotent)."""
    from .report_jobs import ensure_schedule

    ensure_schedule()


#: What the Editor Kominfo role may do with forms (designing and publishing them).
EDITOR_PERMISSIONS = [
    "forms_builder.add_formdefinition",
    "forms_builder.change_formdefinition",
    "forms_builder.delete_formdefinition",
    "forms_builder.publish_formdefinition",
    "forms_builder.lock_formdefinition",
    "forms_builder.unlock_formdefinition",
    "forms_builder.view_formdefinition",
    "forms_builder.view_formversion",
    # periodic reporting: the editor manages assignments and reads every report
    "forms_builder.view_reportingperiod",
    "forms_builder.add_assignment",
    "forms_builder.change_assignment",
    "forms_builder.delete_assignment",
    "forms_builder.view_assignment",
    "forms_builder.view_submission",
    "forms_builder.view_submissiontransition",
    "forms_builder.view_submissionattachment",
]

#: Reviewer Bappeda reads every report (returning/verifying is checked by report_permissions).
REVIEWER_PERMISSIONS = [
    "forms_builder.view_reportingperiod",
    "forms_builder.view_assignment",
    "forms_builder.view_submission",
    "forms_builder.view_submissiontransition",
    "forms_builder.view_submissionattachment",
]

#: Pemda-wide readers (Inspektorat, Auditor) and OPD members read reports; which rows is decided by
#: ``submission_selectors``. Filling and reviewing go through the workflow services, never a
#: model "change" permission (an edit form would bypass the workflow).
READER_PERMISSIONS = [
    "forms_builder.view_reportingperiod",
    "forms_builder.view_assignment",
    "forms_builder.view_submission",
    "forms_builder.view_submissiontransition",
    "forms_builder.view_submissionattachment",
]
OPD_MEMBER_PERMISSIONS = READER_PERMISSIONS


def _freeze_version(sender, instance, revision=None, **kwargs) -> None:
    """Publishing a definition (admin or service) freezes the next immutable version."""
    from .services import form_version_freeze

    form_version_freeze(form=instance, actor=getattr(revision, "user", None))


def _grant_permissions(sender, **kwargs) -> None:
    from organizations.roles import OPD_MEMBER_GROUP, GlobalRole, grant_role_permissions

    grant_role_permissions(GlobalRole.KOMINFO_EDITOR, EDITOR_PERMISSIONS)
    grant_role_permissions(GlobalRole.BAPPEDA_REVIEWER, REVIEWER_PERMISSIONS)
    grant_role_permissions(GlobalRole.INSPECTORATE, READER_PERMISSIONS)
    grant_role_permissions(GlobalRole.AUDITOR, READER_PERMISSIONS)
    grant_role_permissions(OPD_MEMBER_GROUP, OPD_MEMBER_PERMISSIONS)
