"""Reads of the audit trail, already restricted to what the user may see.

Every reader (Wagtail admin, REST, GraphQL, exports) starts from ``audit_events``: it
returns nothing for users without an audit role and drops models whose trail is
restricted (``RESTRICTED_MODELS``, e.g. WBS → Inspektorat only).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q, QuerySet

from organizations.roles import GlobalRole
from organizations.selectors import has_global_role, user_global_roles

from .diffs import FieldDiff, history_diffs, revision_diffs
from .models import AuditEvent, EventSource
from .registry import RESTRICTED_MODELS, canonical_label, label_aliases, roles_allowed_for

AUDIT_READER_ROLES = (GlobalRole.AUDITOR, GlobalRole.INSPECTORATE)


def can_read_audit(user) -> bool:
    """Auditor, Inspektorat (and superusers) read the audit trail; nobody else does."""
    return has_global_role(user, *AUDIT_READER_ROLES)


def _may_read(user, roles: tuple[str, ...]) -> bool:
    if user.is_superuser:
        return True
    names = {str(r) for r in user_global_roles(user)}
    return bool(names & set(roles))


def hidden_models_filter(user) -> Q | None:
    """A Q matching events the user may NOT see (restricted models it lacks the role for)."""
    hidden = Q()
    any_hidden = False
    for key, roles in RESTRICTED_MODELS.items():
        if _may_read(user, roles):
            continue
        any_hidden = True
        hidden |= Q(model=key.lower()) if "." in key else Q(model__startswith=f"{key.lower()}.")
    return hidden if any_hidden else None


def audit_events(*, user) -> QuerySet[AuditEvent]:
    """Events ``user`` may read, newest first, with the user joined."""
    if not can_read_audit(user):
        return AuditEvent.objects.none()
    qs = AuditEvent.objects.select_related("user").order_by("-occurred_at", "-id")
    hidden = hidden_models_filter(user)
    if hidden is not None:
        qs = qs.exclude(hidden)
    return qs


def may_read_model(*, user, model_label: str) -> bool:
    if not can_read_audit(user):
        return False
    roles = roles_allowed_for(model_label)
    return roles is None or _may_read(user, roles)


@dataclass
class HistoryEntry:
    event: AuditEvent | None
    history: object | None
    diffs: list[FieldDiff] = field(default_factory=list)


@dataclass
class RecordHistory:
    model_label: str
    object_id: str
    verbose_name: str
    entries: list[HistoryEntry]


def record_history(*, user, model_label: str, object_id: str) -> RecordHistory | None:
    """A record's full trail, oldest first, each change with its field-level diff.

    ``None`` when the user may not read this model's trail (the door answers 404/403).
    """
    model_label = canonical_label(model_label)  # an old label of a moved model reads the same trail
    if not may_read_model(user=user, model_label=model_label):
        return None
    events = list(
        audit_events(user=user)
        .filter(model__in=label_aliases(model_label), object_id=str(object_id))
        .order_by("occurred_at", "id")
    )
    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        model = None
    verbose = str(model._meta.verbose_name) if model else model_label
    histories = {}
    manager_attr = getattr(model._meta, "simple_history_manager_attribute", None) if model else None
    if manager_attr:
        history_model = getattr(model, manager_attr).model
        pk_name = model._meta.pk.attname
        rows = list(
            history_model.objects.filter(**{pk_name: object_id})
            .select_related("history_user")
            .order_by("history_date", "history_id")
        )
        previous = None
        for row in rows:
            histories[row.history_id] = (row, history_diffs(new=row, old=previous))
            previous = row
    revision_ids = _revision_diff_map(events)
    entries = []
    for event in events:
        if event.source == EventSource.HISTORY and event.source_id in histories:
            row, diffs = histories.pop(event.source_id)
            entries.append(HistoryEntry(event=event, history=row, diffs=diffs))
        else:
            entries.append(HistoryEntry(event=event, history=None, diffs=revision_ids.get(event.pk, [])))
    # History rows without an event (written before the chain existed) still show.
    for row, diffs in histories.values():
        entries.append(HistoryEntry(event=None, history=row, diffs=diffs))
    entries.sort(key=lambda e: e.event.occurred_at if e.event else e.history.history_date)
    return RecordHistory(model_label=model_label, object_id=str(object_id), verbose_name=verbose, entries=entries)


def _revision_diff_map(events: list[AuditEvent]) -> dict[int, list[FieldDiff]]:
    """Diffs of Wagtail revisions (pages, snippets) between consecutive logged revisions."""
    from wagtail.models import ModelLogEntry, PageLogEntry, Revision

    log_ids = {
        EventSource.PAGE_LOG: [e.source_id for e in events if e.source == EventSource.PAGE_LOG],
        EventSource.MODEL_LOG: [e.source_id for e in events if e.source == EventSource.MODEL_LOG],
    }
    revision_of = {}
    for source, model in ((EventSource.PAGE_LOG, PageLogEntry), (EventSource.MODEL_LOG, ModelLogEntry)):
        if log_ids[source]:
            for log_id, rev_id in model.objects.filter(pk__in=log_ids[source]).values_list("pk", "revision_id"):
                if rev_id:
                    revision_of[(source, log_id)] = rev_id
    if not revision_of:
        return {}
    revisions = {r.pk: r for r in Revision.objects.filter(pk__in=set(revision_of.values()))}
    result, previous = {}, None
    for event in events:
        rev = revisions.get(revision_of.get((event.source, event.source_id)))
        if rev is None:
            continue
        if previous is not None and previous.pk != rev.pk:
            result[event.pk] = revision_diffs(new=rev.content, old=previous.content)
        elif previous is None:
            result[event.pk] = revision_diffs(new=rev.content, old={})
        previous = rev
    return result


def audited_model_labels(*, user) -> list[str]:
    """Model labels present in the user's timeline, for the model filter's choices."""
    from .registry import registered_models

    labels = {m._meta.label_lower for m in registered_models()}
    labels |= {"wagtailcore.page", "audit.auditevent"}
    return sorted(label for label in labels if may_read_model(user=user, model_label=label))
