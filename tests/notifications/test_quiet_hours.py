"""Quiet hours in the Pemda's zone: SMS/WhatsApp wait (not dropped), email does not, urgent bypasses."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django_q.scheduler import scheduler

from notifications.models import Delivery, DeliveryStatus, NotificationProfile
from notifications.quiet_hours import quiet_until
from notifications.services import notify
from organizations.models import TimeZone
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WITA = dt.timezone(dt.timedelta(hours=8))
WIB = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def quiet(settings, pemda, sms):
    settings.NOTIFICATION_QUIET_HOURS = "21:00-06:00"
    settings.NOTIFICATION_CHANNELS = ["email", "sms"]
    return sms


def _notify(capture, **kwargs):
    with capture(execute=True):
        return notify(subject="Kontrak kritis", body="Deviasi 12%", dedupe_key="k", **kwargs)


def test_sms_at_night_waits_until_six_wita_email_goes_now(quiet, django_capture_on_commit_callbacks):
    user = UserFactory()

    NotificationProfile.objects.create(user=user, phone="+6281234567890", sms_opt_in=True)
    night = dt.datetime(2026, 12, 7, 22, 30, tzinfo=WITA)
    with time_machine.travel(night, tick=False):
        _notify(django_capture_on_commit_callbacks, recipients=[user])
    email = Delivery.objects.get(channel="email")
    sms = Delivery.objects.get(channel="sms")
    assert email.status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1
    assert (sms.status, sms.attempts) == (DeliveryStatus.PENDING, 0)
    assert sms.next_attempt_at == dt.datetime(2026, 12, 8, 6, 0, tzinfo=WITA)
    assert quiet.requests == []

    with time_machine.travel(dt.datetime(2026, 12, 8, 5, 59, tzinfo=WITA), tick=False):
        scheduler()
    assert quiet.requests == []
    with time_machine.travel(dt.datetime(2026, 12, 8, 6, 0, 1, tzinfo=WITA), tick=False):
        scheduler()
    sms.refresh_from_db()
    assert (sms.status, sms.attempts) == (DeliveryStatus.SENT, 1)
    assert len(quiet.requests) == 1


def test_urgent_goes_at_night(quiet, django_capture_on_commit_callbacks):
    with time_machine.travel(dt.datetime(2026, 12, 7, 23, 0, tzinfo=WITA), tick=False):
        _notify(django_capture_on_commit_callbacks, recipients=["tel:0812-3456-7890"], urgent=True)
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert len(quiet.requests) == 1


def test_daytime_goes_at_once(quiet, django_capture_on_commit_callbacks):
    with time_machine.travel(dt.datetime(2026, 12, 7, 6, 0, tzinfo=WITA), tick=False):
        _notify(django_capture_on_commit_callbacks, recipients=["tel:0812-3456-7890"])
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_a_retry_falling_in_the_night_waits_too(quiet, django_capture_on_commit_callbacks):
    quiet.script(503)
    with time_machine.travel(dt.datetime(2026, 12, 7, 20, 59, 30, tzinfo=WITA), tick=False):
        _notify(django_capture_on_commit_callbacks, recipients=["tel:0812-3456-7890"])
    with time_machine.travel(dt.datetime(2026, 12, 7, 21, 1, tzinfo=WITA), tick=False):
        scheduler()  # the retry is due, but it is 21:01 WITA now
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.RETRY, 1)
    assert delivery.next_attempt_at == dt.datetime(2026, 12, 8, 6, 0, tzinfo=WITA)
    assert len(quiet.requests) == 1


@pytest.mark.parametrize(
    ("zone", "local", "expected"),
    [
        (TimeZone.WITA, dt.datetime(2026, 12, 7, 22, 0, tzinfo=WITA), dt.datetime(2026, 12, 8, 6, 0, tzinfo=WITA)),
        (TimeZone.WITA, dt.datetime(2026, 12, 8, 2, 0, tzinfo=WITA), dt.datetime(2026, 12, 8, 6, 0, tzinfo=WITA)),
        (TimeZone.WITA, dt.datetime(2026, 12, 8, 6, 0, tzinfo=WITA), None),
        (TimeZone.WITA, dt.datetime(2026, 12, 7, 20, 59, tzinfo=WITA), None),
        # 21:30 WITA is 20:30 WIB: quiet for a WITA Pemda, not for a WIB one
        (TimeZone.WIB, dt.datetime(2026, 12, 7, 21, 30, tzinfo=WITA), None),
        (TimeZone.WIB, dt.datetime(2026, 12, 7, 21, 0, tzinfo=WIB), dt.datetime(2026, 12, 8, 6, 0, tzinfo=WIB)),
    ],
)
def test_window_in_the_pemda_zone(settings, pemda, zone, local, expected):
    settings.NOTIFICATION_QUIET_HOURS = "21:00-06:00"
    pemda.timezone = zone
    pemda.save()
    assert quiet_until(local) == expected


def test_same_day_window_and_none(settings, pemda):
    settings.NOTIFICATION_QUIET_HOURS = "12:00-13:00"
    assert quiet_until(dt.datetime(2026, 12, 7, 12, 30, tzinfo=WITA)) == dt.datetime(2026, 12, 7, 13, 0, tzinfo=WITA)
    assert quiet_until(dt.datetime(2026, 12, 7, 13, 0, tzinfo=WITA)) is None
    settings.NOTIFICATION_QUIET_HOURS = ""
    assert quiet_until(dt.datetime(2026, 12, 7, 23, 0, tzinfo=WITA)) is None
