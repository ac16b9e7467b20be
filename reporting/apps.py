from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Laporan berkala")

    def ready(self) -> None:
        # No sender: Django creates each app's permissions in that app's own post_migrate, and
        # ours may run before them; granting after every app (idempotent) ends with all in place.
        post_migrate.connect(_grant_permissions, dispatch_uid="reporting-permissions")
        from audit.diffs import register_json_key_labels

        from .answer_labels import answer_labels

        # the auditor's diff of a report's answers reads the form's labels, not its keys
        register_json_key_labels("reporting.Submission", "answers", answer_labels)
        register_json_key_labels("reporting.Submission", "computed", answer_labels)


#: The Editor Kominfo manages assignments and reads every report.
EDITOR_PERMISSIONS = [
    "reporting.view_reportingperiod",
    "reporting.add_assignment",
    "reporting.change_assignment",
    "reporting.delete_assignment",
    "reporting.view_assignment",
    "reporting.view_submission",
    "reporting.view_submissiontransition",
    "reporting.view_submissionattachment",
]

#: Reviewer Bappeda reads every report (returning/verifying is checked by ``permissions``).
REVIEWER_PERMISSIONS = [
    "reporting.view_reportingperiod",
    "reporting.view_assignment",
    "reporting.view_submission",
    "reporting.view_submissiontransition",
    "reporting.view_submissionattachment",
]

#: Pemda-wide readers (Inspektorat, Auditor) and OPD members read reports; which rows is decided by
#: ``selectors``. Filling and reviewing go through the workflow services, never a model "change"
#: permission (an edit form would bypass the workflow).
READER_PERMISSIONS = REVIEWER_PERMISSIONS
OPD_MEMBER_PERMISSIONS = READER_PERMISSIONS


def _grant_permissions(sender, **kwargs) -> None:
    from organizations.roles import OPD_MEMBER_GROUP, GlobalRole, grant_role_permissions

    grant_role_permissions(GlobalRole.KOMINFO_EDITOR, EDITOR_PERMISSIONS)
    grant_role_permissions(GlobalRole.BAPPEDA_REVIEWER, REVIEWER_PERMISSIONS)
    grant_role_permissions(GlobalRole.INSPECTORATE, READER_PERMISSIONS)
    grant_role_permissions(GlobalRole.AUDITOR, READER_PERMISSIONS)
    grant_role_permissions(OPD_MEMBER_GROUP, OPD_MEMBER_PERMISSIONS)
