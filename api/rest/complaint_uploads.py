"""``POST /api/v1/complaints/uploads/``: a file checked ahead of a submission, for clients
without multipart (GraphQL, apps); see ``complaints.uploads`` and ADR 0006."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.parsers import MultiPartParser

from complaints import services
from complaints.uploads import upload_ttl

from .complaint_shared import PublicView, client_of
from .upload_tokens import the_file, token_created


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
        row, token = services.complaint_upload_create(upload=the_file(request), client=client_of(request))
        return token_created(row, token, expires_at=row.created_at + upload_ttl())
