"""Alerts go once (re-runs and retries send nothing new), wait through quiet hours, and escalate once."""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core import mail

from budget.alerts import scan
from budget.models import Alert, AlertKind, ContractParty, PartyRole
from notifications.models import Notification

pytestmark = pytest.mark.django_db(transaction=False)

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=WITA)


@pytest.fixture
def treasurer(people):
    """The Dinkes bendahara of the demo has an account: alerts reach it in-app and by email."""
    party = ContractParty.objects.filter(role=PartyRole.TREASURER, user__isnull=False).first()
    assert party is not None
    return party.user


def test_alerts_are_sent_once_across_reruns(people, treasurer, django_capture_on_commit_callbacks, on_budget_day):
    with django_capture_on_commit_callbacks(execute=True):
        first = scan(now=_at(on_budget_day, 10))
    assert first.opened > 0
    assert first.sent > 0
    kinds = set(Alert.objects.values_list("kind", flat=True))
    assert kinds == {AlertKind.LATE_STAGE, AlertKind.CRITICAL_CONTRACT, AlertKind.LOW_ABSORPTION}
    mine = Notification.objects.filter(recipient=treasurer)
    assert mine.exists()
    sent_notifications, sent_mails = Notification.objects.count(), len(mail.outbox)
    assert any(treasurer.email in m.to for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        again = scan(now=_at(on_budget_day, 11))
    assert (again.opened, again.sent) == (0, 0)
    assert Notification.objects.count() == sent_notifications
    assert len(mail.outbox) == sent_mails


def test_quiet_hours_defer_without_dropping(people, treasurer, on_budget_day):
    night = scan(now=_at(on_budget_day, 22))
    assert night.deferred
    assert night.resume_at == _at(on_budget_day + dt.timedelta(days=1), 7)
    assert night.opened > 0
    assert Notification.objects.count() == 0
    morning = scan(now=_at(on_budget_day + dt.timedelta(days=1), 7))
    assert not morning.deferred
    assert morning.sent == night.opened


def test_escalation_to_head_and_leaders_once_after_n_days(people, treasurer, on_budget_day):
    scan(now=_at(on_budget_day, 10))
    assert scan(now=_at(on_budget_day + dt.timedelta(days=2), 10)).escalated == 0
    with time_machine.travel(_at(on_budget_day + dt.timedelta(days=3), 10), tick=False):
        later = scan(now=_at(on_budget_day + dt.timedelta(days=3), 10))
        assert later.escalated > 0
        assert Notification.objects.filter(recipient=people["leader"], subject__startswith="Eskalasi").exists()
        assert Notification.objects.filter(recipient=people["head"], subject__startswith="Eskalasi").exists()
        assert scan(now=_at(on_budget_day + dt.timedelta(days=4), 10)).escalated == 0


def test_the_daily_scan_is_declared():
    from budget.schedules import SCHEDULES

    assert SCHEDULES == [{"name": "budget.daily_scan", "func": "budget.jobs.scan", "schedule_type": "D"}]


def test_a_party_without_account_gets_one_phone_channel_not_both(
    people, settings, django_capture_on_commit_callbacks, on_budget_day
):
    """With WhatsApp and SMS both active, a contractor's number gets each alert once (WhatsApp,
    listed first) through the loopback gateway, not once per channel."""
    from notifications.models import Delivery, DeliveryStatus
    from tests.notifications.gateway import GatewayServer

    with GatewayServer() as gateway:
        settings.NOTIFICATION_CHANNELS = ["email", "whatsapp", "sms"]
        settings.WHATSAPP_API_BASE_URL = gateway.url
        settings.WHATSAPP_PHONE_NUMBER_ID = "1098765"
        settings.WHATSAPP_ACCESS_TOKEN = "token-rahasia"
        settings.WHATSAPP_TEMPLATE_NAME = ""
        settings.SMS_GATEWAY_URL = f"{gateway.url}/api/send"
        settings.SMS_GATEWAY_BODY_TEMPLATE = '{"to": "{to}", "text": "{text}"}'
        settings.SMS_GATEWAY_CONTENT_TYPE = "application/json"
        settings.NOTIFICATION_QUIET_HOURS = ""
        gateway.default = (200, {"messages": [{"id": "wamid.OK"}]})
        with django_capture_on_commit_callbacks(execute=True):
            scan(now=_at(on_budget_day, 10))
        phone = Delivery.objects.filter(notification__phone__startswith="+62")
        assert phone.exists()
        assert set(phone.values_list("channel", flat=True)) == {"whatsapp"}
        assert set(phone.values_list("status", flat=True)) == {DeliveryStatus.SENT}
        assert len(gateway.requests) == phone.count()
        assert all(r.path.endswith("/messages") for r in gateway.requests)
