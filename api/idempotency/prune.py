"""Deleting expired Idempotency-Keys (django-q2 schedule and ``prune_idempotency_keys``)."""

from datetime import datetime

from django.utils import timezone

from api.models import IdempotencyKey
from audit.jobs import audited_job


def idempotency_keys_prune(*, now: datetime | None = None) -> int:
    """Delete keys past their expiry (``IDEMPOTENCY_KEY_TTL_HOURS`` after the claim); returns how many."""
    deleted, _by_model = IdempotencyKey.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


@audited_job("prune_idempotency_keys")
def idempotency_keys_prune_job() -> int:
    """Entry point of the hourly django-q2 schedule ``api.prune_idempotency_keys`` (``api.schedules``)."""
    return idempotency_keys_prune()
