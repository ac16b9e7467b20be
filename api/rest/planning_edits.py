"""REST door for editing the cascade: link an OPD sasaran (or a programme) to the sasaran it
supports. ``planning.services.node_supports_set`` decides who may (Bappeda planners only) and
what is a valid link; this door parses the body and turns its errors into problem+json. The
quarter's realisation and Bappeda's verification are ``planning/realisations/…`` in
``api.rest.results``.
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from planning.services import node_supports_link


class SupportsSerializer(serializers.Serializer):
    targets = serializers.ListField(
        child=serializers.IntegerField(min_value=1), max_length=50,
        help_text="ID sasaran yang didukung (kosong = lepaskan semua kaitan).",
    )  # fmt: skip
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500)


class NodeRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class SupportsResultSerializer(serializers.Serializer):
    node = NodeRefSerializer()
    supports = NodeRefSerializer(many=True)


def _ref(node) -> dict:
    return {"id": node.pk, "code": node.code, "name": node.name}


class NodeSupportsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["planning"], request=SupportsSerializer,
        responses={200: SupportsResultSerializer, 400: OpenApiResponse(description="Kaitan tidak sah (problem+json)."),
                   403: OpenApiResponse(description="Bukan perencana Bappeda."),
                   404: OpenApiResponse(description="Simpul tidak ditemukan.")},
        description="Tetapkan sasaran yang didukung sebuah sasaran OPD (atau program); riwayat tercatat.",
    )  # fmt: skip
    def post(self, request, pk: int):
        data = SupportsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        node, linked = node_supports_link(
            node_id=pk, target_ids=v["targets"], actor=request.user, reason=v.get("reason", "")
        )
        return Response({"node": _ref(node), "supports": [_ref(t) for t in linked]})


urlpatterns = [
    path("planning/nodes/<int:pk>/supports/", NodeSupportsView.as_view(), name="planning-node-supports"),
]
