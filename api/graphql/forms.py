"""GraphQL door for forms: published schemas and evaluation, over the same services as REST.

``forms`` (paginated), ``form(id, version)`` with the complete schema as JSON, and
``evaluateForm(id, answers, version)``: answers in, nothing saved, out the cleaned data,
errors by field path, computed fields and scores (a query, as it changes nothing).
"""

import graphene
from graphene.types.generic import GenericScalar

from forms_builder.selectors import form_version_get, published_form, published_forms
from forms_builder.services import form_evaluate

from .auth import require_user
from .pagination import page_arguments, paginate, paginated_type


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


class FormsQuery(graphene.ObjectType):
    forms = graphene.Field(FormPage, required=True, description="Formulir yang sudah diterbitkan.", **page_arguments())
    form = graphene.Field(
        FormType,
        id=graphene.ID(required=True),
        version=graphene.Int(),
        description="Satu formulir dengan skema versi terbaru (atau `version`).",
    )
    evaluate_form = graphene.Field(
        EvaluationType,
        required=True,
        id=graphene.ID(required=True),
        answers=GenericScalar(required=True),
        version=graphene.Int(),
        description="Periksa dan nilai jawaban tanpa menyimpan apa pun.",
    )

    def resolve_forms(root, info, page=1, page_size=None):
        return paginate(published_forms(user=require_user(info)), page=page, page_size=page_size)

    def resolve_form(root, info, id, version=None):
        user = require_user(info)
        form = published_form(user=user, form_id=id)
        form.selected_version = form_version_get(user=user, form_id=form.pk, number=version)
        return form

    def resolve_evaluate_form(root, info, id, answers, version=None):
        user = require_user(info)
        result = form_evaluate(version=form_version_get(user=user, form_id=id, number=version), answers=answers)
        return EvaluationType(**result)


queries: list[type] = [FormsQuery]
mutations: list[type] = []
