"""Meta's WhatsApp status webhook over HTTP: verify token, X-Hub-Signature-256, status updates."""

import hashlib
import hmac
import json

import pytest
from django.urls import reverse

from notifications.models import Delivery, DeliveryStatus, Notification

pytestmark = pytest.mark.django_db

SECRET = "rahasia-aplikasi"
URL = "/api/v1/notifications/whatsapp/webhook/"


@pytest.fixture(autouse=True)
def _webhook_settings(settings):
    settings.WHATSAPP_APP_SECRET = SECRET
    settings.WHATSAPP_WEBHOOK_VERIFY_TOKEN = "token-verifikasi"


@pytest.fixture
def delivery():
    notification = Notification.objects.create(
        recipient_key="p:x", dedupe_key="k", subject="s", body="b", phone="+6281234567890"
    )
    return Delivery.objects.create(
        notification=notification, channel="whatsapp", status=DeliveryStatus.SENT, provider_message_id="wamid.A1"
    )


def _event(*statuses):
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "WABA",
                "changes": [
                    {"field": "messages", "value": {"messaging_product": "whatsapp", "statuses": list(statuses)}}
                ],
            }
        ],
    }


def _post(client, payload, *, secret=SECRET, raw=None):
    body = raw if raw is not None else json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return client.post(URL, data=body, content_type="application/json", HTTP_X_HUB_SIGNATURE_256=signature)


def test_url_is_the_documented_one():
    assert reverse("api:notifications-whatsapp-webhook") == URL


def test_verification_answers_the_challenge(client):
    response = client.get(URL, {"hub.mode": "subscribe", "hub.verify_token": "token-verifikasi", "hub.challenge": "42"})
    assert response.status_code == 200
    assert response.content == b"42"


@pytest.mark.parametrize("token", ["salah", ""])
def test_verification_with_a_wrong_token_is_refused(client, token):
    response = client.get(URL, {"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "42"})
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert b"42" not in response.content


def test_signed_statuses_move_the_delivery_forward(client, delivery):
    response = _post(client, _event({"id": "wamid.A1", "status": "delivered", "timestamp": "1796000000"}))
    assert response.status_code == 200
    assert response.json() == {"updated": 1}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.status_changed_at.timestamp() == 1796000000

    _post(client, _event({"id": "wamid.A1", "status": "read", "timestamp": "1796000100"}))
    # a late "sent" or "delivered" never moves it back
    response = _post(client, _event({"id": "wamid.A1", "status": "delivered", "timestamp": "1796000050"}))
    assert response.json() == {"updated": 0}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.READ


def test_failed_status_records_metas_error(client, delivery):
    failed = {
        "id": "wamid.A1",
        "status": "failed",
        "timestamp": "1796000000",
        "errors": [{"code": 131026, "title": "Message undeliverable"}],
    }
    assert _post(client, _event(failed)).json() == {"updated": 1}
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.error == "WhatsApp 131026: Message undeliverable"


def test_unknown_message_ids_are_ignored(client, delivery):
    assert _post(client, _event({"id": "wamid.OTHER", "status": "read"})).json() == {"updated": 0}


@pytest.mark.parametrize("secret", ["rahasia-lain", ""])
def test_wrong_signature_is_refused_and_changes_nothing(client, delivery, secret):
    response = _post(client, _event({"id": "wamid.A1", "status": "read"}), secret=secret or "x")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT


def test_missing_signature_is_refused(client, delivery):
    response = client.post(URL, data=json.dumps(_event()), content_type="application/json")
    assert response.status_code == 403


def test_no_app_secret_configured_refuses_everything(client, settings, delivery):
    settings.WHATSAPP_APP_SECRET = ""
    response = _post(client, _event({"id": "wamid.A1", "status": "read"}), secret="")
    assert response.status_code == 403


@pytest.mark.parametrize("raw", [b"not json", b"[1, 2]", b'{"entry": 5}'])
def test_signed_garbage_is_a_400(client, delivery, raw):
    response = _post(client, None, raw=raw)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
