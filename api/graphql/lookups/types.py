"""GraphQL types of the complaint apps' lookups (public fields only)."""

import graphene


class LookupOpdType(graphene.ObjectType):
    """Public fields of an OPD, kecamatan or kelurahan/desa."""

    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    acronym = graphene.String(required=True)
    kind = graphene.String(required=True)
    kind_label = graphene.String(required=True)
    parent = graphene.ID()
    region_code = graphene.String(description="Kode wilayah Kemendagri (kecamatan, kelurahan, desa); kosong untuk OPD.")


class LookupAreaType(LookupOpdType):
    """A kecamatan and its kelurahan/desa."""

    kelurahan = graphene.List(graphene.NonNull(LookupOpdType), required=True)


class LookupExtraFormType(graphene.ObjectType):
    version = graphene.Int(required=True)
    schema = graphene.JSONString(required=True, description="Skema formulir isian tambahan (form builder).")


class LookupCategoryType(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    description = graphene.String(required=True)
    handling = graphene.String(required=True)
    handling_label = graphene.String(required=True)
    extra_form = graphene.Field(LookupExtraFormType)
