"""Finish the move from ``forms_builder``: content types and django-q2 schedules.

* The content types of the moved models (and of their history models) are renamed to the
  ``reporting`` app label in place, so every row keyed by content type follows them: auth
  permissions and the role grants on them, Wagtail log entries and references. No
  permission is created or lost; existing users keep their rights.
* The schedules an installation already has (created by ``forms_builder`` with functions in
  ``forms_builder.report_jobs`` / ``forms_builder.export_jobs``) get their new names and
  functions, so ``ops.schedules`` finds them and an administrator's timing survives.

Audit events already in the hash chain keep naming ``forms_builder.*``: they are sealed and
never rewritten; ``audit.registry.MOVED_MODELS`` makes the timeline read both labels.
"""

from django.db import migrations

MODELS = [
    "reportingperiod",
    "assignment",
    "submission",
    "submissiontransition",
    "submissionattachment",
    "reportexport",
    "historicalreportingperiod",
    "historicalassignment",
    "historicalassignment_opds",
    "historicalassignment_periods",
    "historicalsubmission",
    "historicalsubmissionattachment",
]

#: old schedule name -> (new name, new function)
SCHEDULES = {
    "forms_builder.report_reminders": ("reporting.report_reminders", "reporting.jobs.send_due_reminders"),
    "forms_builder.report_overdue": ("reporting.report_overdue", "reporting.jobs.send_overdue_notices"),
    "forms_builder.export_prune": ("reporting.export_prune", "reporting.exports.jobs.prune_expired_exports"),
}

#: old function -> new function (schedules an administrator added by hand under other names)
FUNCS = {
    "forms_builder.report_jobs.send_due_reminders": "reporting.jobs.send_due_reminders",
    "forms_builder.report_jobs.send_overdue_notices": "reporting.jobs.send_overdue_notices",
    "forms_builder.export_jobs.prune_expired_exports": "reporting.exports.jobs.prune_expired_exports",
    "forms_builder.export_jobs.run_report_export": "reporting.exports.jobs.run_report_export",
}


def _swap(pairs: dict) -> dict:
    return {new: old for old, new in pairs.items()}


def move_content_types(apps, schema_editor, *, source="forms_builder", target="reporting"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(ContentType.objects.filter(app_label=target, model__in=MODELS).values_list("model", flat=True))
    ContentType.objects.filter(app_label=source, model__in=set(MODELS) - taken).update(app_label=target)


def content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="reporting", target="forms_builder")


def repoint_schedules(apps, schema_editor, *, schedules=None, funcs=None):
    Schedule = apps.get_model("django_q", "Schedule")
    schedules = SCHEDULES if schedules is None else schedules
    funcs = FUNCS if funcs is None else funcs
    for old_name, (new_name, new_func) in schedules.items():
        if not Schedule.objects.filter(name=new_name).exists():
            Schedule.objects.filter(name=old_name).update(name=new_name, func=new_func)
    for old_func, new_func in funcs.items():
        Schedule.objects.filter(func=old_func).update(func=new_func)


def schedules_back(apps, schema_editor):
    back = {new_name: (old_name, _swap(FUNCS)[new_func]) for old_name, (new_name, new_func) in SCHEDULES.items()}
    repoint_schedules(apps, schema_editor, schedules=back, funcs=_swap(FUNCS))


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_q", "__latest__"),
    ]

    operations = [
        migrations.RunPython(move_content_types, content_types_back),
        migrations.RunPython(repoint_schedules, schedules_back),
    ]
