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
