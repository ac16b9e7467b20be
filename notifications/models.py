"""Notifications for people (in-admin list) and their deliveries over channels (email, …)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One message for one recipient: a user (listed in the admin) or a bare email address.

    ``(recipient_key, dedupe_key)`` is unique, so calling ``notify`` twice for the same
    event never produces a second message.
    """

    wagtail_reference_index_ignore = True  # no "usage" screen reads these rows; each save would re-index them

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    email = models.EmailField(_("email penerima"), blank=True)
    phone = models.CharField(_("nomor telepon penerima"), max_length=20, blank=True)
    recipient_key = models.CharField(max_length=80, editable=False)
    dedupe_key = models.CharField(_("kunci deduplikasi"), max_length=200)
    subject = models.CharField(_("subjek"), max_length=255)
    body = models.TextField(_("isi"))
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)
    kind = models.CharField(
        _("jenis"), max_length=60, blank=True, help_text=_("Notifikasi berjenis dapat diringkas harian.")
    )
    digested_at = models.DateTimeField(_("masuk ringkasan"), null=True, blank=True, editable=False)
    urgent = models.BooleanField(
        _("mendesak"), default=False, help_text=_("Dikirim juga pada jam tenang (SMS/WhatsApp).")
    )

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
    SENDING = "sending", _("Sedang dikirim")
    RETRY = "retry", _("Akan dicoba lagi")
    SENT = "sent", _("Terkirim")
    DELIVERED = "delivered", _("Sampai")
    READ = "read", _("Dibaca")
    FAILED = "failed", _("Gagal")
    SKIPPED = "skipped", _("Tidak dikirim")


#: Statuses after which a delivery is never sent again.
DONE_STATUSES = frozenset(
    {DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ, DeliveryStatus.FAILED, DeliveryStatus.SKIPPED}
)


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SMS = "sms", _("SMS")


class Delivery(models.Model):
    """The sending of one notification over one channel (email, sms, …)."""

    wagtail_reference_index_ignore = True  # no "usage" screen reads these rows; each save would re-index them

    notification = models.ForeignKey(
        Notification, verbose_name=_("notifikasi"), on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.CharField(_("kanal"), max_length=30, choices=DeliveryChannel.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("percobaan"), default=0)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    error = models.CharField(_("galat terakhir"), max_length=500, blank=True)
    provider_message_id = models.CharField(_("ID pesan penyedia"), max_length=200, blank=True, db_index=True)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("mulai dikirim"), null=True, blank=True, editable=False)
    status_changed_at = models.DateTimeField(_("status diubah"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengiriman")
        verbose_name_plural = _("pengiriman")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_unique_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()}: {self.get_status_display()}"

    def recipient_label(self) -> str:
        """Who this delivery goes to, for people: a name, an address, or a masked number."""
        from .phones import phone_mask

        notification = self.notification
        if notification.phone:
            return phone_mask(notification.phone)
        if notification.recipient_id is None:
            return notification.email
        user = notification.recipient
        name = user.get_full_name() or user.get_username()
        if self.channel in (DeliveryChannel.SMS, DeliveryChannel.WHATSAPP):
            profile = getattr(user, "notification_profile", None)
            if profile is not None and profile.phone:
                return f"{name} ({phone_mask(profile.phone)})"
        return name

    recipient_label.short_description = _("penerima")


class NotificationProfile(models.Model):
    """A user's phone number and the channels they agreed to be reached on.

    WhatsApp and SMS are opt-in (a business-initiated WhatsApp message needs the person's
    consent); email stays on unless the user turns it off. The in-admin list is always on.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="notification_profile",
    )
    phone = models.CharField(
        _("nomor telepon seluler"),
        max_length=20,
        blank=True,
        help_text=_("Misalnya 0812-3456-7890 atau +62 812 3456 7890; disimpan dalam format internasional."),
    )
    whatsapp_opt_in = models.BooleanField(_("terima lewat WhatsApp"), default=False)
    sms_opt_in = models.BooleanField(_("terima lewat SMS"), default=False)
    email_opt_in = models.BooleanField(_("terima lewat email"), default=True)
    daily_digest = models.BooleanField(
        _("ringkasan harian"),
        default=False,
        help_text=_("Notifikasi rutin dikirim sekali sehari dalam satu email, bukan satu per satu."),
    )
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("profil notifikasi")
        verbose_name_plural = _("profil notifikasi")
        ordering = ["user__username"]

    def __str__(self) -> str:
        return str(self.user)

    def clean(self) -> None:
        from .phones import phone_normalize

        if self.phone:
            self.phone = phone_normalize(self.phone, field="phone")
        elif self.whatsapp_opt_in or self.sms_opt_in:
            raise ValidationError({"phone": _("Isi nomor telepon untuk menerima WhatsApp atau SMS.")})
