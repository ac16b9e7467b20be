"""django-q2 jobs of the WBS app (scheduled daily from ``wbs.apps``)."""

from audit.actors import Door, acting_as

from .retention import reports_purge_expired


def purge_expired_reports() -> int:
    with acting_as("job:wbs_retention", door=Door.JOB):
        return reports_purge_expired()
