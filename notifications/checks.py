"""System checks: an active phone channel must have what it needs to send."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from .quiet_hours import _parse_window


@register()
def channels_configured(app_configs, **kwargs):
    problems = []
    active = set(settings.NOTIFICATION_CHANNELS)
    if "whatsapp" in active:
        missing = [
            name
            for name in ("WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_ACCESS_TOKEN", "WHATSAPP_APP_SECRET")
            if not getattr(settings, name)
        ]
        if missing:
            problems.append(
                Error(f"WhatsApp is an active channel but {', '.join(missing)} is not set.", id="notifications.E001")
            )
        if not settings.WHATSAPP_WEBHOOK_VERIFY_TOKEN:
            problems.append(
                Warning(
                    "WHATSAPP_WEBHOOK_VERIFY_TOKEN is not set: delivery statuses cannot be subscribed to.",
                    id="notifications.W001",
                )
            )
    if "sms" in active and not settings.SMS_GATEWAY_URL:
        problems.append(Error("SMS is an active channel but SMS_GATEWAY_URL is not set.", id="notifications.E002"))
    unknown = active - {"email", "whatsapp", "sms"}
    if unknown:
        problems.append(Error(f"Unknown NOTIFICATION_CHANNELS: {', '.join(sorted(unknown))}.", id="notifications.E003"))
    try:
        _parse_window(settings.NOTIFICATION_QUIET_HOURS)
    except Exception as exc:  # ImproperlyConfigured with the expected form
        problems.append(Error(str(exc), id="notifications.E004"))
    return problems
