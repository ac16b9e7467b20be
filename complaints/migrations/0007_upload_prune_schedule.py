"""Schedule the hourly prune of expired pending uploads (``complaints.tasks.prune_uploads``).

Idempotent on the schedule's name: running it again points the schedule at the task and
leaves an admin's later changes to its timing alone. Reversing it deletes the schedule.
"""

from django.db import migrations

SCHEDULE_NAME = "complaints.prune_uploads"
FUNC = "complaints.tasks.prune_uploads"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=SCHEDULE_NAME,
        defaults={"func": FUNC},
        create_defaults={"func": FUNC, "schedule_type": "H", "repeats": -1},
    )


def delete_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0006_pendingupload"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(create_schedule, delete_schedule)]
