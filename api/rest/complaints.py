"""REST door for complaints under /api/v1/complaints/: thin views over complaints.services/selectors.

Public (no login): submit (``Idempotency-Key`` supported), public list/detail, "me too",
and the reporter's actions by tracking code + secret (sent in the body, never in the URL).
Staff (login): list/filter, detail, and the workflow actions. What each audience sees is
decided in ``complaints.exposure``.
"""

import copy
import hashlib
import json

from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from api.idempotency import REPLAYED_HEADER, IdempotentMixin
from api.pagination import StandardPagination
from audit.actors import Door
from complaints import exposure, services
from complaints.errors import RateLimitedError
from complaints.models import Handling, Privacy, RejectReason, Status
from complaints.selectors import (
    complaint_attachment_for,
    complaint_get_staff,
    complaint_list_staff,
    complaint_public_get,
    complaint_public_list,
    complaint_track,
)
from organizations.selectors import public_opds

router = SimpleRouter()


class HashedAnonThrottle(AnonRateThrottle):
    """DRF's anonymous throttle with the client address hashed in the cache key."""

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        ident = hashlib.sha256(f"{self.get_ident(request)}".encode()).hexdigest()[:32]
        return self.cache_format % {"scope": self.scope, "ident": ident}


class CappedPaginator(Paginator):
    """Counts at most ``COUNT_CAP + 1`` rows: an exact COUNT(*) over a million complaints costs
    more than the page itself. ``count`` above ``COUNT_CAP`` means "more than COUNT_CAP"."""

    COUNT_CAP = 10_000

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.COUNT_CAP + 1].count()


class ComplaintPagination(StandardPagination):
    django_paginator_class = CappedPaginator


def client_of(request) -> str:
    """The client key for rate limits (hashed by the limiter, never stored)."""
    return request.META.get("REMOTE_ADDR", "")


class PublicView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [HashedAnonThrottle]


# --- Public: submit ---------------------------------------------------------------------


class ComplaintSubmitSerializer(serializers.Serializer):
    kind = serializers.CharField(required=False, allow_blank=True)
    category = serializers.CharField(max_length=60)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10_000)
    location_text = serializers.CharField(max_length=255, required=False, allow_blank=True)
    kecamatan = serializers.IntegerField(required=False, allow_null=True)
    kelurahan = serializers.IntegerField(required=False, allow_null=True)
    lat = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    long = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    incident_date = serializers.DateField(required=False, allow_null=True)
    privacy = serializers.ChoiceField(choices=Privacy.choices, required=False)
    reporter_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    reporter_email = serializers.EmailField(required=False, allow_blank=True)
    reporter_phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    website = serializers.CharField(required=False, allow_blank=True)  # honeypot
    extra = serializers.JSONField(required=False, help_text="Isian tambahan kategori (formulir builder).")
    attachments = serializers.ListField(child=serializers.FileField(), required=False, max_length=10)
    uploads = serializers.ListField(
        child=serializers.CharField(max_length=64),
        required=False,
        max_length=10,
        help_text="Token dari POST /api/v1/complaints/uploads/ (untuk klien tanpa multipart).",
    )

    def get_fields(self):
        """Fresh field instances without DRF's ``deepcopy`` of every declared field (a
        measurable share of a submission, ADR 0006); fields holding a child field are copied."""
        return {
            name: copy.deepcopy(f) if "child" in f._kwargs else f.__class__(*f._args, **f._kwargs)
            for name, f in self._declared_fields.items()
        }

    def validate(self, attrs):
        for field in ("kecamatan", "kelurahan"):
            if attrs.get(field) is not None:
                attrs[field] = public_opds().filter(pk=attrs[field], kind=field).first()
                if attrs[field] is None:
                    raise serializers.ValidationError({field: [_("Pilihan tidak dikenal.")]})
        return attrs


def submit_response(request, data: dict, files) -> tuple[int, dict]:
    """Shared by REST submit: returns (status, payload incl. the secret)."""
    uploads = data.pop("uploads", [])
    result = services.complaint_submit(
        data=data, files=files, uploads=uploads, client=client_of(request), door=Door.REST
    )
    return status.HTTP_201_CREATED, {
        "tracking_code": result.complaint.tracking_code,
        "secret": result.secret,
        "status": result.complaint.status,
        "due_date": result.complaint.due_date,
    }


class ComplaintSubmitView(IdempotentMixin, PublicView):
    """POST a complaint. The secret is shown once and never stored in clear: the stored
    idempotent response omits it, and a replay issues a fresh secret for the same complaint."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        operation_id="complaints_submit", request=ComplaintSubmitSerializer, responses={201: OpenApiTypes.OBJECT}
    )
    def post(self, request):
        s = ComplaintSubmitSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        files = data.pop("attachments", [])
        if hasattr(request.data, "getlist"):
            files = request.FILES.getlist("attachments") or files
        try:
            code, payload = submit_response(request, data, files)
        except RateLimitedError as exc:
            from rest_framework.exceptions import Throttled

            raise Throttled(detail=str(exc)) from exc
        self._secret = payload.pop("secret")
        return Response(payload, status=code)

    def dispatch(self, request, *args, **kwargs):
        self._secret = None
        response = super().dispatch(request, *args, **kwargs)
        secret = self._secret
        if response.status_code == 201 and response.get(REPLAYED_HEADER) == "true":
            body = json.loads(response.content)
            secret = services.complaint_secret_for_replay(tracking_code=body.get("tracking_code"))
        if secret and response.status_code == 201:
            if getattr(response, "is_rendered", True) is False:
                response.data = {**response.data, "secret": secret}
            else:
                response.content = json.dumps({**json.loads(response.content), "secret": secret}, default=str)
        return response


# --- Public: list, detail, support ------------------------------------------------------


class PublicListView(PublicView):
    @extend_schema(operation_id="complaints_public_list", responses=OpenApiTypes.OBJECT)
    def get(self, request):
        qs = complaint_public_list(category=request.query_params.get("category"))
        st = request.query_params.get("status")
        if st:
            qs = qs.filter(status=st)
        paginator = ComplaintPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response([exposure.public_dict(c) for c in page])


class PublicDetailView(PublicView):
    @extend_schema(operation_id="complaints_public_retrieve", responses=OpenApiTypes.OBJECT)
    def get(self, request, code):
        c = complaint_public_get(code=code)
        if c is None:
            raise Http404
        return Response({**exposure.public_dict(c), "timeline": _public_timeline(c)})


def _public_timeline(c):
    from complaints.selectors import complaint_timeline

    return [exposure._event(e) for e in complaint_timeline(complaint=c, audience="public")]


class SupportView(PublicView):
    @extend_schema(operation_id="complaints_public_support", request=None, responses=OpenApiTypes.OBJECT)
    def post(self, request, code):
        c = complaint_public_get(code=code)
        if c is None:
            raise Http404
        return Response({"support_count": services.complaint_support(complaint=c, client=client_of(request))})


# --- Reporter: tracking by code + secret ------------------------------------------------


class ComplaintTrackSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=30)
    secret = serializers.CharField(max_length=40)


class TrackView(PublicView):
    """POST {code, secret} → the reporter's view. Wrong pairs all answer the same 404."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    action = "view"

    def post(self, request):
        s = ComplaintTrackSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        from complaints import ratelimit

        if not ratelimit.hit(scope="complaint-track", client=client_of(request), limit=60, window=600):
            from rest_framework.exceptions import Throttled

            raise Throttled()
        c = complaint_track(code=s.validated_data["code"], secret=s.validated_data["secret"])
        if c is None:
            raise Http404
        self.run(request, c)
        c = complaint_track(code=s.validated_data["code"], secret=s.validated_data["secret"])
        return Response(exposure.reporter_dict(c))

    def run(self, request, complaint) -> None:
        data = request.data
        if self.action == "information":
            files = request.FILES.getlist("attachments") if hasattr(request, "FILES") else []
            uploads = data.getlist("uploads") if hasattr(data, "getlist") else data.get("uploads") or []
            services.complaint_add_information(
                complaint=complaint,
                body=data.get("body", ""),
                files=files,
                uploads=uploads if isinstance(uploads, list) else [uploads],
                door=Door.REST,
            )
        elif self.action == "rate":
            services.complaint_rate(
                complaint=complaint, rating=data.get("rating"), comment=data.get("comment", ""), door=Door.REST
            )
        elif self.action == "reopen":
            services.complaint_reopen(complaint=complaint, reason=data.get("reason", ""), door=Door.REST)
        elif self.action == "confirm":
            services.complaint_confirm(complaint=complaint, door=Door.REST)


# --- Staff ------------------------------------------------------------------------------


class ComplaintStaffFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    category = serializers.SlugField(required=False)
    opd = serializers.IntegerField(required=False)
    privacy = serializers.ChoiceField(choices=Privacy.choices, required=False)
    overdue = serializers.BooleanField(required=False, allow_null=True, default=None)
    escalated = serializers.BooleanField(required=False, allow_null=True, default=None)
    q = serializers.CharField(required=False, max_length=200)
    created_from = serializers.DateField(required=False)
    created_to = serializers.DateField(required=False)


class StaffListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="complaints_staff_list", parameters=[ComplaintStaffFilterSerializer], responses=OpenApiTypes.OBJECT
    )
    def get(self, request):
        f = ComplaintStaffFilterSerializer(data=request.query_params)
        f.is_valid(raise_exception=True)
        qs = complaint_list_staff(user=request.user, **f.validated_data)
        paginator = ComplaintPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        today = exposure.local_today()
        return paginator.get_paginated_response([exposure.staff_row(c, today) for c in page])


class StaffDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="complaints_staff_retrieve", responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        c = complaint_get_staff(user=request.user, pk=pk)
        data = exposure.staff_dict(c, user=request.user)
        if services.access.is_desk(request.user):
            data["duplicates"] = [exposure.staff_row(d) for d in services.complaint_duplicate_candidates(complaint=c)]
        return Response(data)


class ComplaintActionSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    body = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    public = serializers.BooleanField(required=False, default=False)
    opd = serializers.IntegerField(required=False)
    handling = serializers.ChoiceField(choices=Handling.choices, required=False)
    primary = serializers.IntegerField(required=False)


class StaffActionView(IdempotentMixin, APIView):
    """POST /staff/<id>/<action>/: verify, reject, assign, start, note, answer, close, merge, reveal-reporter."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="complaints_staff_action", request=ComplaintActionSerializer, responses=OpenApiTypes.OBJECT
    )
    def post(self, request, pk, action):
        c = complaint_get_staff(user=request.user, pk=pk)
        s = ComplaintActionSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        d, user, door = s.validated_data, request.user, Door.REST
        common = {"complaint": c, "actor": user, "door": door}
        if action == "verify":
            services.complaint_verify(**common, handling=d.get("handling"))
        elif action == "reject":
            services.complaint_reject(**common, reason=d.get("reason", ""), note=d.get("note", ""))
        elif action == "assign":
            opd = public_opds().filter(pk=d.get("opd")).first()
            if opd is None:
                raise serializers.ValidationError({"opd": [_("Pilih OPD.")]})
            services.complaint_assign(**common, opd=opd, handling=d.get("handling"), reason=d.get("reason", ""))
        elif action == "start":
            services.complaint_start(**common)
        elif action == "note":
            services.complaint_add_note(**common, body=d.get("body", ""), public=d["public"])
        elif action == "answer":
            services.complaint_answer(**common, body=d.get("body", ""))
        elif action == "close":
            services.complaint_close(**common, reason=d.get("reason", ""))
        elif action == "merge":
            primary = complaint_list_staff(user=user).filter(pk=d.get("primary")).first()
            if primary is None:
                raise serializers.ValidationError({"primary": [_("Pengaduan utama tidak ditemukan.")]})
            services.complaint_merge(duplicate=c, primary=primary, actor=user, door=door)
        elif action == "reveal-reporter":
            identity = services.complaint_reveal_reporter(**common)
            data = {"name": identity.name, "email": identity.email, "phone": identity.phone} if identity else None
            return Response({"reporter": data})
        else:
            raise Http404
        c = complaint_get_staff(user=user, pk=pk)
        return Response(exposure.staff_dict(c, user=user))


class AttachmentView(APIView):
    """Download an attachment: public complaints for all; otherwise staff who see it."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="complaints_attachment", responses={(200, "application/octet-stream"): OpenApiTypes.BINARY}
    )
    def get(self, request, uuid):
        user = request.user if request.user else AnonymousUser()
        att = complaint_attachment_for(uuid=str(uuid), user=user)
        if att is None:
            raise Http404
        return FileResponse(att.file.open("rb"), content_type=att.content_type)


def _track(action: str):
    @extend_schema(
        operation_id=f"complaints_track_{action}", request=ComplaintTrackSerializer, responses=OpenApiTypes.OBJECT
    )
    def post(self, request):
        return TrackView.post(self, request)

    return type(f"Track{action.title()}View", (TrackView,), {"action": action, "post": post}).as_view()


from .complaint_uploads import ComplaintUploadView  # noqa: E402 - it builds on PublicView above

urlpatterns = [
    path("complaints/", ComplaintSubmitView.as_view(), name="complaint-submit"),
    path("complaints/uploads/", ComplaintUploadView.as_view(), name="complaint-upload"),
    path("complaints/public/", PublicListView.as_view(), name="complaint-public-list"),
    path("complaints/public/<str:code>/", PublicDetailView.as_view(), name="complaint-public-detail"),
    path("complaints/public/<str:code>/support/", SupportView.as_view(), name="complaint-support"),
    path("complaints/track/", _track("view"), name="complaint-track"),
    path("complaints/track/information/", _track("information"), name="complaint-track-information"),
    path("complaints/track/rate/", _track("rate"), name="complaint-track-rate"),
    path("complaints/track/reopen/", _track("reopen"), name="complaint-track-reopen"),
    path("complaints/track/confirm/", _track("confirm"), name="complaint-track-confirm"),
    path("complaints/staff/", StaffListView.as_view(), name="complaint-staff-list"),
    path("complaints/staff/<int:pk>/", StaffDetailView.as_view(), name="complaint-staff-detail"),
    path("complaints/staff/<int:pk>/<str:action>/", StaffActionView.as_view(), name="complaint-staff-action"),
    path("complaints/attachments/<uuid:uuid>/", AttachmentView.as_view(), name="complaint-attachment"),
]

__all__ = ["RejectReason", "router", "urlpatterns"]
