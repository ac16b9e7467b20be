"""REST door for audit: the timeline (``/api/v1/audit/events/``) and a record's history.

Auditor and Inspektorat only: anonymous → 401, everyone else → 403. Filters are
``audit.filters.TimelineFilter`` (the same as the admin and GraphQL); rows come from
``audit.selectors.audit_events``, which hides restricted models (WBS) from Auditors.
"""

from django.http import Http404
from django.urls import path
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from api.pagination import CappedPagination
from audit.filters import TimelineFilter
from audit.models import AuditEvent
from audit.selectors import audit_events, can_read_audit, record_history


class CanReadAudit(permissions.BasePermission):
    def has_permission(self, request, view):
        return can_read_audit(request.user)


class AuditEventSerializer(serializers.ModelSerializer):
    username = serializers.SerializerMethodField()

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "seq",
            "occurred_at",
            "source",
            "action",
            "model",
            "object_id",
            "object_repr",
            "door",
            "actor",
            "user",
            "username",
            "opd_id",
            "changed_fields",
            "reason",
            "prev_hash",
            "hash",
        ]

    def get_username(self, event) -> str | None:
        return event.user.get_username() if event.user_id and event.user else None


class AuditEventViewSet(viewsets.ReadOnlyModelViewSet):
    """Audit events, newest first. Filters: model, object_id, user, actor, opd, action, door, source,
    date_from, date_to (YYYY-MM-DD, in the Pemda's time zone)."""

    serializer_class = AuditEventSerializer
    pagination_class = CappedPagination  # no exact COUNT(*) over a million events
    permission_classes = [permissions.IsAuthenticated, CanReadAudit]
    filter_backends = [DjangoFilterBackend]
    filterset_class = TimelineFilter

    def get_queryset(self):
        return audit_events(user=self.request.user)


class FieldDiffSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.CharField(help_text="value | text | json")
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)
    lines = serializers.ListField(child=serializers.CharField())
    items = serializers.ListField(child=serializers.DictField())


class HistoryEntrySerializer(serializers.Serializer):
    event = AuditEventSerializer(allow_null=True)
    history_id = serializers.IntegerField(allow_null=True)
    diffs = FieldDiffSerializer(many=True)


class RecordHistorySerializer(serializers.Serializer):
    model = serializers.CharField()
    object_id = serializers.CharField()
    entries = HistoryEntrySerializer(many=True)


class RecordHistoryView(APIView):
    """One record's history with field-level diffs (``model`` is a label like ``organizations.opd``)."""

    permission_classes = [permissions.IsAuthenticated, CanReadAudit]

    @extend_schema(responses=RecordHistorySerializer)
    def get(self, request, model_label: str, object_id: str):
        history = record_history(user=request.user, model_label=model_label, object_id=object_id)
        if history is None or not history.entries:
            raise Http404
        return Response(
            {
                "model": history.model_label,
                "object_id": history.object_id,
                "entries": [
                    {
                        "event": AuditEventSerializer(entry.event).data if entry.event else None,
                        "history_id": getattr(entry.history, "history_id", None),
                        "diffs": [d.as_dict() for d in entry.diffs],
                    }
                    for entry in history.entries
                ],
            }
        )


router = SimpleRouter()
router.register("audit/events", AuditEventViewSet, basename="audit-event")
urlpatterns: list = [
    path("audit/records/<str:model_label>/<str:object_id>/", RecordHistoryView.as_view(), name="audit-record"),
]
