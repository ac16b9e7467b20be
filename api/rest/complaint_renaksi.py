"""Anonymous read-only Renaksi (rencana aksi pengelolaan pengaduan) under /api/v1/renaksi/:
the public plans, and one plan with its actions and quarterly figures.

Plain data from ``complaints.renaksi.public`` (what the public page shows): active and closed plans,
public fields only (no narratives, evidence files or reporters).
"""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.query import single_values
from complaints.renaksi.public import plan_data, public_plan_get, public_plans
from complaints.renaksi.status import ActionStatus

from .complaint_shared import PublicView


class RenaksiProgressSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    quarter = serializers.IntegerField(help_text="Triwulan 1–4.")
    percent = serializers.IntegerField(help_text="Capaian kumulatif sampai akhir triwulan (0–100).")
    reported_at = serializers.DateTimeField()


class RenaksiActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField(help_text="Nomor aksi dalam rencana, misalnya 1.2.")
    title = serializers.CharField()
    opd = serializers.CharField(help_text="Nama OPD penanggung jawab.")
    opd_acronym = serializers.CharField()
    output = serializers.CharField(help_text="Keluaran / target.")
    indicator = serializers.CharField()
    due_date = serializers.DateField()
    latest_percent = serializers.IntegerField(
        allow_null=True, help_text="Capaian laporan terakhir; null bila belum ada."
    )
    status = serializers.CharField(help_text="Salah satu dari: " + ", ".join(ActionStatus.values) + ".")
    status_label = serializers.CharField()
    progress = RenaksiProgressSerializer(many=True, help_text="Capaian per triwulan, terlama lebih dulu.")


class RenaksiSummarySerializer(serializers.Serializer):
    actions = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField(), help_text="Jumlah aksi per status.")
    average_percent = serializers.IntegerField(allow_null=True)


class RenaksiPlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    start_year = serializers.IntegerField()
    end_year = serializers.IntegerField()
    status = serializers.CharField(help_text="active (berjalan) atau closed (ditutup).")
    status_label = serializers.CharField()
    description = serializers.CharField()
    is_demo = serializers.BooleanField(help_text="Data demo, bukan data resmi Pemda.")


class RenaksiPlanDetailSerializer(RenaksiPlanSerializer):
    actions = RenaksiActionSerializer(many=True)
    summary = RenaksiSummarySerializer()


class RenaksiPlanListSerializer(serializers.Serializer):
    results = RenaksiPlanSerializer(many=True)


class RenaksiActionQuery(serializers.Serializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)


STATUS_PARAMETER = OpenApiParameter(
    "status",
    str,
    enum=ActionStatus.values,
    description="Hanya aksi berstatus ini (ringkasan tetap untuk seluruh rencana).",
)


class RenaksiPlanListView(PublicView):
    @extend_schema(
        operation_id="renaksi_plans",
        tags=["renaksi"],
        description="Rencana aksi (Renaksi) pengelolaan pengaduan yang berjalan atau ditutup, terbaru dulu. Publik.",
        responses={200: OpenApiResponse(RenaksiPlanListSerializer, description="Daftar rencana aksi publik.")},
    )
    def get(self, request):
        return Response({"results": [plan_data(p, with_actions=False) for p in public_plans()]})


class RenaksiPlanDetailView(PublicView):
    @extend_schema(
        operation_id="renaksi_plan",
        tags=["renaksi"],
        description=(
            "Satu rencana aksi dengan aksinya: OPD penanggung jawab, keluaran, indikator, batas waktu, capaian "
            "per triwulan, capaian terakhir dan status (belum mulai, berjalan, selesai, terlambat). Tanpa login."
        ),
        parameters=[STATUS_PARAMETER],
        responses={
            200: OpenApiResponse(RenaksiPlanDetailSerializer, description="Rencana aksi beserta aksinya."),
            400: OpenApiResponse(description="Status tidak dikenal atau parameter diulang (problem+json)."),
            404: OpenApiResponse(description="Rencana aksi tidak ada atau belum dipublikasikan (problem+json)."),
        },
    )
    def get(self, request, pk: int):
        query = RenaksiActionQuery(data=single_values(request.query_params))
        query.is_valid(raise_exception=True)
        plan = public_plan_get(plan_id=pk)
        if plan is None:
            raise Http404(_("Rencana aksi tidak ditemukan."))
        data = plan_data(plan)
        if status := query.validated_data.get("status"):
            data["actions"] = [a for a in data["actions"] if a["status"] == status]
        return Response(RenaksiPlanDetailSerializer(data).data)
