"""The worker heartbeat: recorded by a django-q2 task, read by the queue health check."""

import os
import socket

from django.db.models import F
from django.utils import timezone
from django_q.tasks import async_task

from .models import WorkerHeartbeat
from .schedules import HEARTBEAT_FUNC, HEARTBEAT_SCHEDULE  # noqa: F401 - read by the health check and tests


def heartbeat_record(*, host: str | None = None, pid: int | None = None) -> WorkerHeartbeat:
    """Record that a worker on ``host`` is alive and executing tasks right now."""
    host = host or socket.gethostname()
    beat, _created = WorkerHeartbeat.objects.update_or_create(
        host=host, defaults={"pid": pid or os.getpid(), "seen_at": timezone.now()}
    )
    WorkerHeartbeat.objects.filter(pk=beat.pk).update(beats=F("beats") + 1)
    beat.refresh_from_db()
    return beat


def heartbeat_enqueue(*, requested_by: str) -> str:
    """Put a heartbeat on the queue now (ops endpoint, smoke test); returns the task id."""
    return async_task(HEARTBEAT_FUNC, requested_by=requested_by, task_name=f"heartbeat:{requested_by}")
