"""WhatsApp Business Cloud API: ``POST {base}/{version}/{phone_number_id}/messages``.

With ``WHATSAPP_TEMPLATE_NAME`` set, messages are approved templates whose body takes two
parameters (subject; body and link), as Meta requires for business-initiated messages
outside the 24-hour window; without it, plain text messages.
"""

from __future__ import annotations

import re

from django.conf import settings

from ..channels import ChannelError, PhoneChannel, SendResult, notification_text, register_channel
from ..models import Notification
from ..phones import phone_scrub
from .http import gateway_request, json_path, status_error

#: Meta refuses template parameters with new lines, tabs or more than four spaces in a row.
_PARAM_SPACE = re.compile(r"\s+")
TEXT_LIMIT = 1024


def whatsapp_messages_url() -> str:
    base = settings.WHATSAPP_API_BASE_URL.rstrip("/")
    return f"{base}/{settings.WHATSAPP_API_VERSION}/{settings.WHATSAPP_PHONE_NUMBER_ID}/messages"


def whatsapp_payload(notification: Notification, *, to: str) -> dict:
    recipient = to.lstrip("+")
    if not settings.WHATSAPP_TEMPLATE_NAME:
        text = notification_text(notification, limit=TEXT_LIMIT)
        return {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": recipient,
            "type": "text",
            "text": {"preview_url": False, "body": text},
        }
    body = notification_text(notification, limit=TEXT_LIMIT).split("\n", 1)[-1]
    params = [_PARAM_SPACE.sub(" ", value).strip() or "-" for value in (notification.subject, body)]
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": recipient,
        "type": "template",
        "template": {
            "name": settings.WHATSAPP_TEMPLATE_NAME,
            "language": {"code": settings.WHATSAPP_TEMPLATE_LANGUAGE},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": p} for p in params]}],
        },
    }


@register_channel
class WhatsAppChannel(PhoneChannel):
    name = "whatsapp"
    opt_in_field = "whatsapp_opt_in"

    def send(self, notification: Notification, *, ref: str = "") -> SendResult:
        to = self.phone(notification)
        if not (settings.WHATSAPP_PHONE_NUMBER_ID and settings.WHATSAPP_ACCESS_TOKEN):
            raise ChannelError("WhatsApp belum dikonfigurasi (WHATSAPP_PHONE_NUMBER_ID/ACCESS_TOKEN).")
        response = gateway_request(
            "POST",
            whatsapp_messages_url(),
            gateway="WhatsApp",
            json=whatsapp_payload(notification, to=to),
            headers={"Authorization": f"Bearer {settings.WHATSAPP_ACCESS_TOKEN}"},
        )
        try:
            data = response.json()
        except ValueError:
            data = None
        if not 200 <= response.status_code < 300:
            message = json_path(data, "error.message") if data else None
            raise status_error(
                response, gateway="WhatsApp", detail=phone_scrub(str(message or response.text[:200]), to)
            )
        message_id = json_path(data, "messages.0.id") if data else None
        if not message_id:
            raise ChannelError("WhatsApp menjawab tanpa ID pesan.")
        return SendResult(provider_message_id=str(message_id)[:200])
