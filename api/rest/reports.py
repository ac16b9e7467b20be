"""REST door for periodic reports under /api/v1/reports/: thin views over reporting's services.

- ``GET reports/current/``: what my OPDs must file in the current periods.
- ``GET reports/submissions/`` (filters ``status``, ``period``, ``form``, ``year``, ``opd``,
  ``assignment``; paginated), ``GET reports/submissions/{id}/`` with ``ETag``.
- ``PATCH reports/submissions/{id}/`` ``{"answers": {...}}``: merge into the draft. Send
  ``If-Match: <ETag>``; a stale one is a 412 ``stale_revision`` problem listing the changed
  fields (and the current ``ETag``). Without ``If-Match`` the write is accepted (last write
  wins) so simple clients keep working; every editing client should send it.
- ``POST reports/submissions/{id}/submit|return|verify|publish/`` and ``.../attachments/``
  (multipart): ``Idempotency-Key`` makes a retry safe (the replay is the first response,
  no second transition). ``GET .../attachments/{uuid}/`` downloads (same visibility as the report).

Visibility and rules are the services'; shapes and argument mapping are in ``api.reports_common``.
"""

from django.urls import path
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from api import reports_common as common
from api.filtersets.reports import SubmissionFilter
from api.idempotency import IdempotentMixin
from api.pagination import StandardPagination
from reporting import workflow
from reporting.models import Submission
from reporting.selectors import submission_get
from safefiles.responses import attachment_response

# --- Shapes (documented in OpenAPI; built by api.reports_common) --------------------------


class ReportAssignmentRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class ReportFormRefSerializer(ReportAssignmentRefSerializer):
    key = serializers.CharField()


class ReportOPDRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    acronym = serializers.CharField()


class ReportPeriodSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    period_type = serializers.CharField()
    year = serializers.IntegerField()
    number = serializers.IntegerField()
    label = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()


class SubmissionRowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    revision = serializers.IntegerField()
    etag = serializers.CharField()
    round = serializers.IntegerField()
    assignment = ReportAssignmentRefSerializer()
    form = ReportFormRefSerializer()
    form_version = serializers.IntegerField(allow_null=True)
    period = ReportPeriodSerializer()
    opd = ReportOPDRefSerializer()
    due_at = serializers.DateTimeField()
    locks_at = serializers.DateTimeField()
    reopened_until = serializers.DateTimeField(allow_null=True)
    is_late = serializers.BooleanField()
    first_submitted_at = serializers.DateTimeField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    verified_at = serializers.DateTimeField(allow_null=True)
    published_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()


class ReportAttachmentSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    field_path = serializers.CharField()
    name = serializers.CharField()
    mime = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_at = serializers.DateTimeField()
    url = serializers.CharField()


class ReportTransitionSerializer(serializers.Serializer):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor = serializers.CharField()
    at = serializers.DateTimeField()
    comment = serializers.CharField()
    field_comments = serializers.DictField(child=serializers.CharField())
    round = serializers.IntegerField()
    diff = serializers.JSONField()


class ReportPermissionsSerializer(serializers.Serializer):
    edit = serializers.BooleanField()
    review = serializers.BooleanField()
    publish = serializers.BooleanField()


class SubmissionDetailSerializer(SubmissionRowSerializer):
    answers = serializers.JSONField()
    computed = serializers.JSONField()
    score = serializers.JSONField()
    returned_fields = serializers.DictField(child=serializers.CharField())
    reopen_reason = serializers.CharField()
    attachments = ReportAttachmentSerializer(many=True)
    transitions = ReportTransitionSerializer(many=True)
    permissions = ReportPermissionsSerializer()


# --- Requests -----------------------------------------------------------------------------


class ReportDraftSerializer(serializers.Serializer):
    answers = serializers.DictField(allow_empty=True, help_text="Jawaban (sebagian boleh): {kunci: nilai}.")


class ReportReturnSerializer(serializers.Serializer):
    field_comments = serializers.DictField(
        child=serializers.CharField(max_length=2000), help_text="Jalur isian -> catatan; hanya isian ini dibuka."
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    reopen_fields = serializers.ListField(
        child=serializers.CharField(max_length=255),
        required=False,
        max_length=500,
        help_text="Jalur isian lain yang ikut dibuka tanpa catatan sendiri (isian berkas juga boleh).",
    )


class ReportCommentSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class ReportUploadSerializer(serializers.Serializer):
    field_path = serializers.CharField(max_length=200, help_text="Jalur isian berkas, mis. `dokumen`.")
    file = serializers.FileField()


IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description=(
        "ETag terakhir yang dilihat klien. Bila laporan sudah berubah: 412 `stale_revision` berisi isian yang "
        "berubah. Tanpa header ini perubahan tetap diterima (yang terakhir menang); sangat dianjurkan dikirim."
    ),
)
STALE = OpenApiResponse(description="Laporan sudah berubah (problem+json `stale_revision`, `errors` = isian berubah).")


def _rows(page) -> list:
    return SubmissionRowSerializer([common.submission_row(s) for s in page], many=True).data


def _detail_response(request, pk) -> Response:
    s = submission_get(user=request.user, pk=pk)
    data = SubmissionDetailSerializer(common.submission_detail(s, user=request.user)).data
    return Response(data, headers={"ETag": s.etag})


class SubmissionViewSet(IdempotentMixin, viewsets.GenericViewSet):
    """Reports the user may see (an OPD user: only its OPDs'; Pemda-wide readers: all)."""

    permission_classes = [IsAuthenticated]
    pagination_class = StandardPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = SubmissionFilter
    serializer_class = SubmissionRowSerializer
    queryset = Submission.objects.none()  # for the schema; get_queryset goes through the selectors
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return common.submission_list(user=self.request.user)

    def _act(self, request, pk, name: str, serializer_class=None) -> Response:
        s = submission_get(user=request.user, pk=pk)
        data = {}
        if serializer_class is not None:
            body = serializer_class(data=request.data)
            body.is_valid(raise_exception=True)
            data = dict(body.validated_data)
        if name == "submit":
            data["expected_revision"] = common.expected_revision_from_etag(
                request.headers.get("If-Match"), submission=s
            )
        common.run_action(submission=s, actor=request.user, action=name, **data)
        return _detail_response(request, pk)

    @extend_schema(operation_id="reports_submissions_list", responses=SubmissionRowSerializer(many=True))
    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(_rows(page))

    @extend_schema(operation_id="reports_submissions_retrieve", responses=SubmissionDetailSerializer)
    def retrieve(self, request, pk=None):
        return _detail_response(request, pk)

    @extend_schema(
        operation_id="reports_submissions_save_draft",
        request=ReportDraftSerializer,
        parameters=[IF_MATCH],
        responses={200: SubmissionDetailSerializer, 412: STALE},
    )
    def partial_update(self, request, pk=None):
        s = submission_get(user=request.user, pk=pk)
        expected = common.expected_revision_from_etag(request.headers.get("If-Match"), submission=s)
        body = ReportDraftSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        common.save_draft(
            submission=s, actor=request.user, answers=body.validated_data["answers"], expected_revision=expected
        )
        return _detail_response(request, pk)

    @extend_schema(
        operation_id="reports_submissions_submit",
        request=None,
        parameters=[IF_MATCH],
        responses={200: SubmissionDetailSerializer, 412: STALE},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._act(request, pk, "submit")

    @extend_schema(
        operation_id="reports_submissions_return", request=ReportReturnSerializer, responses=SubmissionDetailSerializer
    )
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        return self._act(request, pk, "return", ReportReturnSerializer)

    @extend_schema(
        operation_id="reports_submissions_verify", request=ReportCommentSerializer, responses=SubmissionDetailSerializer
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return self._act(request, pk, "verify", ReportCommentSerializer)

    @extend_schema(operation_id="reports_submissions_publish", request=None, responses=SubmissionDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._act(request, pk, "publish")

    @extend_schema(
        operation_id="reports_submissions_attach",
        request=ReportUploadSerializer,
        responses={201: ReportAttachmentSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def attachments(self, request, pk=None):
        s = submission_get(user=request.user, pk=pk)
        body = ReportUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        attachment = workflow.submission_attach(
            submission=s, actor=request.user, field_path=data["field_path"], upload=data["file"]
        )
        return Response(common.attachment_dict(attachment), status=status.HTTP_201_CREATED)


class CurrentView(APIView):
    """What my OPDs must file in the current periods (not started, drafts, returned, ...)."""

    permission_classes = [IsAuthenticated]
    pagination_class = StandardPagination

    @extend_schema(operation_id="reports_current", responses=SubmissionRowSerializer(many=True))
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(common.current_list(user=request.user), request, view=self)
        return paginator.get_paginated_response(_rows(page))


class AttachmentDownloadView(APIView):
    """Download an attachment of a report the user may see (never public)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="reports_attachment_download",
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request, pk, uuid):
        attachment = common.attachment_get(submission=submission_get(user=request.user, pk=pk), uuid=uuid)
        return attachment_response(attachment.file.open("rb"), content_type=attachment.mime, filename=attachment.name)


router = SimpleRouter()
router.register("reports/submissions", SubmissionViewSet, basename="report-submission")

urlpatterns = [
    path("reports/current/", CurrentView.as_view(), name="report-current"),
    path(
        "reports/submissions/<int:pk>/attachments/<uuid:uuid>/",
        AttachmentDownloadView.as_view(),
        name="report-attachment",
    ),
]
