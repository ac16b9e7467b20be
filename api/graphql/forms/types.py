"""GraphQL types of forms: published forms with their versions, and an evaluation's result."""

import graphene
from graphene.types.generic import GenericScalar

from ..pagination import paginated_type


class FormVersionRefType(graphene.ObjectType):
    class Meta:
        name = "FormVersionRef"

    number = graphene.Int(required=True)
    published_at = graphene.DateTime(required=True)


class FormType(graphene.ObjectType):
    class Meta:
        name = "Form"

    id = graphene.ID(required=True)
    key = graphene.String(required=True)
    title = graphene.String(required=True)
    description = graphene.String(required=True)
    latest_version = graphene.Int(required=True)
    versions = graphene.List(graphene.NonNull(FormVersionRefType), required=True)
    version = graphene.Int(description="Versi skema yang disertakan (hanya pada `form`).")
    schema = GenericScalar(description="Skema JSON lengkap versi ini (hanya pada `form`).")

    def resolve_id(form, info):
        return form.pk

    def resolve_latest_version(form, info):
        return form.latest_number

    def resolve_versions(form, info):
        return form.published_versions

    def resolve_version(form, info):
        version = getattr(form, "selected_version", None)
        return version.number if version else None

    def resolve_schema(form, info):
        version = getattr(form, "selected_version", None)
        return version.schema if version else None


FormPage = paginated_type(FormType, name="FormPage")


class EvaluationType(graphene.ObjectType):
    class Meta:
        name = "FormEvaluation"

    form = graphene.ID(required=True)
    version = graphene.Int(required=True)
    valid = graphene.Boolean(required=True)
    cleaned_data = GenericScalar(required=True)
    errors = GenericScalar(required=True, description="Pesan galat per jalur isian, mis. `capaian.3.realisasi`.")
    computed = GenericScalar(required=True)
    labels = GenericScalar(required=True)
    hidden = graphene.List(graphene.NonNull(graphene.String), required=True)
    scores = GenericScalar(required=True)
