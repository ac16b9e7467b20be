"""REST door for Serap (``/api/v1/budget/…``): dashboard, absorption, contracts, slow parties, OCDS.

Thin: every read is ``budget.dashboard``/``absorption``/``contracts``/``slowness`` (visibility for the
user inside them); the OCDS package is public data built by ``budget.ocds``.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from api.pagination import StandardPagination
from budget.absorption import GROUPINGS, absorption_rows
from budget.access import require_viewer
from budget.clock import as_of_month, local_today
from budget.contracts import contract_views, contracts_visible
from budget.dashboard import dashboard_data, fiscal_year_for
from budget.ocds import release_package
from budget.slowness import slow_parties

ERRORS = {
    400: OpenApiResponse(description="Parameter tidak valid (problem+json)."),
    401: OpenApiResponse(description="Belum masuk (problem+json)."),
    403: OpenApiResponse(description="Tidak berhak melihat anggaran (problem+json)."),
    404: OpenApiResponse(description="Tahun, OPD atau kontrak tidak ditemukan (problem+json)."),
}


class QuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100, label=_("tahun anggaran"))
    opd = serializers.IntegerField(required=False, min_value=1, label=_("OPD"))
    by = serializers.ChoiceField(choices=list(GROUPINGS), required=False, default="opd", label=_("kelompok"))


class AbsorptionSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    pagu = serializers.IntegerField()
    realised = serializers.IntegerField()
    planned = serializers.IntegerField(help_text="Anggaran kas kumulatif s.d. bulan laporan.")
    deviation = serializers.IntegerField(help_text="Realisasi kumulatif − anggaran kas kumulatif.")
    pct = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    planned_pct = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    status = serializers.CharField()
    status_label = serializers.CharField()


class TrendSerializer(serializers.Serializer):
    month = serializers.IntegerField()
    planned = serializers.IntegerField()
    realised = serializers.IntegerField(allow_null=True)
    planned_pct = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    realised_pct = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)


class LateStageSerializer(serializers.Serializer):
    name = serializers.CharField(source="stage.name")
    responsible = serializers.CharField(source="stage.responsible")
    responsible_label = serializers.CharField()
    planned_on = serializers.DateField(source="stage.planned_on")
    days = serializers.IntegerField()
    amount = serializers.IntegerField(source="stage.amount")


class ContractSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="contract.pk")
    number = serializers.CharField(source="contract.number")
    title = serializers.CharField(source="contract.package.name")
    opd_id = serializers.IntegerField(source="opd.pk")
    opd_name = serializers.CharField(source="opd.name")
    provider = serializers.CharField(source="contract.provider.name")
    value = serializers.IntegerField(source="contract.value")
    start_on = serializers.DateField(source="contract.start_on")
    end_on = serializers.DateField(source="contract.end_on")
    completed_on = serializers.DateField(source="contract.completed_on", allow_null=True)
    planned_pct = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    actual_pct = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    financial_pct = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    critical = serializers.BooleanField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    penalty_days = serializers.IntegerField(source="penalty.days")
    penalty_amount = serializers.IntegerField(source="penalty.amount")
    late_stages = LateStageSerializer(many=True)


class ContractPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ContractSerializer(many=True)


class SlowPartySerializer(serializers.Serializer):
    opd_id = serializers.IntegerField()
    opd_name = serializers.CharField()
    role = serializers.CharField()
    role_label = serializers.CharField()
    side = serializers.CharField()
    side_label = serializers.CharField()
    late_stages = serializers.IntegerField()
    days_late = serializers.IntegerField()
    max_days_late = serializers.IntegerField()
    money_stuck = serializers.IntegerField()


class DashboardSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    generated_at = serializers.DateTimeField()
    total = AbsorptionSerializer()
    opds = AbsorptionSerializer(many=True)
    trend = TrendSerializer(many=True)
    critical = ContractSerializer(many=True)
    slow = SlowPartySerializer(many=True)


def _query(request) -> dict:
    params = QuerySerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    return params.validated_data


class DashboardView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[QuerySerializer],
        responses={200: DashboardSerializer, **ERRORS},
        description="Dasbor pimpinan: serapan per OPD (terlambat dulu), tren dibanding anggaran kas, kontrak "
        "kritis, dan pihak yang lambat; hanya OPD yang boleh dilihat pengguna.",
    )
    def get(self, request):
        q = _query(request)
        data = dashboard_data(user=request.user, year=q.get("year"), today=local_today(), opd_id=q.get("opd"))
        return Response(DashboardSerializer(data).data)


class AbsorptionView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[QuerySerializer],
        responses={200: AbsorptionSerializer(many=True), **ERRORS},
        description="Serapan kumulatif per OPD, program atau sumber dana (``by``), paling rendah dulu.",
    )
    def get(self, request):
        require_viewer(request.user)
        q = _query(request)
        today = local_today()
        year = fiscal_year_for(year=q.get("year"), today=today)
        rows = absorption_rows(
            user=request.user, year=year, month=as_of_month(year=year, today=today), by=q["by"], opd_id=q.get("opd")
        )
        return Response(AbsorptionSerializer(rows, many=True).data)


class ContractListView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[QuerySerializer],
        responses={200: ContractPageSerializer, **ERRORS},
        operation_id="budget_contracts_list",
        description="Kontrak tahun anggaran (berhalaman: page, page_size ≤ 100) dengan keadaan, kemajuan, "
        "denda, dan tahap terlambat.",
    )
    def get(self, request):
        require_viewer(request.user)
        q = _query(request)
        today = local_today()
        year = fiscal_year_for(year=q.get("year"), today=today)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(
            contracts_visible(user=request.user, year=year, opd_id=q.get("opd")).order_by("pk"), request, view=self
        )
        views = contract_views(user=request.user, year=year, today=today, contracts=page)
        return paginator.get_paginated_response(ContractSerializer(views, many=True).data)


class ContractDetailView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        responses={200: ContractSerializer, **ERRORS},
        operation_id="budget_contract_retrieve",
        description="Satu kontrak (404 bila tidak terlihat).",
    )
    def get(self, request, pk: int):
        require_viewer(request.user)
        today = local_today()
        found = contracts_visible(user=request.user, year=None, opd_id=None).filter(pk=pk)
        views = contract_views(user=request.user, year=None, today=today, contracts=found)
        if not views:
            raise Http404(_("Kontrak tidak ditemukan."))
        return Response(ContractSerializer(views[0]).data)


class SlowPartiesView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[QuerySerializer],
        responses={200: SlowPartySerializer(many=True), **ERRORS},
        description="Tahap terlambat per OPD dan penanggung jawab (PPK, PPTK, bendahara, penyedia).",
    )
    def get(self, request):
        require_viewer(request.user)
        q = _query(request)
        today = local_today()
        year = fiscal_year_for(year=q.get("year"), today=today)
        rows = slow_parties(user=request.user, year=year, today=today, opd_id=q.get("opd"))
        return Response(SlowPartySerializer(rows, many=True).data)


class OCDSQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100, label=_("tahun anggaran"))


class OCDSView(APIView):
    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(
        parameters=[OCDSQuerySerializer],
        responses={
            200: OpenApiResponse(description="OCDS 1.1 release package (JSON)."),
            400: ERRORS[400],
            404: ERRORS[404],
        },
        description="Kontrak satu tahun anggaran sebagai paket rilis OCDS 1.1 (data terbuka, tanpa data pribadi).",
    )
    def get(self, request):
        params = OCDSQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        year = params.validated_data["year"]
        today = local_today()
        views = contract_views(
            user=None, year=year, today=today, contracts=contracts_visible(user=None, year=year).order_by("pk")
        )
        if not views:
            raise Http404(_("Tidak ada kontrak pada tahun anggaran ini."))
        return Response(release_package(views=views, uri=request.build_absolute_uri(), today=today))


router = SimpleRouter()
urlpatterns = [
    path("budget/dashboard/", DashboardView.as_view(), name="budget-dashboard"),
    path("budget/absorption/", AbsorptionView.as_view(), name="budget-absorption"),
    path("budget/contracts/", ContractListView.as_view(), name="budget-contracts"),
    path("budget/contracts/<int:pk>/", ContractDetailView.as_view(), name="budget-contract"),
    path("budget/slow-parties/", SlowPartiesView.as_view(), name="budget-slow-parties"),
    path("budget/ocds/", OCDSView.as_view(), name="budget-ocds"),
]
