"""Scheduled jobs of the API (synced after every migrate by ``ops.schedules``)."""

SCHEDULES = [
    {
        "name": "api.prune_idempotency_keys",
        "func": "api.idempotency.prune.idempotency_keys_prune_job",
        "schedule_type": "H",
    },
]
