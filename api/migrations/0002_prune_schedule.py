"""Formerly created the hourly prune of expired Idempotency-Keys.
Now declared in ``api/schedules.py`` and synced by ``ops.schedules`` after every migrate
(one way to declare scheduled jobs). Kept, empty, so the migration history holds."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_idempotency_key"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = []
