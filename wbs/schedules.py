"""Scheduled jobs of the WBS app (synced after every migrate by ``ops.schedules``)."""

SCHEDULES = [
    {"name": "wbs_retention", "func": "wbs.tasks.purge_expired_reports", "schedule_type": "D"},
]
