"""Schedule the nightly chain verification and the weekly history prune on django-q2."""

from django.db import migrations

SCHEDULES = {
    "audit.verify_chain": {"func": "audit.tasks.verify_chain_job", "schedule_type": "D", "repeats": -1},
    "audit.prune_history": {"func": "audit.tasks.prune_history_job", "schedule_type": "W", "repeats": -1},
}


def create_schedules(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, defaults in SCHEDULES.items():
        Schedule.objects.get_or_create(name=name, defaults=defaults)


def delete_schedules(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name__in=list(SCHEDULES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_append_only_guard"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedules, delete_schedules)]
