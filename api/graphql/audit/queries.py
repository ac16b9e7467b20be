"""``auditEvents`` (the same filters as REST and the admin) and ``auditRecord``, over ``audit.selectors``."""

import graphene
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from audit.filters import TimelineFilter
from audit.selectors import audit_events, can_read_audit, record_history

from ..auth import require_user
from ..pagination import page_arguments, paginate
from .types import AuditEventPage, FieldDiffType, HistoryEntryType, RecordHistoryType


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
