"""Health checks for load balancers and monitoring (django-health-check 4).

``/health/`` runs every check below plus the database, cache and storage checks that
ship with django-health-check; ``/health/web/`` leaves out the worker heartbeat, for a
load balancer that should keep serving pages while the workers are down.
"""

import dataclasses
import datetime

from asgiref.sync import sync_to_async
from django.conf import settings
from django.utils import timezone
from django_q.brokers import get_broker
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable

from .selectors import heartbeat_latest


def _max_age() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.HEALTH_WORKER_MAX_AGE)


@dataclasses.dataclass
class QueueBroker(HealthCheck):
    """The django-q2 broker (Redis, or the database for the ORM broker) answers."""

    def run(self) -> None:
        try:
            alive = get_broker().ping()
        except Exception as error:
            raise ServiceUnavailable("broker django-q2 tidak dapat dihubungi") from error
        if alive is False:
            raise ServiceUnavailable("broker django-q2 tidak menjawab ping")


@dataclasses.dataclass
class QueueWorker(HealthCheck):
    """A django-q2 worker executed the heartbeat task recently (scheduled every minute).

    Reads the ``WorkerHeartbeat`` table, so it works for every broker and every number of
    machines. Async with a thread-sensitive database call so it shares the request's
    connection (and, in tests, its transaction) instead of leaking a thread's connection.
    """

    max_age: datetime.timedelta = dataclasses.field(default_factory=_max_age, repr=False)

    async def run(self) -> None:
        latest = await sync_to_async(heartbeat_latest, thread_sensitive=True)()
        if latest is None:
            raise ServiceUnavailable("belum ada worker django-q2 yang mengirim detak")
        age = timezone.now() - latest.seen_at
        if age > self.max_age:
            raise ServiceUnavailable(f"detak worker terakhir {int(age.total_seconds())} detik yang lalu")


BASE_CHECKS = (
    "health_check.checks.Database",
    "health_check.checks.Cache",
    "health_check.checks.Storage",
    QueueBroker,
)
ALL_CHECKS = (*BASE_CHECKS, QueueWorker)
