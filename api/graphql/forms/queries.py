"""``forms``, ``form(id, version)`` and ``evaluateForm`` over ``forms_builder``'s selectors and services."""

import graphene
from graphene.types.generic import GenericScalar

from forms_builder.selectors import form_version_get, published_form, published_forms
from forms_builder.services import form_evaluate

from ..auth import require_user
from ..pagination import page_arguments, paginate
from .types import EvaluationType, FormPage, FormType


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
