"""Delivery channels: email here, WhatsApp and SMS in ``notifications.gateways``.

``settings.NOTIFICATION_CHANNELS`` lists the active ones (default: email only; the in-admin
list needs no channel, it is the ``Notification`` row itself). A channel's ``send`` returns
a :class:`SendResult` or raises :class:`ChannelError` saying whether a retry may help; the
``deliver`` task records the outcome and schedules the retry. Channels never retry
themselves and never log a phone number in clear.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail

from .models import Notification, NotificationProfile


class ChannelError(Exception):
    """A failed send. ``retryable`` is False when trying again cannot help (a 4xx, no number)."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class SendResult:
    provider_message_id: str = ""


class Channel:
    """A way to deliver a notification. ``send``'s ``ref`` is our stable reference for the
    delivery (the same on every retry), for gateways that deduplicate on it."""

    name = ""
    #: SMS and WhatsApp wait for the end of the quiet hours; email does not.
    respects_quiet_hours = False
    #: Whether ``notify`` must read users' profiles to decide (phone channels: the number).
    #: Email decides with the defaults at ``notify`` time and re-checks when it sends, so the
    #: email-only default costs ``notify`` no query per call.
    needs_profile = False

    def applies_to(self, notification: Notification, profile: NotificationProfile | None) -> bool:
        """Whether this channel can and may reach the recipient (``profile``: the user's, if any)."""
        return True

    def send(self, notification: Notification, *, ref: str = "") -> SendResult:
        raise NotImplementedError


def profile_of(notification: Notification) -> NotificationProfile | None:
    if not notification.recipient_id:
        return None
    try:
        return notification.recipient.notification_profile
    except NotificationProfile.DoesNotExist:
        return None


def notification_text(notification: Notification, *, limit: int) -> str:
    """Subject, body and absolute link as one short text (SMS, WhatsApp)."""
    text = f"{notification.subject}\n{notification.body}".strip()
    link = absolute_url(notification.url)
    if link:
        room = limit - len(link) - 1
        text = (text[: max(room - 1, 0)] + "…" if len(text) > room else text) + "\n" + link
    elif len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def absolute_url(url: str) -> str:
    if not url:
        return ""
    return url if url.startswith("http") else f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{url}"


class EmailChannel(Channel):
    name = "email"

    @staticmethod
    def address(notification: Notification) -> str:
        if notification.recipient_id:
            return notification.recipient.email
        return notification.email

    def applies_to(self, notification: Notification, profile: NotificationProfile | None) -> bool:
        if profile is not None and (not profile.email_opt_in or (profile.daily_digest and notification.kind)):
            return False  # opted out, or it goes in the daily digest (notifications.digest)
        return bool(self.address(notification))

    def send(self, notification: Notification, *, ref: str = "") -> SendResult:
        body = notification.body
        link = absolute_url(notification.url)
        if link:
            body = f"{body}\n\n{link}"
        try:
            send_mail(notification.subject, body, None, [self.address(notification)], fail_silently=False)
        except Exception as exc:  # SMTP trouble is usually temporary
            raise ChannelError(f"Pengiriman email gagal ({type(exc).__name__}: {exc})"[:400]) from exc
        return SendResult()


class PhoneChannel(Channel):
    """A channel that reaches a phone number: the bare ``tel:`` recipient's, or the user's
    own number when they opted in to this channel (``opt_in_field`` on their profile)."""

    respects_quiet_hours = True
    needs_profile = True
    opt_in_field = ""

    def applies_to(self, notification: Notification, profile: NotificationProfile | None) -> bool:
        if notification.phone:
            return True
        return bool(profile and profile.phone and getattr(profile, self.opt_in_field))

    def phone(self, notification: Notification) -> str:
        """The E.164 number to send to now (the user may have changed it since ``notify``)."""
        if notification.phone:
            return notification.phone
        profile = profile_of(notification)
        if profile and profile.phone and getattr(profile, self.opt_in_field):
            return profile.phone
        raise ChannelError("Penerima tidak memiliki nomor atau tidak bersedia.", retryable=False)


_REGISTRY: dict[str, type[Channel]] = {EmailChannel.name: EmailChannel}


def register_channel(channel: type[Channel]) -> type[Channel]:
    """Class decorator for more channels."""
    _REGISTRY[channel.name] = channel
    return channel


def active_channels() -> list[Channel]:
    return [_REGISTRY[n]() for n in settings.NOTIFICATION_CHANNELS if n in _REGISTRY]


def channel_by_name(name: str) -> Channel | None:
    cls = _REGISTRY.get(name)
    return cls() if cls else None


from .gateways import sms, whatsapp  # noqa: E402, F401  (they register themselves)
