# ruff: noqa: N805 - graphene resolvers take ``root``, not ``self``
"""Test-only URLs: the project URLs plus a tiny REST view and GraphQL mutation that write a
tracked model, so the REST and GraphQL doors are exercised over real HTTP."""

import graphene
from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from api.graphql.views import SepakatGraphQLView
from cms.urls import urlpatterns as project_urlpatterns
from organizations.models import OPD


class RenameOPDView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, pk):
        opd = OPD.objects.get(pk=pk)
        opd.name = request.data["name"]
        opd._change_reason = request.data.get("reason", "")
        opd.save()
        return Response({"id": opd.pk})


class RenameOPD(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        name = graphene.String(required=True)

    id = graphene.ID()

    def mutate(root, info, id, name):
        opd = OPD.objects.get(pk=id)
        opd.name = name
        opd.save()
        return RenameOPD(id=opd.pk)


class Query(graphene.ObjectType):
    ping = graphene.String()


class Mutation(graphene.ObjectType):
    rename_opd = RenameOPD.Field()


schema = graphene.Schema(query=Query, mutation=Mutation)

urlpatterns = [
    path("api/v1/_audit_test/opd/<int:pk>/rename/", RenameOPDView.as_view()),
    path("graphql/", SepakatGraphQLView.as_view(schema=schema)),
    *project_urlpatterns,
]
