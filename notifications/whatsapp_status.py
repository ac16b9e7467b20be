"""WhatsApp delivery statuses from Meta's webhook: verification and signed status updates.

Meta first verifies the callback URL with a GET carrying ``hub.verify_token`` (our
``WHATSAPP_WEBHOOK_VERIFY_TOKEN``), then POSTs events signed with the app secret
(``X-Hub-Signature-256: sha256=<HMAC-SHA256 of the raw body>``). Each ``statuses`` entry
moves the matching ``Delivery`` (by the message id the send returned) forward: sent ->
delivered -> read, or failed with Meta's error; a late, older status never moves it back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Delivery, DeliveryChannel, DeliveryStatus

logger = logging.getLogger("notifications.whatsapp")

_RANK = {DeliveryStatus.SENT: 1, DeliveryStatus.DELIVERED: 2, DeliveryStatus.READ: 3}
_META_STATUS = {
    "sent": DeliveryStatus.SENT,
    "delivered": DeliveryStatus.DELIVERED,
    "read": DeliveryStatus.READ,
    "failed": DeliveryStatus.FAILED,
}


def whatsapp_webhook_verify(*, mode: str, token: str, challenge: str) -> str:
    """Answer Meta's subscription check with the challenge, or refuse."""
    expected = settings.WHATSAPP_WEBHOOK_VERIFY_TOKEN
    if mode != "subscribe" or not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        raise PermissionDenied(_("Token verifikasi webhook tidak cocok."))
    return challenge


def whatsapp_signature_check(*, body: bytes, signature: str) -> None:
    """Raise ``PermissionDenied`` unless ``signature`` is the app secret's HMAC of ``body``."""
    secret = settings.WHATSAPP_APP_SECRET
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest() if secret else ""
    if not secret or not hmac.compare_digest(signature.strip().encode(), f"sha256={digest}".encode()):
        logger.warning("WhatsApp webhook with a missing or wrong signature refused")
        raise PermissionDenied(_("Tanda tangan webhook tidak valid."))


def _statuses(payload: dict) -> list[dict]:
    if not isinstance(payload, dict) or not isinstance(payload.get("entry", []), list):
        raise ValidationError(_("Isi webhook WhatsApp tidak dikenali."))
    found = []
    for entry in payload.get("entry", []):
        for change in (entry or {}).get("changes", []) if isinstance(entry, dict) else []:
            value = change.get("value") if isinstance(change, dict) else None
            statuses = value.get("statuses", []) if isinstance(value, dict) else []
            found.extend(s for s in statuses if isinstance(s, dict) and s.get("id"))
    return found


def whatsapp_statuses_apply(*, payload: dict) -> int:
    """Apply every status in a webhook payload; returns how many deliveries changed."""
    statuses = _statuses(payload)
    changed = 0
    with transaction.atomic():
        by_id = {
            d.provider_message_id: d
            for d in Delivery.objects.select_for_update().filter(
                channel=DeliveryChannel.WHATSAPP, provider_message_id__in=[str(s["id"]) for s in statuses]
            )
        }
        for status in statuses:
            delivery = by_id.get(str(status["id"]))
            new = _META_STATUS.get(status.get("status"))
            if delivery is None or new is None or not _moves_forward(delivery.status, new):
                continue
            delivery.status = new
            delivery.status_changed_at = _timestamp(status.get("timestamp"))
            if new == DeliveryStatus.FAILED:
                errors = status.get("errors") or [{}]
                first = errors[0] if isinstance(errors[0], dict) else {}
                delivery.error = f"WhatsApp {first.get('code', '')}: {first.get('title', '')}".strip()[:500]
            delivery.save(update_fields=["status", "status_changed_at", "error"])
            changed += 1
    return changed


def _moves_forward(current: str, new: str) -> bool:
    if current == DeliveryStatus.FAILED or current == new:
        return False
    if new == DeliveryStatus.FAILED:
        return current in (DeliveryStatus.SENT, DeliveryStatus.SENDING, DeliveryStatus.RETRY)
    return _RANK.get(new, 0) > _RANK.get(current, 0)


def _timestamp(value) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return timezone.now()
