"""Users' notification profiles: their phone number and the channels they agreed to."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser

from .models import NotificationProfile


def notification_profile_for(user: AbstractBaseUser) -> NotificationProfile:
    """The user's profile, unsaved with the defaults when they never set one (no write on read)."""
    try:
        return user.notification_profile
    except NotificationProfile.DoesNotExist:
        return NotificationProfile(user=user)


def contact_phone_for(user: AbstractBaseUser, *, channel: str | None = None) -> str | None:
    """The user's mobile number in E.164 (``+62812…``), or ``None`` when they gave none.

    With ``channel="whatsapp"`` or ``"sms"``, only when the user agreed to be reached on that
    channel. Never log the result; show it with ``notifications.phones.phone_mask``.
    Reads the profile cached on the user when a selector ``select_related`` it
    (``notification_profile``), else one query.
    """
    if user is None or not getattr(user, "pk", None):
        return None
    profile = notification_profile_for(user)
    if not profile.phone:
        return None
    if channel is not None:
        opt_in = {"whatsapp": profile.whatsapp_opt_in, "sms": profile.sms_opt_in}.get(channel)
        if opt_in is None:
            raise ValueError(f"unknown phone channel {channel!r}")
        if not opt_in:
            return None
    return profile.phone
