"""Turn each kind of audit source row into a chained ``AuditEvent``.

Called from signal receivers (``audit.signals``), the bulk helpers (``audit.bulk``), the
read log (``audit.reads``) and the prune command. The digest is of the source row as the
database holds it (a history row as its INSERT returned it, ``audit.history``; other rows read
back), so ``audit_verify``, which reads it with ``values()``, compares like with like.
"""

from django.apps import apps
from django.conf import settings
from django.db import models

from .actors import Door, current_actor
from .chain import append_event, row_digest
from .history import row_as_inserted
from .models import AuditEvent, EventSource
from .registry import canonical_label, opd_id_of

HISTORY_ACTIONS = {"+": "create", "~": "update", "-": "delete"}


def model_label(model_or_instance) -> str:
    return model_or_instance._meta.label_lower


def _short(text, limit: int = 255) -> str:
    text = str(text or "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _m2m_snapshot(history_instance) -> dict:
    snapshot = {}
    for field in getattr(history_instance, "_history_m2m_fields", []) or []:
        rows = getattr(history_instance, field.name).all()
        names = [f.attname for f in rows.model._meta.fields if f.name not in ("m2m_history_id", "history")]
        snapshot[field.name] = sorted((list(r) for r in rows.values_list(*names)), key=lambda r: [str(v) for v in r])
    return snapshot


def history_digest(history_instance, values: dict | None = None) -> str:
    """The digest of a history row as stored: ``values`` (read by the caller), else the row as its
    INSERT returned it (``audit.history.row_as_inserted``; call this right after the insert), else
    the row read back."""
    if values is None:
        values = row_as_inserted(history_instance)
    if values is None:
        values = type(history_instance).objects.filter(pk=history_instance.pk).values().get()
    data = {"row": values}
    m2m = _m2m_snapshot(history_instance)
    if m2m:
        data["m2m"] = m2m
    return row_digest(data)


def record_history_event(history_instance, instance=None, *, changed_fields=None) -> AuditEvent:
    """The event for one simple-history row (created by a save, a delete or a bulk helper)."""
    tracked_model = history_instance.instance_type
    obj = instance if instance is not None else history_instance
    if changed_fields is None:
        changed_fields = getattr(instance, "_sepakat_changed_fields", []) if instance is not None else []
    return append_event(
        source_digest=history_digest(history_instance),
        source=EventSource.HISTORY,
        source_id=history_instance.history_id,
        action=HISTORY_ACTIONS.get(history_instance.history_type, history_instance.history_type),
        model=model_label(tracked_model),
        object_id=str(getattr(history_instance, tracked_model._meta.pk.attname)),
        object_repr=_short(_safe_str(obj)),
        occurred_at=history_instance.history_date,
        door=history_instance.history_door or Door.UNKNOWN,
        actor=history_instance.history_actor,
        user_id=history_instance.history_user_id,
        opd_id=opd_id_of(obj) if instance is not None else None,
        changed_fields=list(changed_fields),
        reason=history_instance.history_change_reason or "",
    )


def _safe_str(obj) -> str:
    """The record's label for the timeline; opaque for models with confidential fields.

    A model whose history leaves fields out (``EXCLUDED_FIELDS``) or whose trail is restricted
    may well show those fields in ``__str__`` (a reporter's name), so it is shown as
    "<verbose name> #<pk>" only.
    """

    from .registry import EXCLUDED_FIELDS, roles_allowed_for

    label = obj._meta.label
    if (label in EXCLUDED_FIELDS and label != settings.AUTH_USER_MODEL) or roles_allowed_for(label):
        return f"{obj._meta.verbose_name} #{obj.pk}"
    try:
        return str(obj)
    except Exception:  # a __str__ touching a deleted relation must not break the write
        return f"{obj._meta.object_name} #{obj.pk}"


def record_log_entry_event(log_entry, *, door: str, actor: str) -> AuditEvent:
    """The event for one Wagtail log entry (pages: PageLogEntry; snippets etc.: ModelLogEntry)."""
    from wagtail.models import PageLogEntry

    is_page = isinstance(log_entry, PageLogEntry)
    values = type(log_entry).objects.filter(pk=log_entry.pk).values().get()
    content_type = log_entry.content_type
    label = f"{content_type.app_label}.{content_type.model}" if content_type else "wagtailcore.page"
    object_id = str(log_entry.page_id if is_page else log_entry.object_id)
    changed = []
    if log_entry.revision_id:
        changed = ["revision"]
    return append_event(
        source_digest=row_digest(values),
        source=EventSource.PAGE_LOG if is_page else EventSource.MODEL_LOG,
        source_id=log_entry.pk,
        action=log_entry.action,
        model=label,
        object_id=object_id,
        object_repr=_short(log_entry.label),
        occurred_at=log_entry.timestamp,
        door=door,
        actor=actor,
        user_id=log_entry.user_id,
        opd_id=None,
        changed_fields=changed,
        reason=str((log_entry.data or {}).get("comment", "")) if isinstance(log_entry.data, dict) else "",
    )


def source_model_for(event: AuditEvent) -> type[models.Model] | None:
    """The model holding an event's source row (a history model, a log entry, a read...)."""
    from wagtail.models import ModelLogEntry, PageLogEntry

    from .models import PruneRun, SensitiveRead

    if event.source == EventSource.HISTORY:
        try:  # events written before a model moved app name its old label
            tracked = apps.get_model(canonical_label(event.model))
        except (LookupError, ValueError):
            return None
        manager_attr = getattr(tracked._meta, "simple_history_manager_attribute", None)
        return getattr(tracked, manager_attr).model if manager_attr else None
    return {
        EventSource.PAGE_LOG: PageLogEntry,
        EventSource.MODEL_LOG: ModelLogEntry,
        EventSource.READ: SensitiveRead,
        EventSource.SYSTEM: PruneRun,
    }.get(event.source)


def current_door_and_actor() -> tuple[str, str, int | None]:
    """Door, actor name and user id of the code running now (request, job, command, shell)."""
    from .signals import door_of_request, process_actor

    actor = current_actor()
    if actor is not None:
        return actor.door, actor.name, actor.user_id
    from simple_history.models import HistoricalRecords

    request = getattr(HistoricalRecords.context, "request", None)
    door = door_of_request(request)
    if not door:
        door, name = process_actor()
        return door, name, None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return door, user.get_username(), user.pk
    return door, "anonim", None
