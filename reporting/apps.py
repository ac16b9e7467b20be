from functools import lru_cache

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

        # the auditor's diff of a report's answers reads the form's labels, not its keys
        register_json_key_labels("reporting.Submission", "answers", _answer_labels)
        register_json_key_labels("reporting.Submission", "computed", _answer_labels)


def _answer_labels(row) -> dict[str, str]:
    """Labels of a submission's answer keys, from the form version it was filled on."""
    version_id = getattr(row, "form_version_id", None)
    return _version_labels(version_id) if version_id else {}


@lru_cache(maxsize=256)
def _version_labels(version_id: int) -> dict[str, str]:
    """Cached per process: a published version never changes (``FormVersion`` is immutable)."""
    from forms_builder.models import FormVersion
    from forms_builder.schema import field_map

    schema = FormVersion.objects.filter(pk=version_id).values_list("schema", flat=True).first() or {}
    return {path: str(ref.spec.get("label") or path) for path, ref in field_map(schema).items()}


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
