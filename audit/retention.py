"""Retention: prune history rows older than a per-model age (default: keep forever).

``settings.AUDIT_RETENTION_DAYS = {"notifications.Delivery": 365}``. Deletes run in small
batches, each in its own short transaction, so no long locks. The newest history row of
every record is always kept (the record's current state stays documented). Each run is
recorded (``PruneRun``) and chained as an audit event; the chain's own events are never
pruned, and ``audit_verify`` accepts a missing history row only when a chained prune run
for its model covers its date (docs/adr/0003-audit-trail.md).
"""

import datetime as dt

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .actors import Door, acting_as
from .chain import append_event, row_digest
from .models import EventSource, PruneRun


def retention_policy() -> dict[str, int]:
    return dict(settings.AUDIT_RETENTION_DAYS or {})


def history_prune(
    *, label: str, days: int, batch_size: int = 1000, dry_run: bool = False, now: dt.datetime | None = None
) -> PruneRun:
    """Prune ``label``'s history older than ``days``; returns the recorded run."""
    model = apps.get_model(label)
    history_model = getattr(model, model._meta.simple_history_manager_attribute).model
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    run = PruneRun.objects.create(model=model._meta.label_lower, cutoff=cutoff, dry_run=dry_run)
    pk_name = model._meta.pk.attname
    newest = history_model.objects.values(pk_name).annotate(newest=Max("history_id")).values("newest")
    candidates = history_model.objects.filter(history_date__lt=cutoff).exclude(history_id__in=newest)
    deleted = 0
    if dry_run:
        deleted = candidates.count()
    else:
        while True:
            with transaction.atomic():
                ids = list(candidates.order_by("history_id").values_list("history_id", flat=True)[:batch_size])
                if not ids:
                    break
                history_model.objects.filter(history_id__in=ids).delete()
                deleted += len(ids)
    run.deleted, run.finished_at = deleted, timezone.now()
    run.save(update_fields=["deleted", "finished_at"])
    with acting_as("command:audit_prune", door=Door.COMMAND):
        values = PruneRun.objects.filter(pk=run.pk).values().get()
        append_event(
            source_digest=row_digest(values),
            source=EventSource.SYSTEM,
            source_id=run.pk,
            action="audit.prune" if not dry_run else "audit.prune_dry_run",
            model=run.model,
            object_id="",
            object_repr=f"< {cutoff:%Y-%m-%d}",
            occurred_at=run.finished_at,
            door=Door.COMMAND,
            actor="command:audit_prune",
            user_id=None,
            opd_id=None,
            changed_fields=[],
            reason=f"{deleted} baris riwayat dihapus" if not dry_run else f"{deleted} baris akan dihapus",
        )
    return run


def history_prune_all(*, batch_size: int = 1000, dry_run: bool = False) -> list[PruneRun]:
    return [
        history_prune(label=label, days=days, batch_size=batch_size, dry_run=dry_run)
        for label, days in sorted(retention_policy().items())
    ]
