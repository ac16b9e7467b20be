"""The daily digest: routine notices of users who chose it go as one email a day, grouped by kind."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils.translation import gettext_lazy as _

from notifications.digest import daily_digest_send
from notifications.kinds import kind_register
from notifications.models import Notification, NotificationProfile
from notifications.services import notify
from ops.schedules import declared_schedules
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WITA = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture(autouse=True)
def _kinds():
    kind_register("tests.new_complaint", _("Pengaduan baru"))


def _send(capture, user, key, kind="tests.new_complaint", subject="Pengaduan baru #1"):
    with capture(execute=True):
        notify(recipients=[user], subject=subject, body="b", url="/admin/x/", dedupe_key=key, kind=kind)


def test_digest_batches_routine_notices_into_one_email(pemda, django_capture_on_commit_callbacks):
    digest_user, plain_user = UserFactory(), UserFactory()
    NotificationProfile.objects.create(user=digest_user, daily_digest=True)
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, 15, tzinfo=WITA), tick=False):
        for user in (digest_user, plain_user):
            _send(django_capture_on_commit_callbacks, user, "a", subject="Pengaduan jalan rusak")
            _send(django_capture_on_commit_callbacks, user, "b", kind="tests.other", subject="Laporan dikembalikan")
            _send(django_capture_on_commit_callbacks, user, "c", kind="", subject="Kontrak kritis")
    # the plain user got 3 emails; the digest user only the one without a kind
    assert sorted(m.to[0] for m in mail.outbox).count(plain_user.email) == 3
    assert [m.subject for m in mail.outbox if m.to == [digest_user.email]] == ["Kontrak kritis"]
    mail.outbox.clear()

    evening = time_machine.travel(dt.datetime(2026, 12, 7, 17, 0, tzinfo=WITA), tick=False)
    with evening, django_capture_on_commit_callbacks(execute=True):
        assert daily_digest_send() == 1
    [email] = mail.outbox
    assert email.to == [digest_user.email]
    assert email.subject == "Ringkasan harian Sepakat: 2 notifikasi"
    assert "Pengaduan baru (1)\n- Pengaduan jalan rusak (7 Des 2026 09.15)\n  http://testserver/admin/x/" in email.body
    assert "Notifikasi lain (1)\n- Laporan dikembalikan" in email.body  # a label, never the key
    assert "tests." not in email.body
    assert Notification.objects.filter(recipient=digest_user, digested_at__isnull=False).count() == 2

    with django_capture_on_commit_callbacks(execute=True):  # a re-run the same day sends nothing
        assert daily_digest_send() == 0
    assert len(mail.outbox) == 1


def test_read_notices_are_not_in_the_digest(pemda, django_capture_on_commit_callbacks):
    user = UserFactory()
    NotificationProfile.objects.create(user=user, daily_digest=True)
    _send(django_capture_on_commit_callbacks, user, "a")
    Notification.objects.update(read_at=dt.datetime(2026, 12, 7, tzinfo=dt.UTC))
    assert daily_digest_send() == 0


def test_digest_job_is_declared():
    assert {
        "name": "notifications.daily_digest",
        "func": "notifications.digest.daily_digest_send",
        "schedule_type": "D",
    } in declared_schedules()
