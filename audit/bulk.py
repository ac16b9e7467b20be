"""History-aware bulk writes: the only sanctioned way to bulk-write a tracked model.

``QuerySet.update()``, ``bulk_update()`` and ``bulk_create()`` bypass signals, so they
would leave no history and no audit event. Use these instead (a test scans the project
for bypasses):

    from audit.bulk import bulk_create_tracked, bulk_update_tracked, update_tracked

    bulk_create_tracked(Model, objs)
    bulk_update_tracked(objs, ["status"], reason="Penutupan periode")
    update_tracked(Model.objects.filter(period=p), status="closed", reason="...")

Each writes the rows, one history row per changed object (objects whose tracked fields
did not change get none) with the current door and actor, and one chained audit event
per history row, all in one transaction.
"""

from collections.abc import Iterable, Sequence

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import QuerySet
from simple_history.utils import get_history_manager_for_model

from .chain import append_events
from .events import HISTORY_ACTIONS, _safe_str, _short, current_door_and_actor, history_digest, model_label
from .models import EventSource
from .registry import is_tracked, opd_id_of


def _history_defaults(reason: str) -> dict:
    door, actor, user_id = current_door_and_actor()
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    return {
        "default_user": user,
        "default_change_reason": reason,
        "custom_historical_attrs": {"history_door": door, "history_actor": actor},
    }


def _chain(history_rows: Sequence, instances: Sequence, changed: dict | None = None) -> None:
    if not history_rows:
        return
    history_model = type(history_rows[0])
    values = {
        row["history_id"]: row
        for row in history_model.objects.filter(history_id__in=[h.history_id for h in history_rows]).values()
    }
    append_events(
        [
            (
                history_digest(history, values[history.history_id]),
                {
                    "source": EventSource.HISTORY,
                    "source_id": history.history_id,
                    "action": HISTORY_ACTIONS[history.history_type],
                    "model": model_label(history.instance_type),
                    "object_id": str(obj.pk),
                    "object_repr": _short(_safe_str(obj)),
                    "occurred_at": history.history_date,
                    "door": history.history_door,
                    "actor": history.history_actor,
                    "user_id": history.history_user_id,
                    "opd_id": opd_id_of(obj),
                    "changed_fields": (changed or {}).get(obj.pk, []),
                    "reason": history.history_change_reason or "",
                },
            )
            for history, obj in zip(history_rows, instances, strict=True)
        ]
    )


def bulk_create_tracked(
    model: type[models.Model], objs: Iterable[models.Model], *, batch_size: int | None = None, reason: str = ""
) -> list[models.Model]:
    """``bulk_create`` with one history row and one audit event per created object."""
    objs = list(objs)
    if not objs:
        return []
    _require_tracked(model)
    with transaction.atomic():
        created = model._default_manager.bulk_create(objs, batch_size=batch_size)  # audit: bulk-ok
        history = get_history_manager_for_model(model).bulk_history_create(
            created, batch_size=batch_size, **_history_defaults(reason)
        )
        _chain(history, created)
    return created


def bulk_update_tracked(
    objs: Iterable[models.Model], fields: Sequence[str], *, batch_size: int | None = None, reason: str = ""
) -> int:
    """``bulk_update`` that writes history only for objects whose ``fields`` really changed."""
    objs = list(objs)
    if not objs:
        return 0
    model = type(objs[0])
    _require_tracked(model)
    attnames = [model._meta.get_field(f).attname for f in fields]
    with transaction.atomic():
        current = {
            row["pk"]: row for row in model._default_manager.filter(pk__in=[o.pk for o in objs]).values("pk", *attnames)
        }
        changed: dict = {}
        has_expressions = False
        for obj in objs:
            row = current.get(obj.pk, {})
            names = []
            for f, a in zip(fields, attnames, strict=True):
                value = getattr(obj, a)
                if hasattr(value, "resolve_expression"):  # F("n") + 1: a change by definition
                    has_expressions = True
                    names.append(f)
                elif row.get(a) != value:
                    names.append(f)
            if names:
                changed[obj.pk] = names
        dirty = [o for o in objs if o.pk in changed]
        if not dirty:
            return 0
        model._default_manager.bulk_update(dirty, list(fields), batch_size=batch_size)  # audit: bulk-ok
        if has_expressions:
            fresh = model._default_manager.in_bulk([o.pk for o in dirty])
            for obj in dirty:
                for a in attnames:
                    setattr(obj, a, getattr(fresh[obj.pk], a))
        history = get_history_manager_for_model(model).bulk_history_create(
            dirty, batch_size=batch_size, update=True, **_history_defaults(reason)
        )
        _chain(history, dirty, changed)
    return len(dirty)


def update_tracked(queryset: QuerySet, *, reason: str = "", batch_size: int = 500, **values) -> int:
    """The history-aware ``queryset.update(**values)``: locks, changes, records. Returns rows changed."""
    _require_tracked(queryset.model)
    total = 0
    with transaction.atomic():
        objs = list(queryset.select_for_update())
        for obj in objs:
            for name, value in values.items():
                setattr(obj, name, value)
        for start in range(0, len(objs), batch_size):
            total += bulk_update_tracked(objs[start : start + batch_size], list(values), reason=reason)
    return total


def _require_tracked(model) -> None:
    if not is_tracked(model):
        raise TypeError(f"{model._meta.label} is not history-tracked; use the ORM directly.")
