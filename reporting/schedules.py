"""Scheduled jobs of periodic reporting (synced after every migrate by ``ops.schedules``).

Hourly, so a reminder day starts within the hour after local midnight in the Pemda's zone.
Migration ``0002_schedules_moved`` renamed the rows an installation already had (they were
``forms_builder.*``), so an administrator's timing survives the move.
"""

REMINDER_SCHEDULE = "reporting.report_reminders"
OVERDUE_SCHEDULE = "reporting.report_overdue"
EXPORT_PRUNE_SCHEDULE = "reporting.export_prune"

SCHEDULES = [
    {"name": REMINDER_SCHEDULE, "func": "reporting.jobs.send_due_reminders", "schedule_type": "H"},
    {"name": OVERDUE_SCHEDULE, "func": "reporting.jobs.send_overdue_notices", "schedule_type": "H"},
    {"name": EXPORT_PRUNE_SCHEDULE, "func": "reporting.exports.jobs.prune_expired_exports", "schedule_type": "H"},
]
