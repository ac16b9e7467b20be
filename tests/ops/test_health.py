"""/health/ for load balancers and the staff-only heartbeat endpoint, over real HTTP."""

import datetime
import logging

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_q.models import Schedule
from rest_framework.authtoken.models import Token

from ops.models import WorkerHeartbeat
from ops.services import HEARTBEAT_FUNC, HEARTBEAT_SCHEDULE

pytestmark = pytest.mark.django_db


def health(client, path="/health/"):
    response = client.get(path, HTTP_ACCEPT="application/json")
    return response.status_code, response.json()


def staff_token() -> str:
    user = get_user_model().objects.create_user("ops-staff", is_staff=True)
    return Token.objects.create(user=user).key


def test_health_fails_until_a_worker_has_sent_a_heartbeat(client):
    status, body = health(client)
    assert status == 500
    worker = next(value for key, value in body.items() if key.startswith("QueueWorker"))
    assert "belum ada worker" in worker
    assert all(value == "OK" for key, value in body.items() if not key.startswith("QueueWorker"))
    assert {key.split("(")[0] for key in body} == {"Database", "Cache", "Storage", "QueueBroker", "QueueWorker"}


def test_a_failing_probe_is_one_warning_and_no_mail_to_the_admins(client, settings, caplog):
    settings.ADMINS = [("Ops", "ops@nunukankab.go.id")]
    with caplog.at_level(logging.INFO):
        for _ in range(3):
            status, _body = health(client)
            assert status == 500
    assert mail.outbox == []
    assert not [r for r in caplog.records if r.name == "django.request"]
    probes = [r for r in caplog.records if r.name == "ops.health"]
    assert [r.levelno for r in probes] == [logging.WARNING] * 3
    assert "/health/ failed" in probes[0].getMessage()


def test_web_health_leaves_out_the_worker(client):
    status, body = health(client, "/health/web/")
    assert status == 200, body
    assert not any(key.startswith("QueueWorker") for key in body)


def test_heartbeat_endpoint_enqueues_a_task_that_a_worker_executes(client, api_client):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {staff_token()}")
    response = api_client.post("/ops/heartbeat/")
    assert response.status_code == 202, response.content
    task_id = response.json()["task_id"]

    status = api_client.get(f"/ops/heartbeat/{task_id}/").json()
    assert status["done"] is True
    assert status["success"] is True
    assert status["result"]["requested_by"].startswith("user:")
    assert WorkerHeartbeat.objects.get().beats == 1

    code, body = health(client)
    assert code == 200, body
    assert set(body.values()) == {"OK"}


def test_heartbeat_status_of_an_unknown_task_is_not_done(api_client):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {staff_token()}")
    assert api_client.get("/ops/heartbeat/no-such-task/").json() == {"task_id": "no-such-task", "done": False}


def test_stale_heartbeat_fails_the_health_check(client):
    WorkerHeartbeat.objects.create(host="worker-1", pid=1, seen_at=timezone.now() - datetime.timedelta(minutes=6))
    status, body = health(client)
    assert status == 500
    assert "detik yang lalu" in next(value for key, value in body.items() if key.startswith("QueueWorker"))


def test_recent_heartbeat_from_any_host_is_enough(client):
    WorkerHeartbeat.objects.create(host="worker-1", pid=1, seen_at=timezone.now() - datetime.timedelta(hours=2))
    WorkerHeartbeat.objects.create(host="worker-2", pid=2, seen_at=timezone.now() - datetime.timedelta(seconds=30))
    assert health(client)[0] == 200


@pytest.mark.parametrize("who", ["anonymous", "non-staff"])
def test_heartbeat_endpoint_is_staff_only(api_client, who):
    if who == "non-staff":
        user = get_user_model().objects.create_user("warga")
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    response = api_client.post("/ops/heartbeat/")
    assert response.status_code in {401, 403}
    assert not WorkerHeartbeat.objects.exists()


def test_health_is_exempt_from_the_https_redirect(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^health/"]
    assert client.get("/health/web/", HTTP_ACCEPT="application/json").status_code == 200
    assert client.get("/admin/login/").status_code == 301


def test_health_html_page_renders(client):
    response = client.get("/health/web/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"Database" in response.content


def test_heartbeat_is_scheduled_every_minute_after_migrate():
    schedule = Schedule.objects.get(name=HEARTBEAT_SCHEDULE)
    assert schedule.func == HEARTBEAT_FUNC
    assert (schedule.schedule_type, schedule.minutes, schedule.repeats) == (Schedule.MINUTES, 1, -1)


def test_ops_token_creates_a_staff_account_without_password(capsys):
    call_command("ops_token", "--username", "monitor")
    first = capsys.readouterr().out.strip()
    call_command("ops_token", "--username", "monitor")
    assert capsys.readouterr().out.strip() == first
    user = get_user_model().objects.get(username="monitor")
    assert user.is_staff
    assert not user.is_superuser
    assert not user.has_usable_password()
    assert Token.objects.get(user=user).key == first


def test_ops_token_refuses_to_promote_an_existing_citizen():
    from django.core.management.base import CommandError

    get_user_model().objects.create_user("warga")
    with pytest.raises(CommandError):
        call_command("ops_token", "--username", "warga")
    assert not get_user_model().objects.get(username="warga").is_staff
