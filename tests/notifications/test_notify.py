import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from notifications.models import Delivery, DeliveryStatus, Notification
from notifications.selectors import notification_unread_count
from notifications.services import notification_mark_read, notify
from notifications.tasks import deliver
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _send(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return notify(**kwargs)


def test_notify_creates_in_admin_row_and_sends_email(django_capture_on_commit_callbacks):
    user = UserFactory(email="a@nunukankab.go.id")
    created = _send(
        django_capture_on_commit_callbacks,
        recipients=[user, "warga@example.com"],
        subject="Pengaduan baru",
        body="Ada pengaduan",
        url="/admin/x/",
        dedupe_key="k1",
    )
    assert len(created) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@nunukankab.go.id", "warga@example.com"]
    assert "http://testserver/admin/x/" in mail.outbox[0].body
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert notification_unread_count(user=user) == 1


def test_notify_twice_with_same_key_sends_once(django_capture_on_commit_callbacks):
    user = UserFactory()
    for _ in range(2):
        _send(django_capture_on_commit_callbacks, recipients=[user, user], subject="S", body="B", dedupe_key="same")
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1
    _send(django_capture_on_commit_callbacks, recipients=[user], subject="S", body="B", dedupe_key="other")
    assert Notification.objects.count() == 2


def test_unique_constraint_in_database():
    user = UserFactory()
    Notification.objects.create(recipient=user, recipient_key=f"u:{user.pk}", dedupe_key="x", subject="s", body="b")
    with pytest.raises(IntegrityError):
        Notification.objects.create(recipient=user, recipient_key=f"u:{user.pk}", dedupe_key="x", subject="s", body="b")


def test_deliver_task_twice_sends_once(django_capture_on_commit_callbacks):
    user = UserFactory()
    _send(django_capture_on_commit_callbacks, recipients=[user], subject="S", body="B", dedupe_key="t")
    delivery = Delivery.objects.get()
    assert deliver(delivery.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_inactive_user_and_user_without_email(django_capture_on_commit_callbacks):
    inactive = UserFactory(is_active=False)
    no_mail = UserFactory(email="")
    created = _send(
        django_capture_on_commit_callbacks, recipients=[inactive, no_mail], subject="S", body="B", dedupe_key="k"
    )
    assert [n.recipient for n in created] == [no_mail]
    assert not Delivery.objects.exists()
    assert mail.outbox == []


def test_failed_channel_is_recorded(django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "tests.notifications.broken_backend.BrokenBackend"
    user = UserFactory()
    _send(django_capture_on_commit_callbacks, recipients=[user], subject="S", body="B", dedupe_key="f")
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRY  # SMTP trouble passes: tried again later
    assert "OSError" in delivery.error
    assert delivery.next_attempt_at is not None


def test_task_arguments_are_ids_only(django_capture_on_commit_callbacks, queued_jobs):
    user = UserFactory(email="rahasia@example.com")
    _send(
        django_capture_on_commit_callbacks,
        recipients=[user, "tel:+6281234567890"],
        subject="Subjek rahasia",
        body="B",
        dedupe_key="a",
    )
    assert queued_jobs, "notify queued no job"
    for job in queued_jobs:
        queued = repr((job["args"], job["kwargs"], job["name"]))
        assert "rahasia" not in queued
        assert "Subjek" not in queued
        assert "81234567890" not in queued


def test_admin_list_shows_only_own_notifications(client):
    me = UserFactory(is_superuser=True, is_staff=True)
    other = UserFactory()
    notify(recipients=[me], subject="Untuk saya", body="b", dedupe_key="m")
    notify(recipients=[other], subject="Untuk orang lain", body="b", dedupe_key="o")
    client.force_login(me)
    response = client.get(reverse("notifications_list"))
    assert response.status_code == 200
    assert "Untuk saya" in response.text
    assert "Untuk orang lain" not in response.text
    response = client.post(reverse("notifications_list"))
    assert response.status_code == 302
    assert notification_unread_count(user=me) == 0
    assert notification_unread_count(user=other) == 1


def test_mark_read_only_touches_own():
    me, other = UserFactory(), UserFactory()
    theirs = notify(recipients=[other], subject="s", body="b", dedupe_key="x")[0]
    assert notification_mark_read(user=me, notification_ids=[theirs.pk]) == 0
