"""Issue 14's "done when", as one journey in a real browser at phone size.

The real daily scan (``budget.jobs.scan`` through django-q2) runs twice with the WhatsApp Cloud API
and the SMS gateway both pointed at a real HTTP server on loopback (``tests/notifications/
gateway.py``): the responsible treasurer's and contractor's alerts reach the gateway exactly once
each (one channel per person, nothing again on the re-run) and every delivery's status is recorded.
Then the leader, on a phone, opens the dashboard and sees the slowest OPDs and a critical contract.
Screenshots land in /tmp/serap/.
"""

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest
import time_machine
from django.contrib.auth.models import Group
from django_q.tasks import async_task, result

from budget.clock import local_today, pemda_zone
from budget.models import Alert, AlertKind, ContractParty, ContractStage, PartyRole
from notifications.models import Delivery, DeliveryStatus, Notification, NotificationProfile
from organizations.roles import GlobalRole
from tests.e2e.test_public_site import PASSWORD
from tests.factories import budget_world
from tests.notifications.gateway import GatewayServer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = Path("/tmp/serap")
PHONE = {"width": 390, "height": 844}
TREASURER_PHONE = "+6281255501234"


def _shot(tab, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def gateway(settings):
    """WhatsApp listed before SMS, both on the loopback gateway: a party gets WhatsApp only."""
    with GatewayServer() as gateway:
        settings.NOTIFICATION_CHANNELS = ["email", "whatsapp", "sms"]
        settings.WHATSAPP_API_BASE_URL = gateway.url
        settings.WHATSAPP_API_VERSION = "v21.0"
        settings.WHATSAPP_PHONE_NUMBER_ID = "1098765"
        settings.WHATSAPP_ACCESS_TOKEN = "token-rahasia"
        settings.WHATSAPP_TEMPLATE_NAME = ""
        settings.SMS_GATEWAY_URL = f"{gateway.url}/api/send"
        settings.SMS_GATEWAY_METHOD = "POST"
        settings.SMS_GATEWAY_CONTENT_TYPE = "application/json"
        settings.SMS_GATEWAY_BODY_TEMPLATE = '{"to": "{to}", "text": "{text}", "ref": "{ref}"}'
        settings.SMS_GATEWAY_AUTH_HEADER = "Authorization: Bearer sms-key"
        settings.SMS_GATEWAY_BASIC_AUTH = ""
        settings.SMS_GATEWAY_SUCCESS_STATUS = []
        settings.SMS_GATEWAY_SUCCESS_JSON = ""
        settings.SMS_GATEWAY_MESSAGE_ID_JSON = "id"
        settings.NOTIFICATION_HTTP_TIMEOUT = 2
        settings.NOTIFICATION_QUIET_HOURS = ""
        gateway.default = (200, {"messaging_product": "whatsapp", "messages": [{"id": "wamid.OK"}]})
        yield gateway


@pytest.fixture
def serap(django_user_model):
    budget_world(opds=4, with_contracts=3, today=local_today())
    leader = django_user_model.objects.create_user(
        "bupati.jalur", "bupati.jalur@nunukankab.go.id", PASSWORD, first_name="Bupati"
    )
    leader.groups.add(Group.objects.get(name=str(GlobalRole.LEADER)))
    # The Dinkes treasurer has an account and chose WhatsApp in "Akun saya".
    treasurer = django_user_model.objects.get(username="bendahara.dinkes")
    NotificationProfile.objects.update_or_create(
        user=treasurer, defaults={"phone": TREASURER_PHONE, "whatsapp_opt_in": True, "sms_opt_in": False}
    )
    return {"leader": leader, "treasurer": treasurer}


def _daily_scan() -> str:
    """The scheduled job, through django-q2 (synchronous in tests), at 10:00 in the Pemda's zone."""
    ten = dt.datetime.combine(local_today(), dt.time(10, 0), tzinfo=pemda_zone())
    with time_machine.travel(ten, tick=True):
        task_id = async_task("budget.jobs.scan", sync=True)
    return result(task_id)


def _digits(recorded) -> str:
    return recorded.json()["to"].lstrip("+")


def test_done_when_alerts_once_through_the_gateway_and_the_leader_sees_it_on_a_phone(
    live_server, browser, serap, gateway
):
    first = _daily_scan()
    assert first.startswith("opened="), first
    sent = list(gateway.requests)
    assert sent, "no alert reached the gateway"
    # WhatsApp only: listed first, so no party gets the same alert a second time by SMS.
    assert {r.path for r in sent} == {"/v21.0/1098765/messages"}

    # The treasurer's alert (a late stage the bendahara answers for) reached the treasurer's phone.
    late_keys = Alert.objects.filter(kind=AlertKind.LATE_STAGE).values_list("subject_key", flat=True)
    late_stages = ContractStage.objects.filter(
        pk__in=[int(key.split(":")[1]) for key in late_keys], responsible=PartyRole.TREASURER
    ).select_related("contract")
    treasurer_stage = next(s for s in late_stages if s.contract.parties.filter(user=serap["treasurer"]).exists())
    to_treasurer = [r for r in sent if _digits(r) == TREASURER_PHONE.lstrip("+")]
    assert any(treasurer_stage.name in r.json()["text"]["body"] for r in to_treasurer)
    # The contractor's alerts (late physical progress, critical contract) reached the provider.
    critical = Alert.objects.filter(kind=AlertKind.CRITICAL_CONTRACT).first()
    assert critical is not None
    provider = ContractParty.objects.get(contract_id=critical.subject_key.split(":")[1], role=PartyRole.PROVIDER)
    to_provider = [r for r in sent if _digits(r) == provider.phone.lstrip("+")]
    assert any("kontrak kritis" in r.json()["text"]["body"] for r in to_provider)

    # Exactly one message per person per alert, and the gateway saw exactly our deliveries.
    phone_deliveries = Delivery.objects.filter(channel__in=["whatsapp", "sms"]).select_related("notification")
    assert len(sent) == phone_deliveries.count()
    per_person_alert = Counter((_digits(r), r.json()["text"]["body"]) for r in sent)
    assert max(per_person_alert.values()) == 1, per_person_alert.most_common(3)
    assert all(d.status == DeliveryStatus.SENT and d.provider_message_id == "wamid.OK" for d in phone_deliveries)
    assert all(d.attempts == 1 and d.sent_at for d in phone_deliveries)
    # Every party without an account got its number's message; none on two channels.
    assert Counter(d.notification_id for d in phone_deliveries).most_common(1)[0][1] == 1
    notifications, deliveries = Notification.objects.count(), Delivery.objects.count()

    second = _daily_scan()
    assert second == "opened=0 sent=0 escalated=0 closed=0"
    assert len(gateway.requests) == len(sent)
    assert (Notification.objects.count(), Delivery.objects.count()) == (notifications, deliveries)

    # The leader, on a phone: the slowest OPDs first and a critical contract, one tap to it.
    context = browser.new_context(locale="id-ID", viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    tab.goto(f"{live_server.url}/admin/login/?next=/serap/")
    tab.fill("input[name=username]", "bupati.jalur")
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(re.compile(r"/serap/$"))
    ranked = tab.locator("ol.ranked li")
    ranked.first.wait_for()
    assert ranked.count() == 4
    shown = [float(t.rstrip("%").replace(",", ".")) for t in ranked.locator(".pct").all_inner_texts()]
    assert shown == sorted(shown), shown
    critical_item = tab.locator("li.state-critical").first
    assert critical_item.is_visible()
    text = tab.locator("main").inner_text()
    assert "Rp" in text
    assert not re.search(r"\b(late_provider|late_pemda|critical|on_time|treasurer|provider)\b", text), text[:2000]
    # Nothing runs off the side of a phone.
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(tab, "jalur-dasbor")
    critical_item.locator("a").first.tap()
    tab.wait_for_url(re.compile(r"/serap/kontrak/\d+/"))
    assert tab.get_by_role("heading", name="Kurva S").is_visible()
    # The days late of the late stage are on screen, not in a column scrolled off to the right.
    days_late = tab.locator("tr.late td.days-late").first
    assert re.fullmatch(r"\d+ hari", days_late.inner_text().strip())
    box = days_late.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"], box
    _shot(tab, "jalur-kontrak")

    # One tap from the ranking to the slowest OPD.
    tab.go_back()
    slowest = ranked.first.locator("a").first
    name = slowest.locator(".name").inner_text().strip()
    slowest.tap()
    tab.wait_for_url(re.compile(r"/serap/opd/\d+/\?tahun=\d+$"))
    assert name in tab.locator("h1").inner_text()
    assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(tab, "jalur-opd")
    context.close()
