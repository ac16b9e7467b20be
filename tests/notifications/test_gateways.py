"""WhatsApp and SMS channels against a real HTTP server on loopback playing the gateway.

Nothing of ours is patched: ``notify`` queues the ``deliver`` task (django-q2, sync), which
calls the gateway over HTTP; retries go through a django-q2 ``Schedule`` that the test runs
with django-q2's own scheduler after moving the clock (time-machine).
"""

import datetime as dt
import logging

import pytest
import time_machine
from django_q.models import Schedule
from django_q.scheduler import scheduler

from notifications.models import Delivery, DeliveryStatus, NotificationProfile
from notifications.services import notify
from notifications.tasks import deliver
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 12, 7, 2, 0, tzinfo=dt.UTC)  # Monday 10:00 WITA
PHONE = "+6281234567890"


def _notify(capture, **kwargs):
    kwargs.setdefault("recipients", [f"tel:{PHONE}"])
    kwargs.setdefault("subject", "Tahap kontrak terlambat")
    kwargs.setdefault("body", "Pembayaran uang muka kontrak 027/PUPR terlambat 5 hari.")
    kwargs.setdefault("dedupe_key", "alert:1")
    with capture(execute=True):
        return notify(**kwargs)


def _run_due_schedules(at: dt.datetime) -> None:
    with time_machine.travel(at, tick=False):
        scheduler()


def test_whatsapp_text_message_sent(whatsapp, django_capture_on_commit_callbacks):
    with time_machine.travel(T0, tick=False):
        _notify(django_capture_on_commit_callbacks, url="/admin/budget/1/")
    [request] = whatsapp.requests
    assert request.method == "POST"
    assert request.path == "/v21.0/1098765/messages"
    assert request.headers["authorization"] == "Bearer token-rahasia"
    payload = request.json()
    assert payload["messaging_product"] == "whatsapp"
    assert payload["to"] == "6281234567890"
    assert payload["type"] == "text"
    assert payload["text"]["body"].startswith("Tahap kontrak terlambat\nPembayaran uang muka")
    assert payload["text"]["body"].endswith("http://testserver/admin/budget/1/")
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.provider_message_id) == (DeliveryStatus.SENT, 1, "wamid.OK1")
    assert delivery.sent_at == T0


def test_whatsapp_template_message(whatsapp, settings, django_capture_on_commit_callbacks):
    settings.WHATSAPP_TEMPLATE_NAME = "peringatan_serap"
    settings.WHATSAPP_TEMPLATE_LANGUAGE = "id"
    _notify(django_capture_on_commit_callbacks, body="Baris satu\n\nBaris   dua\tselesai")
    template = whatsapp.requests[0].json()["template"]
    assert template["name"] == "peringatan_serap"
    assert template["language"] == {"code": "id"}
    params = [p["text"] for p in template["components"][0]["parameters"]]
    assert params == ["Tahap kontrak terlambat", "Baris satu Baris dua selesai"]  # Meta refuses new lines


def test_sms_json_body_and_message_id(sms, django_capture_on_commit_callbacks):
    _notify(django_capture_on_commit_callbacks)
    [request] = sms.requests
    assert request.path == "/api/send"
    assert request.headers["authorization"] == "Bearer sms-key"
    assert request.headers["content-type"] == "application/json"
    delivery = Delivery.objects.get()
    assert request.json() == {
        "to": PHONE,
        "text": "Tahap kontrak terlambat\nPembayaran uang muka kontrak 027/PUPR terlambat 5 hari.",
        "ref": f"sepakat-{delivery.pk}",
    }
    assert (delivery.status, delivery.provider_message_id) == (DeliveryStatus.SENT, "sms-1")


def test_sms_local_provider_form_body_basic_auth_and_json_rule(sms, settings, django_capture_on_commit_callbacks):
    """A typical Indonesian provider: form body, national number, basic auth, `status=0` means OK."""
    settings.SMS_GATEWAY_CONTENT_TYPE = "application/x-www-form-urlencoded"
    settings.SMS_GATEWAY_BODY_TEMPLATE = "msisdn={to_national}&message={text}&ref={ref}"
    settings.SMS_GATEWAY_AUTH_HEADER = ""
    settings.SMS_GATEWAY_BASIC_AUTH = "pemda:sandi"
    settings.SMS_GATEWAY_SUCCESS_STATUS = [200]
    settings.SMS_GATEWAY_SUCCESS_JSON = "results.0.status=0"
    settings.SMS_GATEWAY_MESSAGE_ID_JSON = "results.0.messageid"
    sms.script((200, {"results": [{"status": "0", "messageid": "X77"}]}))
    _notify(django_capture_on_commit_callbacks)
    request = sms.requests[0]
    assert request.form()["msisdn"] == "081234567890"
    assert request.form()["message"].startswith("Tahap kontrak terlambat\n")
    assert request.headers["authorization"].startswith("Basic ")
    assert Delivery.objects.get().provider_message_id == "X77"


def test_sms_get_with_parameters_in_url(sms, settings, django_capture_on_commit_callbacks):
    settings.SMS_GATEWAY_METHOD = "GET"
    settings.SMS_GATEWAY_URL = f"{sms.url}/send?user=pemda&to={{to_digits}}&msg={{text}}"
    _notify(django_capture_on_commit_callbacks, subject="Uji & cek", body="isi")
    request = sms.requests[0]
    assert request.method == "GET"
    assert request.query == {"user": "pemda", "to": "6281234567890", "msg": "Uji & cek\nisi"}
    assert request.body == b""


def test_sms_refused_in_json_with_200_is_retried(sms, settings, django_capture_on_commit_callbacks):
    settings.SMS_GATEWAY_SUCCESS_JSON = "status=success"
    sms.script((200, {"status": "error", "reason": "saldo habis"}))
    _notify(django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRY
    assert "saldo habis" in delivery.error


def test_5xx_then_success_is_retried_with_backoff_one_message(whatsapp, django_capture_on_commit_callbacks):
    whatsapp.script(503, 502)
    with time_machine.travel(T0, tick=False):
        _notify(django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.RETRY, 1)
    assert "HTTP 503" in delivery.error
    assert delivery.next_attempt_at == T0 + dt.timedelta(seconds=60)
    assert Schedule.objects.filter(func="notifications.tasks.deliver", next_run=delivery.next_attempt_at).count() == 1

    _run_due_schedules(T0 + dt.timedelta(seconds=59))  # not due yet
    assert len(whatsapp.requests) == 1

    _run_due_schedules(T0 + dt.timedelta(seconds=61))  # second attempt: 502 again, backoff doubles
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.RETRY, 2)
    assert delivery.next_attempt_at == T0 + dt.timedelta(seconds=61 + 120)

    _run_due_schedules(T0 + dt.timedelta(seconds=182))  # third attempt succeeds
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.error) == (DeliveryStatus.SENT, 3, "")
    assert delivery.provider_message_id == "wamid.OK1"
    assert len(whatsapp.requests) == 3
    assert whatsapp.successful == 1
    assert not Schedule.objects.filter(func="notifications.tasks.deliver").exists()

    # django-q2 running the first task again (a worker lost its acknowledgement): nothing sent.
    assert deliver(delivery.pk) == "skipped"
    assert len(whatsapp.requests) == 3


def test_retry_is_not_run_before_its_time(whatsapp, django_capture_on_commit_callbacks):
    """A duplicate run of the task while a retry is scheduled does not bypass the backoff."""
    whatsapp.script(500)
    with time_machine.travel(T0, tick=False):
        _notify(django_capture_on_commit_callbacks)
        assert deliver(Delivery.objects.get().pk) == "not-due"
    assert len(whatsapp.requests) == 1


def test_attempts_are_capped(whatsapp, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATION_MAX_ATTEMPTS = 2
    whatsapp.default = 500
    with time_machine.travel(T0, tick=False):
        _notify(django_capture_on_commit_callbacks)
    _run_due_schedules(T0 + dt.timedelta(seconds=61))
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == (DeliveryStatus.FAILED, 2, None)
    _run_due_schedules(T0 + dt.timedelta(days=1))
    assert len(whatsapp.requests) == 2
    assert not Schedule.objects.filter(func="notifications.tasks.deliver").exists()


def test_timeout_is_retried(sms, django_capture_on_commit_callbacks):
    from tests.notifications.gateway import Sleep

    sms.script(Sleep(1.5), (200, {"id": "late"}))
    with time_machine.travel(T0, tick=False):
        _notify(django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRY
    assert "tidak menjawab dalam 0.5 detik" in delivery.error
    _run_due_schedules(T0 + dt.timedelta(seconds=61))
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.provider_message_id) == (DeliveryStatus.SENT, 2, "sms-1")
    assert len(sms.requests) == 2
    assert sms.successful == 1


def test_unreachable_gateway_is_retried(sms, settings, django_capture_on_commit_callbacks):
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/nothing-listens-here"
    _notify(django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRY
    assert "tidak dapat dihubungi" in delivery.error


@pytest.mark.parametrize("status", [400, 401, 404])
def test_permanent_4xx_is_not_retried(whatsapp, status, django_capture_on_commit_callbacks, caplog):
    whatsapp.script((status, {"error": {"message": f"(#131030) Recipient {PHONE} not in allowed list"}}))
    caplog.set_level(logging.DEBUG)
    with time_machine.travel(T0, tick=False):
        _notify(django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 1)
    assert f"HTTP {status}" in delivery.error
    assert "not in allowed list" in delivery.error
    assert "890" in delivery.error  # masked
    assert "81234567890" not in delivery.error
    assert not Schedule.objects.filter(func="notifications.tasks.deliver").exists()
    _run_due_schedules(T0 + dt.timedelta(days=1))
    assert len(whatsapp.requests) == 1
    assert "81234567890" not in caplog.text


def test_429_is_retried(whatsapp, django_capture_on_commit_callbacks):
    whatsapp.script(429)
    _notify(django_capture_on_commit_callbacks)
    assert Delivery.objects.get().status == DeliveryStatus.RETRY


def test_same_dedupe_key_twice_one_message_even_across_task_retries(sms, django_capture_on_commit_callbacks):
    user = UserFactory()
    NotificationProfile.objects.create(user=user, phone="+6281311112222", sms_opt_in=True)
    for _ in range(2):  # the same number written two ways is one recipient
        _notify(django_capture_on_commit_callbacks, recipients=[user, f"tel:{PHONE}", "tel:0812-3456-7890"])
    delivery_ids = list(Delivery.objects.values_list("pk", flat=True))
    assert len(delivery_ids) == 2
    for delivery_id in delivery_ids:  # django-q2 re-running the tasks
        assert deliver(delivery_id) == "skipped"
    assert sorted(r.json()["to"] for r in sms.requests) == ["+6281234567890", "+6281311112222"]


def test_a_delivery_being_sent_by_another_worker_is_not_sent_twice(sms, django_capture_on_commit_callbacks):
    sms.script(500)
    with time_machine.travel(T0, tick=False):
        _notify(django_capture_on_commit_callbacks)
    delivery = Delivery.objects.get()
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.SENDING, claimed_at=T0 + dt.timedelta(seconds=60), next_attempt_at=None
    )
    with time_machine.travel(T0 + dt.timedelta(seconds=70), tick=False):
        assert deliver(delivery.pk) == "busy"
    with time_machine.travel(T0 + dt.timedelta(hours=1), tick=False):  # that worker died: claim is stale
        assert deliver(delivery.pk) == "sent"
    assert len(sms.requests) == 2


def test_user_channels_follow_the_profile(settings, whatsapp, django_capture_on_commit_callbacks):
    settings.NOTIFICATION_CHANNELS = ["email", "whatsapp", "sms"]
    settings.SMS_GATEWAY_URL = f"{whatsapp.url}/sms"
    opted_in = UserFactory()
    NotificationProfile.objects.create(user=opted_in, phone=PHONE, whatsapp_opt_in=True, email_opt_in=False)
    no_profile = UserFactory()
    _notify(django_capture_on_commit_callbacks, recipients=[opted_in, no_profile])
    channels = sorted(Delivery.objects.values_list("notification__recipient__username", "channel"))
    assert channels == sorted([(no_profile.username, "email"), (opted_in.username, "whatsapp")])
    assert [r.path for r in whatsapp.requests] == ["/v21.0/1098765/messages"]


def test_bare_number_can_be_limited_to_one_channel(settings, whatsapp, django_capture_on_commit_callbacks):
    settings.NOTIFICATION_CHANNELS = ["whatsapp", "sms"]
    settings.SMS_GATEWAY_URL = f"{whatsapp.url}/sms"
    _notify(django_capture_on_commit_callbacks, channels=["whatsapp"])
    assert list(Delivery.objects.values_list("channel", flat=True)) == ["whatsapp"]


def test_user_who_removed_the_number_later_is_not_retried(sms, django_capture_on_commit_callbacks):
    user = UserFactory()
    profile = NotificationProfile.objects.create(user=user, phone=PHONE, sms_opt_in=True)
    sms.script(503)
    with time_machine.travel(T0, tick=False):
        _notify(django_capture_on_commit_callbacks, recipients=[user])
    profile.sms_opt_in = False
    profile.save()
    _run_due_schedules(T0 + dt.timedelta(seconds=61))
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SKIPPED, 1)
    assert len(sms.requests) == 1


def test_sweeper_requeues_deliveries_whose_schedule_was_lost(sms, django_capture_on_commit_callbacks):
    from notifications.tasks import deliver_overdue

    sms.script(503)
    with time_machine.travel(T0, tick=False):
        _notify(django_capture_on_commit_callbacks)
        # its task is lost: the on-commit queueing never runs, the delivery stays pending
        notify(recipients=[f"tel:{PHONE}"], subject="s", body="b", dedupe_key="never-queued")
    Schedule.objects.filter(func="notifications.tasks.deliver").delete()  # the retry schedule is lost
    with time_machine.travel(T0 + dt.timedelta(minutes=10), tick=False):
        assert deliver_overdue() == 0  # within the grace period
    with time_machine.travel(T0 + dt.timedelta(minutes=12), tick=False):
        assert deliver_overdue() == 2
        assert deliver_overdue() == 0  # both sent: nothing left
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert len(sms.requests) == 3  # the failed try, the retry, the never-queued one
