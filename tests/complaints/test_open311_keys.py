"""Open311 partner keys: the admin screen (shown once, only the hash stored) and the command."""

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from complaints.models import Open311Key
from complaints.partners import open311_key_check, open311_key_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
REQUESTS = "/open311/v2/requests.json"


@pytest.fixture
def admin(db):
    return UserFactory(username="admin-open311", is_superuser=True, is_staff=True)


def _partner_post(client, key):
    payload = {"service_code": "jalan", "lat": "4.1", "long": "117.6", "description": "Jalan rusak", "api_key": key}
    return client.post(REQUESTS, payload)


def test_admin_creates_key_shown_once_and_deactivates_it(world, admin, client):
    client.force_login(admin)
    r = client.post(reverse("complaints_open311key:add"), {"name": "Aplikasi Lapor Nunukan"})
    assert r.status_code == 200, r.content[:2000]
    assert "no-store" in r["Cache-Control"]
    clear = r.context["clear_key"]
    assert clear in r.text
    key = Open311Key.objects.get()
    assert key.key_hash == hashlib.sha256(clear.encode()).hexdigest()
    assert clear not in key.key_hash
    listing = client.get(reverse("complaints_open311key:index"))
    assert listing.status_code == 200
    assert "Aplikasi Lapor Nunukan" in listing.text
    assert clear not in listing.text  # never shown again
    assert clear not in client.get(reverse("complaints_open311key:edit", args=[key.pk])).text
    assert key.history.first().history_user == admin

    anon = type(client)()
    assert _partner_post(anon, clear).status_code == 201
    r = client.post(reverse("complaints_open311key:edit", args=[key.pk]), {"name": key.name, "is_active": ""})
    assert r.status_code == 302
    key.refresh_from_db()
    assert not key.is_active
    assert open311_key_check(key=clear) is None
    assert _partner_post(anon, clear).status_code == 403


def test_empty_name_is_refused(admin, client):
    client.force_login(admin)
    r = client.post(reverse("complaints_open311key:add"), {"name": "  "})
    assert r.status_code == 200
    assert "clear_key" not in r.context
    assert not Open311Key.objects.exists()


def test_keys_are_never_deleted_and_staff_without_permission_are_kept_out(world, admin, client):
    key, _clear = open311_key_create(name="Mitra")
    client.force_login(admin)
    client.post(reverse("complaints_open311key:delete", args=[key.pk]))
    assert Open311Key.objects.filter(pk=key.pk).exists()
    client.force_login(world.desk)
    r = client.get(reverse("complaints_open311key:add"))
    assert r.status_code in (302, 403)
    assert client.post(reverse("complaints_open311key:add"), {"name": "Penyusup"}).status_code in (302, 403)
    assert Open311Key.objects.count() == 1


def test_command_create_list_revoke(world, client):
    out = io.StringIO()
    call_command("open311_key", "create", "Aplikasi Desa", stdout=out)
    clear = out.getvalue().strip().splitlines()[-1]
    key = Open311Key.objects.get()
    assert key.key_hash == hashlib.sha256(clear.encode()).hexdigest()
    assert _partner_post(client, clear).status_code == 201
    listing = io.StringIO()
    call_command("open311_key", "list", stdout=listing)
    assert "Aplikasi Desa" in listing.getvalue()
    assert "aktif" in listing.getvalue()
    assert clear not in listing.getvalue()
    call_command("open311_key", "revoke", str(key.pk), stdout=io.StringIO())
    key.refresh_from_db()
    assert not key.is_active
    assert key.history.first().history_door == "command"
    assert _partner_post(client, clear).status_code == 403
    with pytest.raises(CommandError):
        call_command("open311_key", "revoke", "9999")
    with pytest.raises(CommandError):
        call_command("open311_key", "create", " ")
