# ruff: noqa: N805 - graphene resolvers take ``root``, not ``self``
"""Test-only URLs: the real project URLs plus small views that exercise the shared machinery.

Used with ``@pytest.mark.urls("tests.api.urls")``. The views are deliberately tiny: they
stand in for the domain endpoints other helpers write, using the same mixin and errors.
"""

import threading

import graphene
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import path
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.graphql.views import SepakatGraphQLView
from api.idempotency import IdempotentMixin, graphql_idempotent
from cms.urls import urlpatterns as project_urlpatterns
from organizations.models import OPD, OPDKind

#: Gates for the in-flight/concurrency tests: the view sets ``entered`` and waits for ``release``.
GATE = {"entered": threading.Event(), "release": threading.Event()}
CALLS = {"count": 0}
_calls_lock = threading.Lock()


class ItemSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=20)
    qty = serializers.IntegerField(min_value=1)


class OrderSerializer(serializers.Serializer):
    title = serializers.CharField()
    items = ItemSerializer(many=True)
    tags = serializers.ListField(child=serializers.IntegerField(), required=False)


class NestedView(APIView):
    permission_classes = [AllowAny]

    def post(self, request):
        serializer = OrderSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data, status=201)


def _service_that_validates():
    raise DjangoValidationError(
        {"items.0.name": ["Nama barang wajib diisi."], "__all__": ["Periode sudah ditutup."]},
    )


def _service_that_denies():
    raise DjangoPermissionDenied("Hanya verifikator yang boleh menyetujui.")


class ServiceErrorView(APIView):
    permission_classes = [AllowAny]

    def post(self, request, kind):
        if kind == "validation":
            _service_that_validates()
        _service_that_denies()


class OPDCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    acronym = serializers.CharField(max_length=40, required=False, default="")
    wait = serializers.BooleanField(required=False, default=False)
    fail = serializers.BooleanField(required=False, default=False)


class IdempotentCreateView(IdempotentMixin, APIView):
    """Creates an OPD (a real side effect to count); ``wait`` blocks on GATE, ``fail`` raises."""

    permission_classes = [AllowAny]

    def post(self, request):
        serializer = OPDCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with _calls_lock:
            CALLS["count"] += 1
        if data["wait"]:
            GATE["entered"].set()
            GATE["release"].wait(timeout=15)
        opd = OPD.objects.create(name=data["name"], acronym=data["acronym"], kind=OPDKind.DINAS)
        if data["fail"]:
            raise RuntimeError("boom")  # after the work: on PostgreSQL a keyed request rolls it back
        return Response({"id": opd.pk, "name": opd.name}, status=201, headers={"Location": f"/opds/{opd.pk}/"})


class RequiredKeyView(IdempotentMixin, APIView):
    permission_classes = [AllowAny]
    idempotency_required = True

    def post(self, request):
        return Response({"ok": True}, status=201)


# --- GraphQL test schema: a recursive type (depth) and an idempotent mutation -------------


class Node(graphene.ObjectType):
    value = graphene.Int()
    child = graphene.Field(lambda: Node)

    def resolve_value(root, info):
        return 1

    def resolve_child(root, info):
        return {}


class TestQuery(graphene.ObjectType):
    node = graphene.Field(Node)

    def resolve_node(root, info):
        return {}


class CreateOPD(graphene.Mutation):
    class Arguments:
        name = graphene.String(required=True)
        wait = graphene.Boolean(default_value=False)

    id = graphene.ID()
    name = graphene.String()
    replayed = graphene.Boolean()

    def mutate(root, info, name, wait=False):
        def run():
            with _calls_lock:
                CALLS["count"] += 1
            if wait:
                GATE["entered"].set()
                GATE["release"].wait(timeout=15)
            if name == "invalid":
                raise DjangoValidationError({"name": ["Nama tidak boleh 'invalid'."]})
            opd = OPD.objects.create(name=name, kind=OPDKind.DINAS)
            return {"id": opd.pk, "name": opd.name}

        outcome = graphql_idempotent(info, operation="createOpd", payload={"name": name}, run=run)
        return CreateOPD(id=outcome.value["id"], name=outcome.value["name"], replayed=outcome.replayed)


class TestMutation(graphene.ObjectType):
    create_opd = CreateOPD.Field()


test_schema = graphene.Schema(query=TestQuery, mutation=TestMutation)

urlpatterns = [
    path("api/v1/_test/nested/", NestedView.as_view()),
    path("api/v1/_test/service/<str:kind>/", ServiceErrorView.as_view()),
    path("api/v1/_test/idempotent/", IdempotentCreateView.as_view()),
    path("api/v1/_test/required-key/", RequiredKeyView.as_view()),
    path("graphql-test/", SepakatGraphQLView.as_view(schema=test_schema)),
    *project_urlpatterns,
]
