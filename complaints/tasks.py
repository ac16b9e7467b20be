"""django-q2 entry points (nothing personal ever sits in the queue: at most a staff account's id)."""

from audit.jobs import audited_job

from .dashboard import dashboard_refresh_job
from .escalation import complaints_escalate
from .models import Complaint
from .renaksi.reminders import renaksi_reminders_send
from .routing import notify_desk_new
from .schedules import ESCALATE_SCHEDULE as SCHEDULE_NAME  # noqa: F401 - named by tests and docs
from .schedules import UPLOAD_PRUNE_SCHEDULE  # noqa: F401
from .stats import public_figures_refresh
from .uploads import complaint_uploads_prune


@audited_job("escalate_complaints")
def escalate_complaints() -> dict[str, int]:
    return complaints_escalate()


@audited_job("prune_complaint_uploads")
def prune_uploads() -> int:
    """Hourly: delete the expired pending uploads and their files (returns how many)."""
    return complaint_uploads_prune()


def refresh_public_figures() -> str:
    """Every few minutes: recompute the public statistics' snapshot (reads only: no audited actor)."""
    return public_figures_refresh()["computed_at"].isoformat()


@audited_job("renaksi_reminders")
def renaksi_reminders() -> dict[str, int]:
    """Daily: Renaksi quarter reminders and overdue notices to the owner OPDs (once each)."""
    return renaksi_reminders_send()


def refresh_dashboard(user_pk: int) -> str:
    """Queued by a stale staff dashboard: recompute the snapshot of that user's visibility (reads only)."""
    return dashboard_refresh_job(user_pk)


@audited_job("notify_desk_new")
def notify_desk_of_new(complaint_pk: int) -> bool:
    """Queued after each submission: the desk's notice of the new complaint (False: it is gone)."""
    complaint = Complaint.objects.select_related("category").filter(pk=complaint_pk).first()
    if complaint is None:
        return False
    notify_desk_new(complaint)
    return True
