"""Scheduled jobs of notifications (synced after every migrate, see ops/schedules.py)."""

SCHEDULES = [
    {"name": "notifications.daily_digest", "func": "notifications.digest.daily_digest_send", "schedule_type": "D"},
]
