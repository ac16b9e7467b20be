"""Scheduled jobs of complaints (synced after every migrate by ``ops.schedules``)."""

ESCALATE_SCHEDULE = "complaints.escalate"
UPLOAD_PRUNE_SCHEDULE = "complaints.prune_uploads"

SCHEDULES = [
    {"name": ESCALATE_SCHEDULE, "func": "complaints.tasks.escalate_complaints", "schedule_type": "H"},
    {"name": UPLOAD_PRUNE_SCHEDULE, "func": "complaints.tasks.prune_uploads", "schedule_type": "H"},
]
