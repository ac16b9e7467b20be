"""Formerly created the nightly chain verification and the weekly history prune.
Now declared in ``audit/schedules.py`` and synced by ``ops.schedules`` after every migrate
(one way to declare scheduled jobs). Kept, empty, so the migration history holds."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_append_only_guard"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = []
