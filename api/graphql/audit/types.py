"""GraphQL types of the audit trail: events (paginated) and one record's history with its diffs."""

import graphene

from ..pagination import paginated_type


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
