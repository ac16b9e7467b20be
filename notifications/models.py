"""Notifications for people (in-admin list) and their deliveries over channels (email, …)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message for one recipient: a user (listed in the admin) or a bare email address.

    ``(recipient_key, dedupe_key)`` is unique, so calling ``notify`` twice for the same
    event never produces a second message.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    email = models.EmailField(_("email penerima"), blank=True)
    recipient_key = models.CharField(max_length=80, editable=False)
    dedupe_key = models.CharField(_("kunci deduplikasi"), max_length=200)
    subject = models.CharField(_("subjek"), max_length=255)
    body = models.TextField(_("isi"))
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient_key", "dedupe_key"], name="notification_unique_dedupe"),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.subject


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu")
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")


class Delivery(models.Model):
    """The sending of one notification over one channel (email, sms, …)."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("kanal"), max_length=30)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    error = models.CharField(_("galat"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("pengiriman")
        verbose_name_plural = _("pengiriman")
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_unique_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.channel}: {self.status}"
