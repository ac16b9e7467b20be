"""A generic HTTP SMS gateway, configured so a local provider fits without code.

Placeholders ``{to}`` (E.164, ``+62812…``), ``{to_digits}`` (``62812…``), ``{to_national}``
(``0812…``), ``{text}`` and ``{ref}`` (our delivery reference, for providers that
deduplicate) are replaced in ``SMS_GATEWAY_URL`` (URL-encoded) and in
``SMS_GATEWAY_BODY_TEMPLATE`` (JSON-escaped for a JSON body, URL-encoded for a form body).
A GET sends no body: put the parameters in the URL. Success is a status in
``SMS_GATEWAY_SUCCESS_STATUS`` (any 2xx when empty) and, when ``SMS_GATEWAY_SUCCESS_JSON``
is ``path=value``, that value at that JSON path.
"""

from __future__ import annotations

import json
from urllib.parse import quote_plus

from django.conf import settings

from ..channels import ChannelError, PhoneChannel, SendResult, notification_text, register_channel
from ..models import Notification
from ..phones import phone_national_digits, phone_scrub
from .http import gateway_request, json_path, status_error

PLACEHOLDERS = ("to", "to_digits", "to_national", "text", "ref")


def _render(template: str, values: dict[str, str], encode) -> str:
    for key in PLACEHOLDERS:
        template = template.replace("{" + key + "}", encode(values[key]))
    return template


def _json_escape(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)[1:-1]


def sms_request(notification: Notification, *, to: str, ref: str) -> dict:
    """The ``requests`` arguments for one SMS (method, url, data, headers, auth)."""
    values = {
        "to": to,
        "to_digits": to.lstrip("+"),
        "to_national": phone_national_digits(to),
        "text": notification_text(notification, limit=settings.SMS_MAX_LENGTH),
        "ref": ref,
    }
    method = settings.SMS_GATEWAY_METHOD.upper()
    request = {"method": method, "url": _render(settings.SMS_GATEWAY_URL, values, quote_plus), "headers": {}}
    content_type = settings.SMS_GATEWAY_CONTENT_TYPE
    if method != "GET" and settings.SMS_GATEWAY_BODY_TEMPLATE:
        encode = _json_escape if "json" in content_type else quote_plus
        request["data"] = _render(settings.SMS_GATEWAY_BODY_TEMPLATE, values, encode).encode()
        request["headers"]["Content-Type"] = content_type
    if settings.SMS_GATEWAY_AUTH_HEADER:
        name, _sep, value = settings.SMS_GATEWAY_AUTH_HEADER.partition(":")
        request["headers"][name.strip()] = value.strip()
    if settings.SMS_GATEWAY_BASIC_AUTH:
        user, _sep, password = settings.SMS_GATEWAY_BASIC_AUTH.partition(":")
        request["auth"] = (user, password)
    return request


def sms_succeeded(status: int, data) -> bool:
    allowed = settings.SMS_GATEWAY_SUCCESS_STATUS
    if (status not in allowed) if allowed else not 200 <= status < 300:
        return False
    rule = settings.SMS_GATEWAY_SUCCESS_JSON
    if not rule:
        return True
    path, _sep, expected = rule.partition("=")
    return data is not None and str(json_path(data, path.strip())) == expected.strip()


@register_channel
class SmsChannel(PhoneChannel):
    name = "sms"
    opt_in_field = "sms_opt_in"

    def send(self, notification: Notification, *, ref: str = "") -> SendResult:
        to = self.phone(notification)
        if not settings.SMS_GATEWAY_URL:
            raise ChannelError("Gateway SMS belum dikonfigurasi (SMS_GATEWAY_URL).")
        args = sms_request(notification, to=to, ref=ref or f"n{notification.pk}")
        response = gateway_request(args.pop("method"), args.pop("url"), gateway="SMS", **args)
        try:
            data = response.json()
        except ValueError:
            data = None
        if not sms_succeeded(response.status_code, data):
            if 200 <= response.status_code < 300:
                raise ChannelError(f"Gateway SMS menolak pesan: {phone_scrub(response.text[:200], to)}")
            raise status_error(response, gateway="SMS", detail=phone_scrub(response.text[:200], to))
        message_id = (
            json_path(data, settings.SMS_GATEWAY_MESSAGE_ID_JSON) if settings.SMS_GATEWAY_MESSAGE_ID_JSON else None
        )
        return SendResult(provider_message_id=str(message_id or "")[:200])
