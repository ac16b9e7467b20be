"""django-q2 tasks. Arguments are ids only (never addresses or message text)."""

from django.db import transaction
from django.utils import timezone

from .channels import channel_by_name
from .models import Delivery, DeliveryStatus


def deliver(delivery_id: int) -> str:
    """Send one delivery; a second run of an already sent delivery does nothing."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("notification", "notification__recipient")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.status == DeliveryStatus.SENT:
            return "skipped"
        channel = channel_by_name(delivery.channel)
        delivery.attempts += 1
        try:
            if channel is None:
                raise LookupError(f"unknown channel {delivery.channel}")
            channel.send(delivery.notification)
        except Exception as exc:  # a channel failure is recorded, not raised into the worker
            delivery.status = DeliveryStatus.FAILED
            delivery.error = f"{type(exc).__name__}: {exc}"[:500]
            delivery.save(update_fields=["status", "attempts", "error"])
            return "failed"
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = timezone.now()
        delivery.error = ""
        delivery.save(update_fields=["status", "attempts", "sent_at", "error"])
        return "sent"
