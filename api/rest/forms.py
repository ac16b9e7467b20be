"""REST door for forms: published schemas and the evaluate door (nothing saved).

``GET /api/v1/forms/`` lists published forms; ``GET /api/v1/forms/{id}/`` gives the
latest (or ``?version=N``) published schema, complete enough for a mobile app to render
the form and check it offline; ``POST /api/v1/forms/{id}/evaluate/`` runs the one
validation and scoring service on answers. Malformed requests are 400 problems; answers
that fail validation are a normal 200 result with ``valid: false`` and errors by path.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from api.pagination import StandardPagination
from forms_builder.selectors import form_version_get, published_form, published_forms
from forms_builder.services import form_evaluate


class VersionRefSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    published_at = serializers.DateTimeField()


class FormListSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    latest_version = serializers.IntegerField(source="latest_number")
    versions = VersionRefSerializer(many=True, source="published_versions")


class FormDetailSerializer(FormListSerializer):
    version = serializers.SerializerMethodField()
    schema = serializers.SerializerMethodField()

    def get_version(self, form) -> int:
        return self.context["version"].number

    def get_schema(self, form) -> dict:
        return self.context["version"].schema


class EvaluateRequestSerializer(serializers.Serializer):
    answers = serializers.DictField(help_text=_("Jawaban: {kunci: nilai, tabel: [{kolom: nilai}]}"), allow_empty=True)
    version = serializers.IntegerField(required=False, min_value=1, help_text=_("Nomor versi; kosong = terbaru."))


def _version_param(request) -> int | None:
    raw = request.query_params.get("version")
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError:
        raise ValidationError({"version": [_("Nomor versi harus berupa angka.")]}) from None


class FormViewSet(viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]
    pagination_class = StandardPagination
    serializer_class = FormListSerializer

    def get_queryset(self):
        return published_forms(user=self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(FormListSerializer(page, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("version", int, description="Nomor versi; kosong = terbaru.")],
        responses=FormDetailSerializer,
    )
    def retrieve(self, request, pk=None):
        form = published_form(user=request.user, form_id=pk)
        version = form_version_get(user=request.user, form_id=form.pk, number=_version_param(request))
        return Response(FormDetailSerializer(form, context={"version": version}).data)

    @extend_schema(request=EvaluateRequestSerializer, responses=dict)
    @action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        data = EvaluateRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = form_version_get(user=request.user, form_id=pk, number=data.validated_data.get("version"))
        return Response(form_evaluate(version=version, answers=request.data["answers"]))


router = SimpleRouter()
router.register("forms", FormViewSet, basename="forms")
urlpatterns: list = []
