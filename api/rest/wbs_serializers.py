"""Serializers of the WBS REST door (shapes only; rules live in ``wbs.services``)."""

import datetime

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wbs.models import IdentityRequest, WbsCategory, WbsEvidence, WbsMessage, WbsNote, WbsReport


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = WbsCategory
        fields = ["id", "name", "slug", "description"]


class SubmitSerializer(serializers.Serializer):
    """Input of a submission; field names are the public API, ``source`` maps them to the service."""

    category = serializers.IntegerField(source="category_id")
    reported_opd = serializers.IntegerField(source="reported_opd_id")
    reported_person = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)
    incident_date = serializers.DateField(required=False, allow_null=True)
    location = serializers.CharField(required=False, allow_blank=True, default="")
    identity_name = serializers.CharField(required=False, allow_blank=True, default="")
    identity_contact = serializers.CharField(required=False, allow_blank=True, default="")
    website = serializers.CharField(source="honeypot", required=False, allow_blank=True, default="")
    evidence = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text="Berkas bukti (multipart/form-data, boleh lebih dari satu); isi dan metadata diperiksa.",
    )


class MessageSerializer(serializers.ModelSerializer):
    sender = serializers.CharField(read_only=True)

    class Meta:
        model = WbsMessage
        fields = ["sender", "body", "created_at"]


class FollowUpSerializer(serializers.ModelSerializer):
    """What the reporter sees: status and messages, never internal notes or the assignee."""

    number = serializers.CharField(source="lookup_id")
    status = serializers.CharField(read_only=True)
    status_display = serializers.CharField(source="get_status_display")
    category = serializers.CharField(source="category.name")
    title = serializers.CharField(source="content.title")
    messages = MessageSerializer(many=True)

    class Meta:
        model = WbsReport
        fields = ["number", "status", "status_display", "category", "title", "created_at", "messages"]


class CaseListSerializer(serializers.ModelSerializer):
    number = serializers.CharField(source="lookup_id")
    status = serializers.CharField(read_only=True)
    category = serializers.CharField(source="category.name")
    reported_opd = serializers.CharField(source="reported_opd.name")
    assignee = serializers.CharField(source="assignee.username", default=None)
    title = serializers.SerializerMethodField()

    class Meta:
        model = WbsReport
        fields = ["id", "number", "status", "category", "reported_opd", "assignee", "title", "created_at", "closed_at"]

    def get_title(self, obj) -> str:
        content = getattr(obj, "content", None) if obj.content_purged_at is None else None
        return content.title if content else ""


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", default=None)

    class Meta:
        model = WbsNote
        fields = ["id", "author", "body", "created_at"]


class StaffMessageSerializer(serializers.ModelSerializer):
    sender = serializers.CharField(read_only=True)
    author = serializers.CharField(source="author.username", default=None)

    class Meta:
        model = WbsMessage
        fields = ["id", "sender", "author", "body", "created_at"]


class IdentityRequestSerializer(serializers.ModelSerializer):
    requested_by = serializers.CharField(source="requested_by.username")
    status = serializers.CharField(read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", default=None)

    class Meta:
        model = IdentityRequest
        fields = ["id", "report", "requested_by", "reason", "status", "decided_by", "decision_note", "created_at"]


class EvidenceSerializer(serializers.ModelSerializer):
    message = serializers.PrimaryKeyRelatedField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = WbsEvidence
        fields = ["id", "content_type", "size", "created_at", "message", "url"]

    def get_url(self, obj) -> str:
        return f"/api/v1/wbs/cases/{obj.report_id}/evidence/{obj.pk}/"


class CaseDetailSerializer(CaseListSerializer):
    reported_person = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    incident_date = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()
    messages = StaffMessageSerializer(many=True)
    notes = NoteSerializer(many=True)
    identity_requests = IdentityRequestSerializer(many=True)
    evidence = serializers.SerializerMethodField(help_text="Berkas bukti; unduh lewat `url` (setiap unduhan dicatat).")

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields,
            "reported_person",
            "description",
            "incident_date",
            "location",
            "has_identity",
            "content_purged_at",
            "messages",
            "notes",
            "identity_requests",
            "evidence",
        ]

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, obj) -> list:
        rows = obj.evidence.defer("ciphertext").order_by("pk")  # metadata only: the file is read when downloaded
        return EvidenceSerializer(rows, many=True, context={"report": obj}).data

    def _content(self, obj):
        return getattr(obj, "content", None) if obj.content_purged_at is None else None

    def get_reported_person(self, obj) -> str:
        content = self._content(obj)
        return content.reported_person if content else ""

    def get_description(self, obj) -> str:
        content = self._content(obj)
        return content.description if content else ""

    def get_incident_date(self, obj) -> datetime.date | None:
        content = self._content(obj)
        return content.incident_date if content else None

    def get_location(self, obj) -> str:
        content = self._content(obj)
        return content.location if content else ""


# --- Shapes for the OpenAPI schema of inputs and small outputs -------------------------------


class ReceiptSerializer(serializers.Serializer):
    number = serializers.CharField()
    receipt_code = serializers.CharField(help_text="Tampil sekali; simpan baik-baik.")
    status = serializers.CharField()


class ReceiptCodeSerializer(serializers.Serializer):
    receipt_code = serializers.CharField()


class ReplySerializer(ReceiptCodeSerializer):
    body = serializers.CharField()
    evidence = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        default=list,
        help_text="Berkas bukti tambahan (multipart/form-data).",
    )


class AssignSerializer(serializers.Serializer):
    assignee = serializers.IntegerField()


class StatusChangeSerializer(serializers.Serializer):
    status = serializers.CharField()
    reason = serializers.CharField(required=False, allow_blank=True)


class BodySerializer(serializers.Serializer):
    body = serializers.CharField()


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class DecideSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True)


class IdentitySerializer(serializers.Serializer):
    name = serializers.CharField()
    contact = serializers.CharField()
