"""Reads of notifications: a user only ever sees their own."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from .models import Notification


def notification_list(*, user: AbstractBaseUser, unread_only: bool = False) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def notification_unread_count(*, user: AbstractBaseUser) -> int:
    return notification_list(user=user, unread_only=True).count()
