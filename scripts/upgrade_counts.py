"""Figures of an installation that must survive an upgrade, as JSON (used by upgrade-check.sh).

Run from a project tree (old or new) as ``python <this file> <out.json>`` with the tree as the
working directory: it reads the database through raw SQL on the tables, so the same figures
come out whatever app the models belong to. Also prints, for the demo role users, which
periodic-reporting rights they hold (under the app label the tree uses).
"""

import hashlib
import json
import os
import sys

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402

#: Tables of periodic reporting (created by forms_builder, kept by reporting) and the audit chain.
TABLES = [
    "forms_builder_reportingperiod",
    "forms_builder_assignment",
    "forms_builder_assignment_periods",
    "forms_builder_assignment_opds",
    "forms_builder_submission",
    "forms_builder_submissiontransition",
    "forms_builder_submissionattachment",
    "forms_builder_reportexport",
    "forms_builder_historicalreportingperiod",
    "forms_builder_historicalassignment",
    "forms_builder_historicalassignment_periods",
    "forms_builder_historicalassignment_opds",
    "forms_builder_historicalsubmission",
    "forms_builder_historicalsubmissionattachment",
    "audit_auditevent",
]

#: Permissions of the moved models only: other apps may add models (and permissions) in the same
#: release, which is no loss.
MOVED_LABELS = ("forms_builder", "reporting")

#: (role user, rights) to check; the label is the app that owns the models in this tree.
RIGHTS = {
    "editor": ["add_assignment", "change_assignment", "view_submission", "view_submissionattachment"],
    "bappeda": ["view_assignment", "view_submission", "view_submissiontransition"],
    "operator.dinkes": ["view_submission"],
}


def _exists(func: str) -> bool:
    """Whether a schedule's dotted function path names a function of this tree."""
    from importlib import import_module

    module, _sep, attr = func.rpartition(".")
    try:
        return callable(getattr(import_module(module), attr))
    except (ImportError, AttributeError):
        return False


#: Models added to these apps after the baseline (forms_builder 0007, named band tables): their
#: content types, permissions and grants are new rows, not rows the upgrade had to keep.
NEW_MODELS = ("bandtable", "historicalbandtable")


def main(out: str) -> None:
    figures = {}
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - fixed names
            figures[table] = cursor.fetchone()[0]
        cursor.execute(
            "SELECT COUNT(*) FROM auth_permission p JOIN django_content_type c ON p.content_type_id = c.id "
            "WHERE c.app_label IN (%s, %s) AND c.model NOT IN (%s, %s)",
            [*MOVED_LABELS, *NEW_MODELS],
        )
        figures["permissions of forms_builder/reporting"] = cursor.fetchone()[0]
        cursor.execute(
            "SELECT COUNT(*) FROM auth_group_permissions gp JOIN auth_permission p ON gp.permission_id = p.id "
            "JOIN django_content_type c ON p.content_type_id = c.id "
            "WHERE c.app_label IN (%s, %s) AND c.model NOT IN (%s, %s)",
            [*MOVED_LABELS, *NEW_MODELS],
        )
        figures["role grants of forms_builder/reporting"] = cursor.fetchone()[0]
        cursor.execute("SELECT id, answers FROM forms_builder_submission ORDER BY id")
        digest, answers = hashlib.sha256(), 0
        for pk, raw in cursor.fetchall():
            data = json.loads(raw) if isinstance(raw, str) else raw
            answers += len(data or {})
            digest.update(f"{pk}:{json.dumps(data, sort_keys=True)}\n".encode())
        figures["answers (top-level keys)"] = answers
        figures["answers sha256"] = digest.hexdigest()[:16]
        cursor.execute(
            "SELECT COUNT(*) FROM django_content_type WHERE app_label = 'forms_builder' AND model NOT IN (%s, %s)",
            NEW_MODELS,
        )
        figures["forms_builder content types"] = cursor.fetchone()[0]
        cursor.execute("SELECT name, func FROM django_q_schedule ORDER BY name")
        schedules = {name: [func, _exists(func)] for name, func in cursor.fetchall()}
    label = "reporting" if apps.is_installed("reporting") else "forms_builder"
    users = {u.username: u for u in get_user_model().objects.filter(username__in=RIGHTS)}
    rights = {
        name: sorted(r for r in wanted if name in users and users[name].has_perm(f"{label}.{r}"))
        for name, wanted in RIGHTS.items()
    }
    result = {"label": label, "figures": figures, "rights": rights, "schedules": schedules}
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(result, handle, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1])
