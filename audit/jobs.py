"""Naming jobs and commands as actors, so their writes carry ``job:<name>``/``command:<name>``.

from audit.jobs import audited_job

@audited_job("send_reminders")
def send_reminders(): ...           # django-q2 task function

class Command(AuditedCommand):      # management command
    ...
"""

import functools
from collections.abc import Callable

from django.core.management.base import BaseCommand

from .actors import Door, acting_as


def audited_job(name: str, *, reason: str = "") -> Callable:
    """Decorate a django-q2 task function: it runs as ``job:<name>`` through the job door."""

    def decorator(func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with acting_as(f"job:{name}", door=Door.JOB, reason=reason):
                return func(*args, **kwargs)

        return wrapper

    return decorator


class AuditedCommand(BaseCommand):
    """A management command whose writes are recorded as ``command:<name>`` (door: command)."""

    audit_name: str = ""

    def execute(self, *args, **options):
        name = self.audit_name or self.__class__.__module__.rsplit(".", 1)[-1]
        with acting_as(f"command:{name}", door=Door.COMMAND):
            return super().execute(*args, **options)
