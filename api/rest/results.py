"""REST door for published results (anonymous, read-only) and staff planning data.

``/api/v1/results/performance/`` and ``…/tree/`` serve the published cascade with verified
realisation only, built by ``planning.results`` from ``planning.selectors.public_cascade``:
the same figures the public performance page shows. ``/api/v1/planning/…`` is for staff:
the indicators whose realisation the user enters, submitting a quarter, and Bappeda's review.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from api.query import single_values
from api.rest import planning_edits, published_results
from planning import results as plan_results
from planning.models import Indicator, Realisation
from planning.permissions import can_open_entry
from planning.selectors import entry_indicators, plan_year, public_cascade, realisations_to_verify, staff_rpjmd
from planning.workflow import realisation_review, realisation_submit

YEAR = OpenApiParameter("tahun", int, description="Tahun RPJMD; kosong = tahun berjalan.")
DEPTH = OpenApiParameter("jenjang", int, description="Kedalaman pohon (1–7); kosong = 7.")
NOT_PUBLISHED = OpenApiResponse(description="Belum ada rencana kinerja yang dipublikasikan (problem+json).")
FIGURES = inline_serializer(
    "PerformanceResults",
    {
        "summary": serializers.DictField(),
        "goals": serializers.ListField(child=serializers.DictField()),
        "opds": serializers.ListField(child=serializers.DictField()),
    },
)
TREE = inline_serializer(
    "PerformanceTree",
    {"summary": serializers.DictField(), "tree": serializers.ListField(child=serializers.DictField())},
)


class ResultsQuery(serializers.Serializer):
    """The query of the results and planning reads: each parameter once, whole numbers in range."""

    tahun = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    jenjang = serializers.IntegerField(required=False, min_value=1, max_value=7)


def _query(request) -> dict:
    query = ResultsQuery(data=single_values(request.query_params))
    query.is_valid(raise_exception=True)
    return query.validated_data


def _cascade(request):
    cascade = public_cascade(year=_query(request).get("tahun"))
    if cascade is None:
        raise Http404(_("Belum ada rencana kinerja yang dipublikasikan."))
    return cascade


class PerformanceResultsView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["results"], parameters=[YEAR], responses={200: FIGURES, 404: NOT_PUBLISHED},
        description="Capaian kinerja daerah yang dipublikasikan: ringkasan Pemda, IKU per sasaran, capaian per OPD.",
    )  # fmt: skip
    def get(self, request):
        cascade = _cascade(request)
        return Response(
            {
                "summary": plan_results.summary(cascade),
                "goals": plan_results.goal_rows(cascade),
                "opds": plan_results.opd_rows(cascade),
            }
        )


class PerformanceTreeView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["results"], parameters=[YEAR, DEPTH], responses={200: TREE, 404: NOT_PUBLISHED},
        description="Pohon kinerja yang dipublikasikan, dari tujuan daerah sampai sub-kegiatan, dengan capaian.",
    )  # fmt: skip
    def get(self, request):
        cascade = _cascade(request)
        depth = _query(request).get("jenjang", 7)
        return Response(
            {"summary": plan_results.summary(cascade), "tree": plan_results.tree_data(cascade, max_depth=depth)}
        )


# --- staff --------------------------------------------------------------------------------


class RealisationQuarterSerializer(serializers.Serializer):
    quarter = serializers.IntegerField()
    plan_value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")


class PlanningIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.CharField()
    opd = serializers.CharField(source="node.opd.name")
    node = serializers.CharField(source="node.__str__")
    quarters = RealisationQuarterSerializer(many=True, source="year_realisations")


class RealisationSubmitSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    value = serializers.DecimalField(max_digits=20, decimal_places=4, min_value=0)
    plan_value = serializers.DecimalField(max_digits=20, decimal_places=4, required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class RealisationReviewSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class EntryIndicatorsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["planning"], parameters=[YEAR],
        responses={200: PlanningIndicatorSerializer(many=True), 403: OpenApiResponse(description="Bukan anggota OPD.")},
        description="Indikator yang realisasinya diisi pengguna (OPD-nya sendiri; Bappeda semua), dengan triwulan.",
    )  # fmt: skip
    def get(self, request):
        rpjmd = staff_rpjmd(user=request.user)
        if not can_open_entry(request.user) or rpjmd is None:
            raise PermissionDenied(_("Anda tidak mengisi realisasi kinerja."))
        year = plan_year(rpjmd, _query(request).get("tahun"))
        return Response(PlanningIndicatorSerializer(entry_indicators(user=request.user, year=year), many=True).data)


class SubmitRealisationView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["planning"], request=RealisationSubmitSerializer,
        responses={201: RealisationQuarterSerializer, 400: OpenApiResponse(description="Isian tidak sah."),
                   403: OpenApiResponse(description="Bukan OPD pemilik indikator."),
                   404: OpenApiResponse(description="Indikator tidak ditemukan.")},
        description="Ajukan realisasi satu triwulan (kumulatif) untuk diverifikasi Bappeda; bukti lewat admin.",
    )  # fmt: skip
    def post(self, request):
        data = RealisationSubmitSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        indicator = Indicator.objects.select_related("node").filter(pk=v["indicator"]).first()
        if indicator is None:
            raise Http404(_("Indikator tidak ditemukan."))
        real = realisation_submit(
            indicator=indicator, year=v["year"], quarter=v["quarter"], value=v["value"],
            plan_value=v.get("plan_value"), note=v.get("note", ""), actor=request.user,
        )  # fmt: skip
        return Response(RealisationQuarterSerializer(real).data, status=201)


class ReviewRealisationView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["planning"], request=RealisationReviewSerializer,
        responses={200: RealisationQuarterSerializer, 400: OpenApiResponse(description="Tidak dapat diverifikasi."),
                   403: OpenApiResponse(description="Bukan Bappeda."),
                   404: OpenApiResponse(description="Realisasi tidak ditemukan.")},
        description="Bappeda memverifikasi realisasi yang diajukan, atau mengembalikannya dengan catatan.",
    )  # fmt: skip
    def post(self, request, pk: int):
        data = RealisationReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        real = realisations_to_verify(user=request.user).filter(pk=pk).first()
        if real is None:
            if not Realisation.objects.filter(pk=pk).exists():
                raise Http404(_("Realisasi tidak ditemukan."))
            real = Realisation.objects.get(pk=pk)
        real = realisation_review(
            realisation=real, actor=request.user, approve=data.validated_data["approve"],
            note=data.validated_data.get("note", ""),
        )  # fmt: skip
        return Response(RealisationQuarterSerializer(real).data)


router = SimpleRouter()
urlpatterns = [
    path("results/performance/", PerformanceResultsView.as_view(), name="results-performance"),
    path("results/performance/tree/", PerformanceTreeView.as_view(), name="results-performance-tree"),
    *published_results.urlpatterns,
    *planning_edits.urlpatterns,
    path("planning/indicators/", EntryIndicatorsView.as_view(), name="planning-indicators"),
    path("planning/realisations/", SubmitRealisationView.as_view(), name="planning-realisation-submit"),
    path("planning/realisations/<int:pk>/review/", ReviewRealisationView.as_view(), name="planning-realisation-review"),
]
