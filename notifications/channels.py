"""Delivery channels. Add SMS/WhatsApp as another ``Channel`` subclass and list it in
``settings.NOTIFICATION_CHANNELS`` (default: email only; the in-admin list needs no channel,
it is the ``Notification`` row itself)."""

from django.conf import settings
from django.core.mail import send_mail

from .models import Notification


class Channel:
    """A way to deliver a notification. ``send`` raises on failure; the task records it."""

    name = ""

    def applies_to(self, notification: Notification) -> bool:
        """Whether this channel can reach the recipient (an address, a phone number…)."""
        return True

    def send(self, notification: Notification) -> None:
        raise NotImplementedError


class EmailChannel(Channel):
    name = "email"

    @staticmethod
    def address(notification: Notification) -> str:
        if notification.recipient_id:
            return notification.recipient.email
        return notification.email

    def applies_to(self, notification: Notification) -> bool:
        return bool(self.address(notification))

    def send(self, notification: Notification) -> None:
        body = notification.body
        if notification.url:
            base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
            link = notification.url if notification.url.startswith("http") else f"{base}{notification.url}"
            body = f"{body}\n\n{link}"
        send_mail(notification.subject, body, None, [self.address(notification)], fail_silently=False)


_REGISTRY: dict[str, type[Channel]] = {EmailChannel.name: EmailChannel}


def register_channel(channel: type[Channel]) -> type[Channel]:
    """Class decorator for more channels (SMS, WhatsApp)."""
    _REGISTRY[channel.name] = channel
    return channel


def active_channels() -> list[Channel]:
    names = settings.NOTIFICATION_CHANNELS
    return [_REGISTRY[n]() for n in names if n in _REGISTRY]


def channel_by_name(name: str) -> Channel | None:
    cls = _REGISTRY.get(name)
    return cls() if cls else None
