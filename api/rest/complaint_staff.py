"""Staff complaint views (login): list/filter, detail, the workflow actions, and attachment
downloads. What each audience sees is decided in ``complaints.exposure``."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.idempotency import IdempotentMixin
from api.query import single_values
from audit.actors import Door
from complaints import actions, exposure, services
from complaints.models import Handling, Privacy, Status
from complaints.selectors import complaint_attachment_for, complaint_get_staff, complaint_list_staff
from safefiles.responses import attachment_response

from .complaint_shared import ComplaintPagination


class ComplaintStaffFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    category = serializers.SlugField(required=False)
    opd = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)  # no database overflow
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
        f = ComplaintStaffFilterSerializer(data=single_values(request.query_params))
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
    """Documents the fields the actions read; each action validates its own input once
    (``complaints.actions``)."""

    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    body = serializers.CharField(required=False, allow_blank=True, max_length=10_000)
    public = serializers.BooleanField(required=False, default=False)
    opd = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    handling = serializers.ChoiceField(choices=Handling.choices, required=False)
    primary = serializers.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    override_reason = serializers.CharField(
        required=False, allow_blank=True, help_text="assign: alasan tetap mendisposisikan ke OPD tanpa petugas."
    )
    category = serializers.SlugField(required=False, help_text="recategorize: kode kategori baru.")
    wbs_category = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text="forward-wbs: kategori WBS."
    )
    reported_opd = serializers.IntegerField(
        required=False, min_value=1, max_value=2**63 - 1, help_text="forward-wbs: OPD terlapor."
    )
    reported_person = serializers.CharField(required=False, help_text="forward-wbs: nama/jabatan terlapor.")
    title = serializers.CharField(required=False, help_text="redact: judul publik.")
    description = serializers.CharField(required=False, help_text="redact: uraian publik.")


class StaffActionView(IdempotentMixin, APIView):
    """POST /staff/<id>/<action>/: verify, reject, assign, start, note, answer, close, merge,
    reveal-reporter, decline, recategorize, forward-wbs, redact (``complaints.actions``)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="complaints_staff_action", request=ComplaintActionSerializer, responses=OpenApiTypes.OBJECT
    )
    def post(self, request, pk, action):
        if actions.staff_action(action) is None:
            raise Http404
        c = complaint_get_staff(user=request.user, pk=pk)
        result = actions.run_staff_action(
            name=action, complaint=c, actor=request.user, door=Door.REST, data=request.data
        )
        if actions.staff_action(action).name == "reveal":
            identity = result.reporter
            data = {"name": identity.name, "email": identity.email, "phone": identity.phone} if identity else None
            return Response({"reporter": data})
        c = complaint_get_staff(user=request.user, pk=pk)
        return Response(exposure.staff_dict(c, user=request.user))


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
        ext = "pdf" if att.content_type == "application/pdf" else att.file.name.rsplit(".", 1)[-1]
        return attachment_response(att.file.open("rb"), filename=f"lampiran.{ext}", content_type=att.content_type)
