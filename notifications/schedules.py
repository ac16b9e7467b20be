"""Scheduled jobs of notifications (synced after every migrate, see ops/schedules.py)."""

SCHEDULES = [
    {"name": "notifications.daily_digest", "func": "notifications.digest.daily_digest_send", "schedule_type": "D"},
    # Safety net: deliveries whose task or retry schedule was lost are queued again.
    {
        "name": "notifications.deliver_overdue",
        "func": "notifications.tasks.deliver_overdue",
        "schedule_type": "I",
        "minutes": 15,
    },
]
