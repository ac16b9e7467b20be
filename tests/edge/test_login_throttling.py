"""Issue 12 item 4: django-axes on every password door, per user and per client, audited unlock."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "kata-sandi-yang-benar-123"


@pytest.fixture
def staff(db):
    user = UserFactory(username="operator.uji", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def root(db):
    return UserFactory(username="root.uji", is_superuser=True, is_staff=True)


def _admin_login(client, username, password, **meta):
    return client.post("/admin/login/", {"username": username, "password": password}, **meta)


def test_fifty_wrong_passwords_lock_the_admin_login(staff, settings):
    client = Client()
    statuses = [_admin_login(client, staff.username, f"salah-{n}").status_code for n in range(50)]
    assert statuses[: settings.AXES_FAILURE_LIMIT - 1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert set(statuses[settings.AXES_FAILURE_LIMIT :]) == {429}
    # Locked: the right password is refused too, with the real wait.
    refused = _admin_login(client, staff.username, PASSWORD)
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 14 * 60 < wait <= 15 * 60
    assert "15 menit" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_token_endpoint_locks_by_user_even_with_rotating_forwarded_for(staff, settings):
    settings.TRUSTED_PROXIES = []
    client = APIClient()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/api/v1/auth/token/",
            {"username": staff.username, "password": "salah"},
            format="json",
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    refused = client.post(
        "/api/v1/auth/token/",
        {"username": staff.username, "password": PASSWORD},
        format="json",
        REMOTE_ADDR="203.0.113.5",
        HTTP_X_FORWARDED_FOR="198.51.100.250",
    )
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("application/problem+json")
    assert int(refused["Retry-After"]) > 0
    assert "coba lagi dalam 15 menit" in refused.json()["detail"]


def test_lockout_by_client_address_across_user_names(staff, settings):
    """Spraying many user names from one address: the address is locked (a forged XFF does not help)."""
    settings.TRUSTED_PROXIES = []
    client = APIClient()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/api/v1/auth/token/",
            {"username": f"tebakan{n}", "password": "salah"},
            format="json",
            REMOTE_ADDR="203.0.113.6",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
    refused = client.post(
        "/api/v1/auth/token/",
        {"username": staff.username, "password": PASSWORD},
        format="json",
        REMOTE_ADDR="203.0.113.6",
        HTTP_X_FORWARDED_FOR="10.9.9.9",
    )
    assert refused.status_code == 429
    # Another client may still log in as that user.
    ok = client.post(
        "/api/v1/auth/token/",
        {"username": staff.username, "password": PASSWORD},
        format="json",
        REMOTE_ADDR="203.0.113.7",
    )
    assert ok.status_code == 200


def test_unlock_screen_lists_unlocks_and_audits(staff, root, settings):
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        _admin_login(client, staff.username, f"salah-{n}", REMOTE_ADDR="203.0.113.8")
    assert _admin_login(client, staff.username, PASSWORD, REMOTE_ADDR="203.0.113.8").status_code == 429

    admin = Client()
    admin.force_login(root)
    listing = admin.get("/admin/ops/lockouts/")
    assert listing.status_code == 200
    assert staff.username in listing.content.decode()

    # Without a reason nothing is unlocked.
    admin.post("/admin/ops/lockouts/", {"username": staff.username, "ip_address": "203.0.113.8", "reason": ""})
    assert _admin_login(Client(), staff.username, PASSWORD, REMOTE_ADDR="203.0.113.8").status_code == 429

    response = admin.post(
        "/admin/ops/lockouts/",
        {"username": staff.username, "ip_address": "203.0.113.8", "reason": "Pengguna menelepon, identitas dicek."},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="login.unlock").get()
    assert event.actor == root.username
    assert "identitas dicek" in event.reason
    after = _admin_login(Client(), staff.username, PASSWORD, REMOTE_ADDR="203.0.113.8")
    assert after.status_code == 302  # logged in


def test_only_superusers_open_the_unlock_screen(staff):
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/ops/lockouts/").status_code in (302, 403)
