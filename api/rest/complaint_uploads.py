"""``POST /api/v1/complaints/uploads/``: a file checked ahead of a submission, for clients
without multipart (GraphQL, apps); see ``complaints.uploads`` and ADR 0006."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from complaints import services
from complaints.uploads import upload_ttl

from .complaint_shared import PublicView, client_of


class ComplaintUploadView(PublicView):
    """POST one file (multipart ``file``) ahead of a submission: the same checks as a multipart
    submission; answers a token for ``uploads`` (REST) or ``attachments`` (GraphQL), valid once."""

    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="complaints_upload",
        request={
            "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
        },
        responses={201: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            raise serializers.ValidationError({"file": [_("Kirim satu berkas pada isian 'file'.")]})
        row, token = services.complaint_upload_create(upload=upload, client=client_of(request))
        expires = row.created_at + upload_ttl()
        return Response(
            {"token": token, "content_type": row.content_type, "size": row.size, "expires_at": expires},
            status=status.HTTP_201_CREATED,
        )
