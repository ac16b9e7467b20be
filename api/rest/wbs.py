"""REST door for WBS: thin views over ``wbs.services`` / ``wbs.investigation`` / ``wbs.selectors``.

Public (anonymous) endpoints: categories, submit, follow-up and reply by receipt code. They
forget the client's address and user agent before anything else runs and use no DRF throttle
(DRF's anonymous throttle keys on the IP address); the services apply a global limit instead.
Inspektorat endpoints live under ``cases/``; every detail read is logged by ``investigation.wbs_report_read``.
"""

import hashlib
import io

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from api.idempotency.wbs import idempotent_submit
from audit.actors import Door
from safefiles.responses import attachment_response
from wbs import investigation, selectors, services, uploads
from wbs.evidence import evidence_read
from wbs.models import IdentityRequest, ReportStatus, WbsEvidence, WbsReport
from wbs.privacy import client_of, forget_client, forget_reporter

from .upload_tokens import the_file, token_created
from .wbs_serializers import (
    AssignSerializer,
    BodySerializer,
    CaseDetailSerializer,
    CaseListSerializer,
    CategorySerializer,
    DecideSerializer,
    FollowUpSerializer,
    IdentityRequestSerializer,
    IdentitySerializer,
    ReasonSerializer,
    ReceiptCodeSerializer,
    ReceiptSerializer,
    ReplySerializer,
    StatusChangeSerializer,
    SubmitSerializer,
)


class ForgetClientMixin:
    """Strip the client's address and user agent before authentication, throttles or logging."""

    def initialize_request(self, request, *args, **kwargs):
        forget_client(request)
        return super().initialize_request(request, *args, **kwargs)


class IsInspector(permissions.BasePermission):
    message = selectors.NOT_ALLOWED

    def has_permission(self, request, view) -> bool:
        return selectors.is_inspector(request.user)


class PublicView(APIView):
    """The reporter's endpoints: no client trace, no signed-in user, no address-keyed throttle."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    throttle_classes: list = []

    def initialize_request(self, request, *args, **kwargs):
        forget_reporter(request)
        return super().initialize_request(request, *args, **kwargs)


class CategoryListView(PublicView):
    @extend_schema(responses=CategorySerializer(many=True))
    def get(self, request):
        return Response(CategorySerializer(selectors.category_list(), many=True).data)


def _receipt_data(submitted: services.Submitted) -> dict:
    return {
        "number": submitted.report.lookup_id,
        "receipt_code": submitted.receipt_code,
        "status": submitted.report.status,
    }


class SubmitView(PublicView):
    """File a report. ``Idempotency-Key`` makes retries safe; the code is sealed, never stored in clear."""

    @extend_schema(request=SubmitSerializer, responses={201: ReceiptSerializer})
    def post(self, request):

        serializer = SubmitSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)

        def run() -> dict:
            return _receipt_data(services.report_submit(**serializer.validated_data, client=client_of(request)))

        payload = {**serializer.validated_data, "evidence": _digests(serializer.validated_data["evidence"])}
        body, replayed = idempotent_submit(request, payload=payload, run=run)
        response = Response(body, status=status.HTTP_201_CREATED)
        response["Cache-Control"] = "no-store"
        if replayed:
            response["Idempotent-Replayed"] = "true"
        return response


class EvidenceUploadView(PublicView):
    """POST one evidence file (multipart ``file``) ahead of a report or reply, for clients without
    multipart (GraphQL ``evidence``): the same checks and cleaning as evidence sent with a report,
    stored encrypted; answers a single-use token. No client trace is kept with it."""

    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="wbs_evidence_upload",
        request={
            "multipart/form-data": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
        },
        responses={201: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        row, token = uploads.evidence_upload_create(upload=the_file(request), client=client_of(request))
        return token_created(row, token, expires_at=row.created_at + uploads.upload_ttl())


def _digests(files) -> list[dict]:
    """What identifies uploaded files in an Idempotency-Key's fingerprint (a retry sends the same files):
    size and content digest only, never the file name (a reporter's path may name them)."""
    out = []
    for upload in files:
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        out.append({"size": upload.size, "sha256": digest.hexdigest()})
    return out


def _follow_up_data(report: WbsReport) -> dict:
    return FollowUpSerializer(report).data


class FollowUpView(PublicView):
    """Status and messages of a report, by receipt code (POSTed, so the code stays out of URLs and logs)."""

    @extend_schema(request=ReceiptCodeSerializer, responses=FollowUpSerializer)
    def post(self, request):
        report = services.report_by_receipt(code=str(request.data.get("receipt_code", "")), client=client_of(request))
        response = Response(_follow_up_data(report))
        response["Cache-Control"] = "no-store"
        return response


class FollowUpReplyView(PublicView):
    @extend_schema(request=ReplySerializer, responses={201: FollowUpSerializer})
    def post(self, request):
        code = str(request.data.get("receipt_code", ""))
        evidence = request.FILES.getlist("evidence") if request.FILES else []
        services.reporter_reply(
            code=code, body=request.data.get("body", ""), client=client_of(request), evidence=evidence
        )
        report = services.report_by_receipt(code=code, client=client_of(request))
        return Response(_follow_up_data(report), status=status.HTTP_201_CREATED)


class CaseViewSet(ForgetClientMixin, viewsets.GenericViewSet):
    """The Inspektorat's cases: list, detail (read logged) and actions."""

    permission_classes = [permissions.IsAuthenticated, IsInspector]
    serializer_class = CaseListSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return WbsReport.objects.none()
        params = self.request.query_params
        status_filter = params.get("status") if params.get("status") in ReportStatus.values else None
        category = params.get("category") if str(params.get("category", "")).isdigit() else None
        return selectors.report_list(user=self.request.user, status=status_filter, category=category)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CaseListSerializer(page, many=True).data)

    def _get(self, pk) -> WbsReport:
        try:
            return selectors.report_get(user=self.request.user, pk=pk)
        except WbsReport.DoesNotExist:
            raise NotFound(_("Laporan tidak ditemukan.")) from None

    def _summary(self, report: WbsReport) -> dict:
        """Actions answer with the case summary; the content is only in the (logged) detail read."""
        fresh = selectors.report_list(user=self.request.user).get(pk=report.pk)
        return CaseListSerializer(fresh).data

    @extend_schema(responses=CaseDetailSerializer)
    def retrieve(self, request, pk=None):
        try:
            report = investigation.wbs_report_read(user=request.user, pk=pk, door=Door.REST)
        except WbsReport.DoesNotExist:
            raise NotFound(_("Laporan tidak ditemukan.")) from None
        return Response(CaseDetailSerializer(report, context={"request": request}).data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=r"evidence/(?P<evidence_pk>\d+)", url_name="evidence")
    def evidence(self, request, pk=None, evidence_pk=None):
        """One evidence file of the case, decrypted for an Inspektorat member; the read is logged."""
        report_pk = _int(pk)
        try:
            if report_pk is None:  # the file must belong to the case the URL names
                raise WbsEvidence.DoesNotExist
            evidence = evidence_read(user=request.user, pk=int(evidence_pk), door=Door.REST, report_pk=report_pk)
        except WbsEvidence.DoesNotExist:
            raise NotFound(_("Bukti tidak ditemukan.")) from None
        return attachment_response(
            io.BytesIO(evidence.data), filename=evidence.filename, content_type=evidence.content_type
        )

    @extend_schema(request=AssignSerializer, responses=CaseListSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        report = self._get(pk)
        User = get_user_model()
        assignee = User.objects.filter(pk=_int(request.data.get("assignee"))).first()
        investigation.report_assign(report=report, assignee=assignee, actor=request.user)
        return Response(self._summary(report))

    @extend_schema(request=StatusChangeSerializer, responses=CaseListSerializer)
    @action(detail=True, methods=["post"], url_path="status")
    def change_status(self, request, pk=None):
        report = self._get(pk)
        investigation.report_change_status(
            report=report,
            status=str(request.data.get("status", "")),
            reason=str(request.data.get("reason", "")),
            actor=request.user,
        )
        return Response(self._summary(report))

    @extend_schema(request=BodySerializer, responses={201: CaseListSerializer})
    @action(detail=True, methods=["post"])
    def notes(self, request, pk=None):
        report = self._get(pk)
        investigation.note_add(report=report, actor=request.user, body=str(request.data.get("body", "")))
        return Response(self._summary(report), status=status.HTTP_201_CREATED)

    @extend_schema(request=BodySerializer, responses={201: CaseListSerializer})
    @action(detail=True, methods=["post"])
    def messages(self, request, pk=None):
        report = self._get(pk)
        investigation.message_send(report=report, actor=request.user, body=str(request.data.get("body", "")))
        return Response(self._summary(report), status=status.HTTP_201_CREATED)

    @extend_schema(request=ReasonSerializer, responses={201: IdentityRequestSerializer})
    @action(detail=True, methods=["post"], url_path="identity-requests")
    def identity_requests(self, request, pk=None):
        report = self._get(pk)
        req = investigation.identity_request_create(
            report=report, actor=request.user, reason=str(request.data.get("reason", ""))
        )
        return Response(IdentityRequestSerializer(req).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=IdentitySerializer)
    @action(detail=True, methods=["post"], url_path="reveal-identity")
    def reveal_identity(self, request, pk=None):
        report = self._get(pk)
        identity = investigation.identity_reveal(report=report, actor=request.user, door=Door.REST)
        response = Response(identity)
        response["Cache-Control"] = "no-store"
        return response


class IdentityRequestViewSet(ForgetClientMixin, viewsets.GenericViewSet):
    permission_classes = [permissions.IsAuthenticated, IsInspector]
    serializer_class = IdentityRequestSerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return IdentityRequest.objects.none()
        return selectors.pending_identity_requests(user=self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(IdentityRequestSerializer(page, many=True).data)

    @extend_schema(request=DecideSerializer, responses=IdentityRequestSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        identity_request = get_object_or_404(selectors.pending_identity_requests(user=request.user), pk=_int(pk))
        approve = request.data.get("approve")
        if not isinstance(approve, bool):
            raise DRFValidationError({"approve": [_("Isi true (setujui) atau false (tolak).")]})
        decided = investigation.identity_request_decide(
            identity_request=identity_request,
            actor=request.user,
            approve=approve,
            note=str(request.data.get("note", "")),
        )
        return Response(IdentityRequestSerializer(decided).data)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


router = SimpleRouter()
router.register("wbs/cases", CaseViewSet, basename="wbs-case")
router.register("wbs/identity-requests", IdentityRequestViewSet, basename="wbs-identity-request")

urlpatterns: list = [
    path("wbs/categories/", CategoryListView.as_view(), name="wbs-categories"),
    path("wbs/reports/", SubmitView.as_view(), name="wbs-submit"),
    path("wbs/uploads/", EvidenceUploadView.as_view(), name="wbs-evidence-upload"),
    path("wbs/follow-up/", FollowUpView.as_view(), name="wbs-follow-up"),
    path("wbs/follow-up/reply/", FollowUpReplyView.as_view(), name="wbs-follow-up-reply"),
]
