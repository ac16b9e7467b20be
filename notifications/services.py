"""Sending notifications. ``notify`` is the one entry point for every app.

Safe to call twice for the same event: ``(recipient, dedupe_key)`` is unique in the
database, a repeated call creates no row and sends nothing. Deliveries are queued to
django-q2 after the transaction commits (ids only in task arguments).
"""

import hashlib
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.bulk import bulk_create_tracked

from .channels import active_channels
from .models import Delivery, Notification, NotificationProfile
from .phones import TEL_PREFIX, phone_normalize
from .tasks import deliveries_queue

Recipient = AbstractBaseUser | str


def _recipient_key(recipient: Recipient) -> tuple[str, dict]:
    """The dedupe identity of a recipient and the fields it sets on the notification.

    Strings starting with ``tel:`` are phone numbers (normalised to E.164, a clear
    ``ValidationError`` when invalid); other strings are email addresses.
    """
    if isinstance(recipient, str):
        if recipient.strip().lower().startswith(TEL_PREFIX):
            phone = phone_normalize(recipient)
            return "p:" + hashlib.sha256(phone.encode()).hexdigest()[:64], {"phone": phone}
        address = recipient.strip().lower()
        return "e:" + hashlib.sha256(address.encode()).hexdigest()[:64], {"email": address}
    return f"u:{recipient.pk}", {"recipient": recipient}


def notify(
    *,
    recipients: Iterable[Recipient],
    subject: str,
    body: str,
    url: str = "",
    dedupe_key: str,
    urgent: bool = False,
    channels: Iterable[str] | None = None,
    kind: str = "",
) -> list[Notification]:
    """Create one notification per recipient and queue its deliveries.

    ``recipients``: users, email addresses, or phone numbers written ``"tel:+62812…"`` (any
    form ``phonenumbers`` reads in region ID; an invalid one raises ``ValidationError``
    before anything is created). Users are reached on the channels they opted in to
    (``NotificationProfile``); a bare number on every active phone channel, or only those
    named in ``channels`` (e.g. ``["whatsapp"]``). ``urgent`` sends SMS/WhatsApp even in the
    quiet hours. ``kind`` (registered with ``notifications.kinds.kind_register``) marks a
    routine notice: users who chose the daily digest get it by email once a day, grouped by
    kind, instead of one email each. Returns only the notifications created by this call (empty when all were
    sent before). Inactive users and duplicate recipients are skipped.
    """
    resolved: list[tuple[str, dict]] = []
    seen: set[str] = set()
    for recipient in recipients:
        if recipient is None or (not isinstance(recipient, str) and not recipient.is_active):
            continue
        key, who = _recipient_key(recipient)
        if key not in seen:
            seen.add(key)
            resolved.append((key, who))
    if not resolved:  # nobody to tell: no transaction, no query
        return []
    active = active_channels()
    if channels is not None:
        wanted = set(channels)
        active = [c for c in active if c.name in wanted]
    user_ids = [who["recipient"].pk for _key, who in resolved if "recipient" in who]
    profiles: dict[int, NotificationProfile] = {}
    if user_ids and any(c.needs_profile for c in active):
        profiles = {p.user_id: p for p in NotificationProfile.objects.filter(user_id__in=user_ids)}
    with transaction.atomic():
        created = _notifications_create(
            resolved,
            dedupe_key=dedupe_key[:200],
            subject=str(subject)[:255],
            body=str(body),
            url=url[:500],
            urgent=urgent,
            kind=kind[:60],
        )
        deliveries = [
            Delivery(notification=n, channel=c.name)
            for n in created
            for c in active
            if c.applies_to(n, profiles.get(n.recipient_id))
        ]
        Delivery.objects.bulk_create(deliveries)
        ids = [d.pk for d in deliveries if d.pk] or list(
            Delivery.objects.filter(notification__in=created).values_list("pk", flat=True)
        )
        if ids:
            transaction.on_commit(lambda: deliveries_queue(ids))
    return created


def _notifications_create(resolved: list[tuple[str, dict]], *, dedupe_key: str, **fields) -> list[Notification]:
    """The notifications not sent before. To several recipients they are written together (one
    INSERT each for the rows, their history and their audit events); to one, or when another process
    wrote one of them between the look and the INSERT, one savepoint per recipient skips those sent."""
    new = [Notification(recipient_key=key, dedupe_key=dedupe_key, **fields, **who) for key, who in resolved]
    if len(new) > 1:
        sent = set(
            Notification.objects.filter(dedupe_key=dedupe_key, recipient_key__in=[n.recipient_key for n in new])
            .order_by()
            .values_list("recipient_key", flat=True)
        )
        new = [n for n in new if n.recipient_key not in sent]
        try:
            return bulk_create_tracked(Notification, new)  # its own savepoint: a refusal undoes only it
        except IntegrityError:  # a concurrent notify of the same event won the race for some
            pass
    created = []
    for notification in new:
        notification.pk = None
        try:
            with transaction.atomic():
                notification.save(force_insert=True)
        except IntegrityError:
            continue
        created.append(notification)
    return created


def notification_mark_read(*, user: AbstractBaseUser, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications (all, or the given ids) read; returns how many changed."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    now, changed = timezone.now(), 0
    with transaction.atomic():
        for notification in qs.select_for_update():  # saved one by one: history stays complete
            notification.read_at = now
            notification.save(update_fields=["read_at"])
            changed += 1
    return changed
