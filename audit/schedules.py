"""Scheduled jobs of the audit trail (synced after every migrate by ``ops.schedules``)."""

SCHEDULES = [
    {"name": "audit.verify_chain", "func": "audit.tasks.verify_chain_job", "schedule_type": "D"},
    {"name": "audit.prune_history", "func": "audit.tasks.prune_history_job", "schedule_type": "W"},
    # Seals the signed events that commits queued; also the safety net for a lost enqueue.
    {"name": "audit.seal_chain", "func": "audit.tasks.seal_chain_job", "schedule_type": "I", "minutes": 1},
]
