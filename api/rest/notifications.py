"""REST door for notifications: Meta's WhatsApp webhook (delivery statuses).

Thin: the verify token and the ``X-Hub-Signature-256`` HMAC are checked and the statuses
applied by ``notifications.whatsapp_status``. Meta calls it without a user: no session, no
CSRF, no throttle (the signature is the authentication).
"""

import json

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView

from notifications.whatsapp_status import whatsapp_signature_check, whatsapp_statuses_apply, whatsapp_webhook_verify


class WhatsAppWebhookView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(
        operation_id="notifications_whatsapp_webhook_verify",
        description="Verifikasi langganan webhook oleh Meta: menjawab `hub.challenge` bila token cocok.",
        parameters=[
            OpenApiParameter("hub.mode", str, description="Selalu `subscribe`."),
            OpenApiParameter("hub.verify_token", str, description="Token verifikasi yang dikonfigurasi."),
            OpenApiParameter("hub.challenge", str, description="Teks yang harus dijawab kembali."),
        ],
        responses={
            200: OpenApiResponse(OpenApiTypes.STR, description="Teks tantangan."),
            403: OpenApiResponse(description="Token verifikasi tidak cocok."),
        },
        auth=[],
    )
    def get(self, request):
        params = request.query_params
        challenge = whatsapp_webhook_verify(
            mode=params.get("hub.mode", ""),
            token=params.get("hub.verify_token", ""),
            challenge=params.get("hub.challenge", ""),
        )
        return HttpResponse(challenge, content_type="text/plain")

    @extend_schema(
        operation_id="notifications_whatsapp_webhook_event",
        description=(
            "Status pengiriman WhatsApp dari Meta (sent, delivered, read, failed), ditandatangani dengan "
            "`X-Hub-Signature-256`. Memperbarui catatan pengiriman yang cocok."
        ),
        request=OpenApiTypes.OBJECT,
        parameters=[OpenApiParameter("X-Hub-Signature-256", str, OpenApiParameter.HEADER, required=True)],
        responses={
            200: inline_serializer("WhatsAppWebhookResult", {"updated": serializers.IntegerField()}),
            400: OpenApiResponse(description="Isi bukan JSON webhook WhatsApp."),
            403: OpenApiResponse(description="Tanda tangan tidak valid."),
        },
        auth=[],
    )
    def post(self, request):
        body = request.body
        whatsapp_signature_check(body=body, signature=request.headers.get("X-Hub-Signature-256", ""))
        try:
            payload = json.loads(body)
        except ValueError as exc:
            raise ParseError() from exc
        return Response({"updated": whatsapp_statuses_apply(payload=payload)})


router = SimpleRouter()
urlpatterns = [
    path(
        "notifications/whatsapp/webhook/",
        WhatsAppWebhookView.as_view(),
        name="notifications-whatsapp-webhook",
    ),
]
