"""Scheduled jobs of the audit trail (synced after migrate, see ``ops/schedules.py``).

The nightly verification and weekly prune were scheduled by migration ``audit/0004`` before
this convention; the seal job is declared here.
"""

SCHEDULES = [
    # Seals the signed events that commits queued; also the safety net for a lost enqueue.
    {"name": "audit.seal_chain", "func": "audit.tasks.seal_chain_job", "schedule_type": "I", "minutes": 1},
]
