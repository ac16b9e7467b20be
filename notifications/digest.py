"""The daily digest ("ringkasan harian"): one email a day instead of one per routine notice.

Users who chose it in their profile get their unread notifications that carry a ``kind``
(routine notices; alerts without a kind still go at once) as one email grouped by kind.
It goes through ``notify`` (email only, ``dedupe_key = digest:<date>``), so a second run on
the same day sends nothing and the notices it did not include wait for the next day's.

``notifications`` may import only ``organizations`` (tests/test_import_rules.py), so this job
does not use ``audit.jobs.audited_job``: its history rows name the worker's own actor
(``job:qcluster``, door "job") that ``audit.signals.process_actor`` gives code without one.
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from .channels import absolute_url
from .kinds import kind_label
from .models import Notification
from .quiet_hours import pemda_zone
from .services import notify


def _digest_body(notifications: list[Notification]) -> str:
    zone = pemda_zone()
    by_kind: dict[str, list[Notification]] = defaultdict(list)
    for notification in notifications:
        by_kind[notification.kind].append(notification)
    lines: list[str] = []
    for kind, items in sorted(by_kind.items(), key=lambda pair: str(kind_label(pair[0]))):
        lines.append(f"{kind_label(kind)} ({len(items)})")
        for item in items:
            when = formats.date_format(timezone.localtime(item.created_at, zone), "j M Y H.i")
            link = absolute_url(item.url)
            lines.append(f"- {item.subject} ({when})" + (f"\n  {link}" if link else ""))
        lines.append("")
    lines.append(_("Ubah pilihan ringkasan di Akun saya > Notifikasi WhatsApp, SMS dan email."))
    return "\n".join(lines)


def daily_digest_send() -> int:
    """Send today's digest to every user who chose it; returns how many digests were sent."""
    today = timezone.localtime(timezone.now(), pemda_zone()).date().isoformat()
    pending = (
        Notification.objects.filter(
            recipient__notification_profile__daily_digest=True,
            recipient__notification_profile__email_opt_in=True,
            recipient__is_active=True,
            read_at__isnull=True,
            digested_at__isnull=True,
        )
        .exclude(kind="")
        .exclude(recipient__email="")
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "id")
    )
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in pending:
        by_user[notification.recipient_id].append(notification)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for items in by_user.values():
            user = items[0].recipient
            subject = _("Ringkasan harian Sepakat: %(count)d notifikasi") % {"count": len(items)}
            with transaction.atomic():
                created = notify(
                    recipients=[user],
                    subject=subject,
                    body=_digest_body(items),
                    url="/admin/notifications/",
                    dedupe_key=f"digest:{today}",
                    channels=["email"],
                )
                if not created:
                    continue  # today's digest went already: these wait for tomorrow's
                now = timezone.now()
                # saved row by row (not .update()): every change keeps its history row
                digest = created[0]
                digest.read_at = now  # the digest itself is not a new unread notice
                digest.save(update_fields=["read_at"])
                for notification in items:
                    notification.digested_at = now
                    notification.save(update_fields=["digested_at"])
            sent += 1
    return sent
