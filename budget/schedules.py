"""Scheduled jobs of Serap (synced after every migrate by ``ops.schedules``)."""

SCHEDULES = [
    {"name": "budget.daily_scan", "func": "budget.jobs.scan", "schedule_type": "D"},
]
