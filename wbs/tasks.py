"""django-q2 jobs of the WBS app (scheduled daily, ``wbs.schedules``)."""

from audit.jobs import audited_job

from .retention import reports_purge_expired


@audited_job("wbs_retention")
def purge_expired_reports() -> int:
    return reports_purge_expired()
