"""REST door for the published SAKIP, SPBE and SPM results (anonymous, read-only).

``/api/v1/results/sakip/``, ``…/spbe/`` and ``…/spm/`` serve what the public results pages
show, built by ``reporting.results`` from published submissions and their public answers
only: the same function, so a page and the API cannot disagree. Figures are rounded for
display; grades, predikat and categories were read on the exact values. ``?tahun=`` picks
the year (a whole year 2000–2100, once); a year without published results is a 404.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.query import single_values
from reporting.results.published import published_sakip, published_spbe, published_spm

YEAR = OpenApiParameter("tahun", int, description="Tahun; kosong = tahun terbaru yang dipublikasikan.")
NOT_FOUND = OpenApiResponse(description="Belum ada hasil yang dipublikasikan (untuk tahun itu), problem+json.")
BAD = OpenApiResponse(description="Parameter tidak sah (problem+json).")


class YearQuery(serializers.Serializer):
    tahun = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


def _year(request) -> int | None:
    query = YearQuery(data=single_values(request.query_params))
    query.is_valid(raise_exception=True)
    return query.validated_data.get("tahun")


# --- response shapes (for the OpenAPI document) ------------------------------------------


class YearScoreSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    score = serializers.FloatField(allow_null=True)


class SakipIndicatorSerializer(serializers.Serializer):
    name = serializers.CharField()
    unit = serializers.CharField()
    direction = serializers.CharField()
    target = serializers.CharField(help_text="Target atau rentang target seperti tampil di halaman.")
    realisation = serializers.FloatField(allow_null=True)
    achievement = serializers.FloatField(allow_null=True, help_text="Capaian (%), dibulatkan untuk tampilan.")
    rating = serializers.CharField(allow_null=True, help_text="Kategori capaian, dibaca pada nilai tepat.")


class SakipRowSerializer(serializers.Serializer):
    opd_id = serializers.IntegerField(allow_null=True)
    opd = serializers.CharField()
    score = serializers.FloatField(allow_null=True, help_text="Nilai SAKIP, dibulatkan untuk tampilan.")
    grade = serializers.CharField(allow_null=True, help_text="Predikat (AA … D), dibaca pada nilai tepat.")
    meaning = serializers.CharField(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    previous_year = serializers.IntegerField(allow_null=True)
    history = YearScoreSerializer(many=True)
    indicators = SakipIndicatorSerializer(many=True)


class GradeCountSerializer(serializers.Serializer):
    grade = serializers.CharField()
    count = serializers.IntegerField()


class SakipResultsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    years = serializers.ListField(child=serializers.IntegerField())
    pemda_basis = serializers.ChoiceField(choices=["opd", "mean", "none"])
    pemda = SakipRowSerializer(allow_null=True)
    opds = SakipRowSerializer(many=True)
    grade_counts = GradeCountSerializer(many=True)


class SpbeScoreSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    index = serializers.FloatField(allow_null=True, help_text="Indeks 1–5, dibulatkan untuk tampilan.")
    predikat = serializers.CharField(allow_null=True, help_text="Dibaca pada indeks tepat.")
    domain = serializers.CharField(required=False, help_text="Domain sebuah aspek.")


class SpbeEntrySerializer(serializers.Serializer):
    opd_id = serializers.IntegerField()
    opd = serializers.CharField()
    year = serializers.IntegerField()
    index = serializers.FloatField(allow_null=True)
    predikat = serializers.CharField(allow_null=True)
    domains = SpbeScoreSerializer(many=True)
    aspects = SpbeScoreSerializer(many=True)


class SpbeHistorySerializer(serializers.Serializer):
    opd_id = serializers.IntegerField()
    opd = serializers.CharField()
    year = serializers.IntegerField()
    index = serializers.FloatField(allow_null=True)
    predikat = serializers.CharField(allow_null=True)


class SpbeResultsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    years = serializers.ListField(child=serializers.IntegerField())
    results = SpbeEntrySerializer(many=True)
    history = SpbeHistorySerializer(many=True)


class SpmServiceSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    target = serializers.FloatField(allow_null=True, help_text="Jumlah sasaran (orang).")
    served = serializers.FloatField(allow_null=True, help_text="Terlayani sesuai standar (orang).")
    achievement = serializers.FloatField(allow_null=True, help_text="Capaian (%), dibulatkan untuk tampilan.")
    category = serializers.CharField(allow_null=True, help_text="Kategori SPM, dibaca pada nilai tepat.")


class SpmReportSerializer(serializers.Serializer):
    opd_id = serializers.IntegerField()
    opd = serializers.CharField()
    period = serializers.CharField()
    services = SpmServiceSerializer(many=True)


class SpmResultsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    years = serializers.ListField(child=serializers.IntegerField())
    services = SpmServiceSerializer(many=True)
    reports = SpmReportSerializer(many=True)


# --- views --------------------------------------------------------------------------------


def _none_for(year: int | None):
    if year is None:
        return Http404(_("Belum ada hasil yang dipublikasikan."))
    return Http404(_("Belum ada hasil yang dipublikasikan untuk tahun %(year)s.") % {"year": year})


class SakipResultsView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["results"], parameters=[YEAR], responses={200: SakipResultsSerializer, 400: BAD, 404: NOT_FOUND},
        description="Nilai dan predikat evaluasi SAKIP per OPD yang dipublikasikan, dengan tren dan indikator.",
    )  # fmt: skip
    def get(self, request):
        year = _year(request)
        data = published_sakip(year=year)
        if data is None:
            raise _none_for(year)
        return Response(data)


class SpbeResultsView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["results"], parameters=[YEAR], responses={200: SpbeResultsSerializer, 400: BAD, 404: NOT_FOUND},
        description="Indeks dan predikat SPBE yang dipublikasikan, dengan indeks domain dan aspek, per tahun.",
    )  # fmt: skip
    def get(self, request):
        year = _year(request)
        data = published_spbe(year=year)
        if data is None:
            raise _none_for(year)
        return Response(data)


class SpmResultsView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["results"], parameters=[YEAR], responses={200: SpmResultsSerializer, 400: BAD, 404: NOT_FOUND},
        description="Capaian dan kategori SPM per layanan dasar yang dipublikasikan, per tahun dan per OPD.",
    )  # fmt: skip
    def get(self, request):
        year = _year(request)
        data = published_spm(year=year)
        if data is None:
            raise _none_for(year)
        return Response(data)


urlpatterns = [
    path("results/sakip/", SakipResultsView.as_view(), name="results-sakip"),
    path("results/spbe/", SpbeResultsView.as_view(), name="results-spbe"),
    path("results/spm/", SpmResultsView.as_view(), name="results-spm"),
]
