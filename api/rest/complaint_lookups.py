"""Anonymous read-only lists for complaint apps under /api/v1/complaints/lookups/ (OPDs,
kecamatan with kelurahan/desa, categories with their extra-field forms): ``complaints.lookups``."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from complaints import lookups

from .complaint_shared import PublicView


class LookupOpdsView(PublicView):
    @extend_schema(
        operation_id="complaints_lookup_opds",
        description="Daftar OPD aktif (kolom publik saja: nama, singkatan, jenis, induk). Tanpa login.",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        return Response({"results": lookups.lookup_opds()})


class LookupAreasView(PublicView):
    @extend_schema(
        operation_id="complaints_lookup_areas",
        description="Daftar kecamatan aktif beserta kelurahan/desanya, untuk isian lokasi. Tanpa login.",
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        return Response({"results": lookups.lookup_areas()})


class LookupCategoriesView(PublicView):
    @extend_schema(
        operation_id="complaints_lookup_categories",
        description=(
            "Kategori pengaduan aktif beserta formulir isian tambahannya (skema versi terbit terakhir). Tanpa login."
        ),
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        return Response({"results": lookups.lookup_categories()})
