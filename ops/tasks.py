"""django-q2 tasks of the ops app (referenced by dotted path: keep the names stable)."""

from .services import heartbeat_record


def heartbeat(*, requested_by: str = "scheduler") -> dict:
    """Prove a worker is alive: the queue health check reads what this records."""
    beat = heartbeat_record()
    return {"host": beat.host, "pid": beat.pid, "seen_at": beat.seen_at.isoformat(), "requested_by": requested_by}
