"""A django-q2 task used by the capture tests (a real task function, run in sync mode)."""

from audit.jobs import audited_job
from organizations.models import OPD


@audited_job("deactivate_opds", reason="OPD dilebur")
def deactivate_opd(pk: int) -> None:
    opd = OPD.objects.get(pk=pk)
    opd.is_active = False
    opd.save()
