"""Lookups read by complaint apps: ``lookupOpds``, ``lookupAreas``, ``complaintCategories``."""

import graphene

from complaints import lookups

from .types import LookupAreaType, LookupCategoryType, LookupOpdType


class LookupsQuery(graphene.ObjectType):
    lookup_opds = graphene.List(
        graphene.NonNull(LookupOpdType), required=True, description="OPD aktif (kolom publik). Tanpa login."
    )
    lookup_areas = graphene.List(
        graphene.NonNull(LookupAreaType), required=True, description="Kecamatan aktif dan kelurahan/desanya."
    )
    complaint_categories = graphene.List(
        graphene.NonNull(LookupCategoryType),
        required=True,
        description="Kategori pengaduan aktif dan formulir isian tambahannya.",
    )

    def resolve_lookup_opds(root, info):
        return lookups.lookup_opds()

    def resolve_lookup_areas(root, info):
        return lookups.lookup_areas()

    def resolve_complaint_categories(root, info):
        return lookups.lookup_categories()
