"""Issue 12 item 7: WBS quotas are per client (without storing the address) and state the real wait."""

import pickle

import pytest
from django.core.cache import cache
from django.test import Client

from .doors import submit_payload

pytestmark = pytest.mark.django_db

ALICE = {"REMOTE_ADDR": "203.0.113.41", "HTTP_USER_AGENT": "Alice"}
BOB = {"REMOTE_ADDR": "203.0.113.42", "HTTP_USER_AGENT": "Bob"}


def _submit(client, opds, category, meta):
    return client.post(
        "/api/v1/wbs/reports/", submit_payload(opds["dinkes"], category), content_type="application/json", **meta
    )


def test_one_client_over_its_quota_does_not_block_another(settings, opds, category):
    settings.WBS_SUBMISSIONS_PER_MINUTE = 30
    client = Client()
    statuses = [_submit(client, opds, category, ALICE).status_code for _ in range(31)]
    assert statuses[:30] == [201] * 30
    assert statuses[30] == 429
    refused = _submit(client, opds, category, ALICE)
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 1 <= wait <= 60
    assert f"{wait} detik" in refused.json()["detail"]
    assert _submit(client, opds, category, BOB).status_code == 201
    # The cache holds no address, only keyed hashes.
    blob = pickle.dumps(dict(getattr(cache, "_cache", {}))).decode("latin-1")
    assert "203.0.113.41" not in blob
    assert not any("203.0.113" in key for key in getattr(cache, "_cache", {}))


def test_wrong_receipt_lock_message_states_the_real_wait(report, time_machine):
    _obj, code = report
    wrong = code[:9] + ("A" if code[9] != "A" else "B") + code[10:]
    client = Client()
    time_machine.move_to("2026-12-05 10:00:00+00:00", tick=False)
    for _ in range(10):
        response = client.post("/api/v1/wbs/follow-up/", {"receipt_code": wrong}, content_type="application/json")
        assert response.status_code == 400
    time_machine.move_to("2026-12-05 10:05:00+00:00", tick=False)
    locked = client.post("/api/v1/wbs/follow-up/", {"receipt_code": code}, content_type="application/json")
    assert locked.status_code == 429
    assert locked["Content-Type"].startswith("application/problem+json")
    assert int(locked["Retry-After"]) == 10 * 60
    assert "10 menit" in locked.json()["detail"]
    time_machine.move_to("2026-12-05 10:15:01+00:00", tick=False)
    assert (
        client.post("/api/v1/wbs/follow-up/", {"receipt_code": code}, content_type="application/json").status_code
        == 200
    )
