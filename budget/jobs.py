"""django-q2 jobs of Serap, each an audited actor."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django_q.models import Schedule
from django_q.tasks import async_task

from audit.jobs import audited_job

from .alerts import scan as alerts_scan


@audited_job("budget_scan")
def scan() -> str:
    """The daily (and after-import) alert scan. In quiet hours it books a one-off run for their end."""
    result = alerts_scan()
    if result.deferred and result.resume_at is not None:
        Schedule.objects.get_or_create(
            name=f"budget.scan.resume.{result.resume_at:%Y%m%d%H%M}",
            defaults={"func": "budget.jobs.scan", "schedule_type": Schedule.ONCE, "next_run": result.resume_at},
        )
    return f"opened={result.opened} sent={result.sent} escalated={result.escalated} closed={result.closed}"


@audited_job("budget_import")
def import_apply(batch_id: int, user_id: int) -> str:
    """Apply a large import in the worker (the admin queues it); the outcome is on the batch."""

    from .clock import local_today
    from .imports.apply import import_apply as apply
    from .models import ImportBatch

    batch = ImportBatch.objects.get(pk=batch_id)
    try:
        apply(batch=batch, actor=get_user_model().objects.get(pk=user_id), today=local_today())
    except ValidationError:
        return "refused"
    return "applied"


def queue_import(*, batch_id: int, user_id: int) -> None:
    async_task("budget.jobs.import_apply", batch_id, user_id, task_name=f"budget-import-{batch_id}")
