"""Scheduled jobs of complaints (synced after every migrate by ``ops.schedules``)."""

ESCALATE_SCHEDULE = "complaints.escalate"
UPLOAD_PRUNE_SCHEDULE = "complaints.prune_uploads"
FIGURES_SCHEDULE = "complaints.refresh_public_figures"
RENAKSI_SCHEDULE = "complaints.renaksi_reminders"
#: How often the public statistics' snapshot is recomputed (``complaints.stats``).
FIGURES_REFRESH_MINUTES = 5

SCHEDULES = [
    {"name": ESCALATE_SCHEDULE, "func": "complaints.tasks.escalate_complaints", "schedule_type": "H"},
    {"name": UPLOAD_PRUNE_SCHEDULE, "func": "complaints.tasks.prune_uploads", "schedule_type": "H"},
    # Daily: Renaksi quarter reminders and overdue notices (once per action and period).
    {"name": RENAKSI_SCHEDULE, "func": "complaints.tasks.renaksi_reminders", "schedule_type": "D"},
    {
        "name": FIGURES_SCHEDULE,
        "func": "complaints.tasks.refresh_public_figures",
        "schedule_type": "I",
        "minutes": FIGURES_REFRESH_MINUTES,
    },
]
