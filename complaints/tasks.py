"""django-q2 entry points (no arguments: nothing personal ever sits in the queue)."""

from audit.jobs import audited_job

from .escalation import complaints_escalate
from .uploads import complaint_uploads_prune

SCHEDULE_NAME = "complaints.escalate"
#: Hourly, created by migration ``complaints/0007_upload_prune_schedule``.
UPLOAD_PRUNE_SCHEDULE = "complaints.prune_uploads"


def escalate_complaints() -> dict[str, int]:
    return complaints_escalate()


@audited_job("prune_complaint_uploads")
def prune_uploads() -> int:
    """Hourly: delete the expired pending uploads and their files (returns how many)."""
    return complaint_uploads_prune()


def ensure_schedule() -> None:
    """Create the hourly escalation schedule once (idempotent; django-q2 runs a schedule on one worker)."""
    from django_q.models import Schedule

    Schedule.objects.update_or_create(
        name=SCHEDULE_NAME,
        defaults={"func": "complaints.tasks.escalate_complaints", "schedule_type": Schedule.HOURLY, "repeats": -1},
    )
