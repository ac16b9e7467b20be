"""Formerly created the hourly prune of expired pending uploads.
Now declared in ``complaints/schedules.py`` and synced by ``ops.schedules`` after every migrate
(one way to declare scheduled jobs). Kept, empty, so the migration history holds."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0006_pendingupload"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = []
