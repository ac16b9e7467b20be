"""Public complaint views (no login): submit (``Idempotency-Key`` supported), the public
list and detail, and "me too" support."""

import copy
import json

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from api.idempotency import HEADER, REPLAYED_HEADER, IdempotentMixin
from api.idempotency.sealed import COMPLAINT_SECRET, seal, unseal
from api.parsers import ObjectJSONParser
from audit.actors import Door
from complaints import exposure, services
from complaints.lookups import location_choice
from complaints.models import Privacy
from complaints.search import MAX_QUERY_CHARS
from complaints.selectors import complaint_public_get, complaint_public_list, complaint_timeline

from .complaint_shared import ComplaintPagination, PublicView, client_of

# --- Submit -----------------------------------------------------------------------------


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
                attrs[field] = location_choice(field=field, pk=attrs[field])
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
    """POST a complaint. The secret is shown once and never stored in clear: with an
    ``Idempotency-Key`` the stored response holds it sealed with a key derived from the
    Idempotency-Key (``api.idempotency.sealed``), so a replay gives the same secret back."""

    parser_classes = [ObjectJSONParser, MultiPartParser, FormParser]

    @extend_schema(
        operation_id="complaints_submit",
        description=(
            "Kirim pengaduan. Jawaban memuat kode pelacakan dan kode rahasia (sekali tampil). Dengan "
            "Idempotency-Key, ulangan permintaan yang sama mendapat kode rahasia yang sama."
        ),
        request=ComplaintSubmitSerializer,
        responses={201: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        s = ComplaintSubmitSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        data = dict(s.validated_data)
        files = data.pop("attachments", [])
        if hasattr(request.data, "getlist"):
            files = request.FILES.getlist("attachments") or files
        code, payload = submit_response(request, data, files)
        self._secret = payload.pop("secret")
        key = request.headers.get(HEADER)
        if key:
            payload["sealed_secret"] = seal(self._secret, key=key, purpose=COMPLAINT_SECRET)
        return Response(payload, status=code)

    def dispatch(self, request, *args, **kwargs):
        self._secret = None
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code != 201:
            return response
        body = response.data if getattr(response, "is_rendered", True) is False else json.loads(response.content)
        sealed = body.pop("sealed_secret", None)
        secret = self._secret
        if response.get(REPLAYED_HEADER) == "true":
            secret = unseal(sealed, key=request.headers.get(HEADER, ""), purpose=COMPLAINT_SECRET) if sealed else None
        body = {**body, "secret": secret}
        if getattr(response, "is_rendered", True) is False:
            response.data = body
        else:
            response.content = json.dumps(body, default=str)
        return response


# --- List, detail, support --------------------------------------------------------------


class PublicListQuery(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_QUERY_CHARS,
        help_text=_("Cari kata dalam judul dan uraian publik (setiap kata harus ada; awal kata cukup)."),
    )


class PublicListView(PublicView):
    @extend_schema(operation_id="complaints_public_list", parameters=[PublicListQuery], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        query = PublicListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        qs = complaint_public_list(category=request.query_params.get("category"), q=query.validated_data.get("q"))
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

    return [exposure._event(e) for e in complaint_timeline(complaint=c, audience="public")]


class SupportView(PublicView):
    @extend_schema(operation_id="complaints_public_support", request=None, responses=OpenApiTypes.OBJECT)
    def post(self, request, code):
        c = complaint_public_get(code=code)
        if c is None:
            raise Http404
        return Response({"support_count": services.complaint_support(complaint=c, client=client_of(request))})
