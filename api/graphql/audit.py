"""GraphQL door for audit: ``auditEvents`` (same filters as REST and the admin) and ``auditRecord``.

Auditor and Inspektorat only (401 anonymous, 403 others); restricted models (WBS) are
hidden from Auditors by ``audit.selectors``.
"""

import graphene
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from audit.filters import TimelineFilter
from audit.selectors import audit_events, can_read_audit, record_history

from .auth import require_user
from .pagination import page_arguments, paginate, paginated_type


class AuditEventType(graphene.ObjectType):
    class Meta:
        name = "AuditEvent"

    id = graphene.ID(required=True)
    seq = graphene.Int()
    occurred_at = graphene.DateTime(required=True)
    source = graphene.String(required=True)
    action = graphene.String(required=True)
    model = graphene.String(required=True)
    object_id = graphene.String(required=True)
    object_repr = graphene.String(required=True)
    door = graphene.String(required=True)
    actor = graphene.String(required=True)
    user_id = graphene.ID()
    username = graphene.String()
    opd_id = graphene.ID()
    changed_fields = graphene.List(graphene.NonNull(graphene.String), required=True)
    reason = graphene.String(required=True)
    hash = graphene.String(required=True)

    def resolve_id(event, info):
        return event.pk

    def resolve_username(event, info):
        return event.user.get_username() if event.user_id and event.user else None


AuditEventPage = paginated_type(AuditEventType, name="AuditEventPage")


class FieldDiffType(graphene.ObjectType):
    class Meta:
        name = "AuditFieldDiff"

    field = graphene.String(required=True)
    label = graphene.String(required=True)
    kind = graphene.String(required=True)
    old = graphene.JSONString()
    new = graphene.JSONString()
    lines = graphene.List(graphene.NonNull(graphene.String), required=True)
    items = graphene.JSONString(required=True)


class HistoryEntryType(graphene.ObjectType):
    class Meta:
        name = "AuditHistoryEntry"

    event = graphene.Field(AuditEventType)
    diffs = graphene.List(graphene.NonNull(FieldDiffType), required=True)


class RecordHistoryType(graphene.ObjectType):
    class Meta:
        name = "AuditRecordHistory"

    model = graphene.String(required=True)
    object_id = graphene.String(required=True)
    entries = graphene.List(graphene.NonNull(HistoryEntryType), required=True)


def _reader(info):
    user = require_user(info)
    if not can_read_audit(user):
        raise PermissionDenied
    return user


def _filter_args() -> dict:
    return {
        "model": graphene.String(),
        "object_id": graphene.String(),
        "user": graphene.ID(),
        "actor": graphene.String(),
        "opd": graphene.ID(),
        "action": graphene.String(),
        "door": graphene.String(),
        "source": graphene.String(),
        "date_from": graphene.Date(),
        "date_to": graphene.Date(),
    }


class AuditQuery(graphene.ObjectType):
    audit_events = graphene.Field(
        AuditEventPage,
        required=True,
        description="Linimasa jejak audit (Auditor dan Inspektorat).",
        **_filter_args(),
        **page_arguments(),
    )
    audit_record = graphene.Field(
        RecordHistoryType,
        model=graphene.String(required=True),
        object_id=graphene.String(required=True),
        description="Riwayat lengkap satu rekaman dengan perbedaan per kolom.",
    )

    def resolve_audit_events(root, info, page=1, page_size=None, **filters):
        user = _reader(info)
        data = {k: str(v) for k, v in filters.items() if v is not None}
        filterset = TimelineFilter(data=data, queryset=audit_events(user=user))
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        return paginate(filterset.qs, page=page, page_size=page_size)

    def resolve_audit_record(root, info, model, object_id):
        user = _reader(info)
        history = record_history(user=user, model_label=model, object_id=object_id)
        if history is None or not history.entries:
            raise Http404
        return RecordHistoryType(
            model=history.model_label,
            object_id=history.object_id,
            entries=[
                HistoryEntryType(event=e.event, diffs=[FieldDiffType(**_diff(d)) for d in e.diffs])
                for e in history.entries
            ],
        )


def _diff(diff) -> dict:
    data = diff.as_dict()
    return {
        "field": data["field"],
        "label": data["label"],
        "kind": data["kind"],
        "old": data["old"],
        "new": data["new"],
        "lines": data["lines"],
        "items": data["items"],
    }


queries: list[type] = [AuditQuery]
mutations: list[type] = []
