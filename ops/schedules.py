"""One way to declare scheduled jobs: each app lists its own in ``<app>/schedules.py``.

An app's ``schedules.py`` holds ``SCHEDULES``, a list of plain dicts (no import of ``ops``
needed)::

    SCHEDULES = [
        {"name": "budget.daily_scan", "func": "budget.jobs.daily_scan", "schedule_type": "D"},
        {"name": "ops.heartbeat", "func": "ops.tasks.heartbeat", "schedule_type": "I", "minutes": 1},
    ]

``schedule_type`` is django-q2's code (``I`` minutes, ``H`` hourly, ``D`` daily, ``W`` weekly,
``M`` monthly, ``C`` cron with ``cron``). After every ``migrate`` ``schedules_sync`` creates the
missing schedules and keeps each one's ``func`` current; the timing an administrator changed in
the admin survives (only ``create_defaults`` carry it). django-q2 runs a due schedule on exactly
one worker, so this is safe with many workers on many machines. Jobs that write run as an
audited actor through ``audit.jobs.audited_job``.
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django_q.models import Schedule

HEARTBEAT_FUNC = "ops.tasks.heartbeat"
HEARTBEAT_SCHEDULE = "sepakat: detak worker"

#: Ops' own: the scheduler enqueues a worker heartbeat every minute (the queue health check reads
#: it); ``save: False`` keeps these frequent tasks out of django-q2's success history.
SCHEDULES = [
    {
        "name": HEARTBEAT_SCHEDULE,
        "func": HEARTBEAT_FUNC,
        "schedule_type": "I",
        "minutes": 1,
        "kwargs": "{'requested_by': 'scheduler', 'q_options': {'save': False}}",
    },
]

#: Keys a declaration may carry besides ``name`` and ``func`` (django-q2 ``Schedule`` fields).
TIMING_KEYS = ("schedule_type", "minutes", "cron", "kwargs", "repeats", "next_run")


def declared_schedules() -> list[dict]:
    """Every ``SCHEDULES`` entry of every Sepakat app, in app order."""
    found: list[dict] = []
    for app_label in settings.SEPAKAT_APPS:
        module_name = f"{app_label}.schedules"
        if find_spec(app_label) is None or find_spec(module_name) is None:
            continue
        found.extend(getattr(import_module(module_name), "SCHEDULES", []))
    return found


def schedules_sync() -> list[Schedule]:
    """Create or refresh the declared schedules (idempotent)."""
    synced = []
    for entry in declared_schedules():
        timing = {key: entry[key] for key in TIMING_KEYS if key in entry}
        timing.setdefault("schedule_type", Schedule.HOURLY)
        timing.setdefault("repeats", -1)
        schedule, _created = Schedule.objects.update_or_create(
            name=entry["name"],
            defaults={"func": entry["func"]},
            create_defaults={"func": entry["func"], **timing},
        )
        synced.append(schedule)
    return synced
