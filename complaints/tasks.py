"""django-q2 entry points (no arguments: nothing personal ever sits in the queue)."""

from .escalation import complaints_escalate

SCHEDULE_NAME = "complaints.escalate"


def escalate_complaints() -> dict[str, int]:
    return complaints_escalate()


def ensure_schedule() -> None:
    """Create the hourly escalation schedule once (idempotent; django-q2 runs a schedule on one worker)."""
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name=SCHEDULE_NAME,
        defaults={"func": "complaints.tasks.escalate_complaints", "schedule_type": Schedule.HOURLY, "repeats": -1},
    )
