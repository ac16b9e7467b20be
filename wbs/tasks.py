"""django-q2 jobs of the WBS app (scheduled daily, ``wbs.schedules``)."""

from audit.jobs import audited_job

from .retention import reports_purge_expired
from .uploads import evidence_uploads_prune


@audited_job("wbs_retention")
def purge_expired_reports() -> int:
    evidence_uploads_prune()  # evidence sent ahead and never used: gone with the daily job too
    return reports_purge_expired()
