"""Idempotency-Key over REST and GraphQL: replay, 422 on another body, scopes, release, TTL."""

import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from api.idempotency import idempotency_keys_prune
from api.models import IdempotencyKey
from organizations.models import OPD
from tests.api.conftest import gql, token_client
from tests.api.urls import CALLS

URL = "/api/v1/_test/idempotent/"
pytestmark = pytest.mark.urls("tests.api.urls")


@pytest.fixture(autouse=True)
def _reset_calls():
    CALLS["count"] = 0


def key() -> str:
    return str(uuid.uuid4())


def post(client, data, idem_key=None, **extra):
    headers = {"HTTP_IDEMPOTENCY_KEY": idem_key} if idem_key is not None else {}
    return client.post(URL, data, format="json", **headers, **extra)


def test_replay_returns_the_first_response(users):
    client, k = token_client(users["editor"]), key()
    first = post(client, {"name": "Dinas Perhubungan", "acronym": "DISHUB"}, k)
    assert first.status_code == 201
    assert "Idempotent-Replayed" not in first
    second = post(client, {"acronym": "DISHUB", "name": "Dinas Perhubungan"}, k)  # key order does not matter
    assert second.status_code == 201
    assert second["Idempotent-Replayed"] == "true"
    assert second.content == first.content
    assert second["Location"] == first["Location"]
    assert second["Content-Type"] == "application/json"
    assert OPD.objects.filter(name="Dinas Perhubungan").count() == 1
    assert CALLS["count"] == 1


def test_same_key_different_body_is_422(users):
    client, k = token_client(users["editor"]), key()
    assert post(client, {"name": "Dinas Perhubungan"}, k).status_code == 201
    response = post(client, {"name": "Dinas Pariwisata"}, k)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["type"] == "urn:sepakat:problem:idempotency_key_reused"
    assert body["detail"] == "Idempotency-Key ini sudah dipakai untuk permintaan lain dengan isi yang berbeda."
    assert not OPD.objects.filter(name="Dinas Pariwisata").exists()
    assert CALLS["count"] == 1


def test_same_key_on_another_endpoint_is_422(users):
    client, k = token_client(users["editor"]), key()
    assert post(client, {"name": "Dinas Perhubungan"}, k).status_code == 201
    other = client.post(
        "/api/v1/_test/required-key/", {"name": "Dinas Perhubungan"}, format="json", HTTP_IDEMPOTENCY_KEY=k
    )
    assert other.status_code == 422


def test_keys_are_scoped_per_user(users):
    k = key()
    assert post(token_client(users["editor"]), {"name": "Dinas A"}, k).status_code == 201
    response = post(token_client(users["auditor"]), {"name": "Dinas B"}, k)
    assert response.status_code == 201
    assert "Idempotent-Replayed" not in response
    assert set(IdempotencyKey.objects.values_list("scope", flat=True)) == {
        f"user:{users['editor'].pk}",
        f"user:{users['auditor'].pk}",
    }


def test_anonymous_clients_are_scoped_by_the_key_and_no_address_is_stored(db):
    k = key()
    first = post(APIClient(), {"name": "Pengaduan Warga"}, k, REMOTE_ADDR="10.9.8.7")
    again = post(APIClient(), {"name": "Pengaduan Warga"}, k, REMOTE_ADDR="10.1.1.1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    record = IdempotencyKey.objects.get()
    assert record.scope == "anon"
    stored = " ".join(str(getattr(record, f.attname)) for f in IdempotencyKey._meta.concrete_fields)
    assert "10.9.8.7" not in stored
    assert "10.1.1.1" not in stored


@pytest.mark.parametrize(
    ("value", "anonymous"),
    [("pendek", True), ("a b c d e f g h i j k", False), ("x" * 256, False), ("kunci\u00e9-non-ascii-123456", False)],
)
def test_invalid_keys_are_400_on_the_header(users, value, anonymous):
    client = APIClient() if anonymous else token_client(users["editor"])
    response = post(client, {"name": "Dinas A"}, value)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["Idempotency-Key"]
    assert CALLS["count"] == 0


def test_short_keys_are_fine_for_signed_in_users(users):
    assert post(token_client(users["editor"]), {"name": "Dinas A"}, "k1").status_code == 201


def test_without_a_key_every_post_runs(users):
    client = token_client(users["editor"])
    assert post(client, {"name": "Dinas A"}).status_code == 201
    assert post(client, {"name": "Dinas B"}).status_code == 201
    assert IdempotencyKey.objects.count() == 0


def test_required_key_missing_is_400(db):
    response = APIClient().post("/api/v1/_test/required-key/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"Idempotency-Key": ["Header Idempotency-Key wajib dikirim."]}


def test_client_error_releases_the_key_so_a_corrected_retry_runs(users):
    client, k = token_client(users["editor"]), key()
    assert post(client, {"acronym": "X"}, k).status_code == 400
    assert IdempotencyKey.objects.count() == 0
    assert post(client, {"name": "Dinas A", "acronym": "X"}, k).status_code == 201


def test_server_error_releases_the_key(users):
    client, k = token_client(users["editor"]), key()
    with pytest.raises(RuntimeError):
        post(client, {"name": "Dinas A", "fail": True}, k)
    assert IdempotencyKey.objects.count() == 0


def test_get_is_not_idempotency_tracked(users):
    client = token_client(users["auditor"])
    assert client.get("/api/v1/opds/", HTTP_IDEMPOTENCY_KEY=key()).status_code == 200
    assert IdempotencyKey.objects.count() == 0


def test_multipart_uploads_are_fingerprinted_by_content(users):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client, k = token_client(users["editor"]), key()

    def send(content: bytes):
        upload = SimpleUploadedFile("bukti.txt", content, content_type="text/plain")
        return client.post(URL, {"name": "Dinas A", "file": upload}, format="multipart", HTTP_IDEMPOTENCY_KEY=k)

    assert send(b"isi pertama").status_code == 201
    assert send(b"isi pertama")["Idempotent-Replayed"] == "true"
    assert send(b"isi lain").status_code == 422


# --- TTL --------------------------------------------------------------------------------------


def test_keys_live_48_hours_then_are_pruned(users, settings):
    assert settings.IDEMPOTENCY_KEY_TTL_HOURS == 48
    client, k = token_client(users["editor"]), key()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert post(client, {"name": "Dinas A"}, k).status_code == 201
    with time_machine.travel(start + timedelta(hours=47), tick=False):
        assert idempotency_keys_prune() == 0
        assert post(client, {"name": "Dinas A"}, k)["Idempotent-Replayed"] == "true"
        assert post(client, {"name": "Dinas B"}, k).status_code == 422
    with time_machine.travel(start + timedelta(hours=49), tick=False):
        assert idempotency_keys_prune() == 1
        assert IdempotencyKey.objects.count() == 0
        response = post(client, {"name": "Dinas B"}, k)
        assert response.status_code == 201
        assert "Idempotent-Replayed" not in response


def test_an_expired_key_not_yet_pruned_is_claimed_again(users):
    client, k = token_client(users["editor"]), key()
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert post(client, {"name": "Dinas A"}, k).status_code == 201
    with time_machine.travel(start + timedelta(hours=49), tick=False):
        response = post(client, {"name": "Dinas B"}, k)
        assert response.status_code == 201
        assert "Idempotent-Replayed" not in response
    assert IdempotencyKey.objects.count() == 1


def test_prune_command_and_schedule(users):
    from django_q.models import Schedule
    from django_q.tasks import async_task, result

    client = token_client(users["editor"])
    start = timezone.now()
    with time_machine.travel(start - timedelta(hours=72), tick=False):
        post(client, {"name": "Dinas Lama"}, key())
    post(client, {"name": "Dinas Baru"}, key())
    from io import StringIO

    out = StringIO()
    call_command("prune_idempotency_keys", stdout=out)
    assert "1 Idempotency-Key kedaluwarsa dihapus." in out.getvalue()
    assert IdempotencyKey.objects.count() == 1
    schedule = Schedule.objects.get(name="api.prune_idempotency_keys")
    assert schedule.schedule_type == Schedule.HOURLY
    task_id = async_task(schedule.func)  # sync in tests: runs the scheduled function for real
    assert result(task_id) == 0


# --- GraphQL ------------------------------------------------------------------------------------

MUTATION = "mutation($name: String!) { createOpd(name: $name) { id name replayed } }"


def test_graphql_mutation_replay_and_reuse(client, users):
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=users["editor"])
    k = key()
    headers = {"HTTP_AUTHORIZATION": f"Token {token.key}", "HTTP_IDEMPOTENCY_KEY": k}
    _s, first = gql(client, MUTATION, {"name": "Dinas Sosial"}, path="/graphql-test/", **headers)
    assert first["data"]["createOpd"]["replayed"] is False
    _s, second = gql(client, MUTATION, {"name": "Dinas Sosial"}, path="/graphql-test/", **headers)
    assert second["data"]["createOpd"] == {**first["data"]["createOpd"], "replayed": True}
    assert OPD.objects.filter(name="Dinas Sosial").count() == 1
    _s, other = gql(client, MUTATION, {"name": "Dinas Lain"}, path="/graphql-test/", **headers)
    error = other["errors"][0]
    assert error["extensions"]["code"] == "idempotency_key_reused"
    assert error["extensions"]["status"] == 422
    assert CALLS["count"] == 1


def test_graphql_error_in_mutation_releases_the_key_and_maps_fields(client, db):
    k = key()
    _s, body = gql(client, MUTATION, {"name": "invalid"}, path="/graphql-test/", HTTP_IDEMPOTENCY_KEY=k)
    error = body["errors"][0]
    assert error["extensions"]["code"] == "validation"
    assert error["extensions"]["errors"] == {"name": ["Nama tidak boleh 'invalid'."]}
    assert IdempotencyKey.objects.count() == 0


def test_graphql_without_key_runs_every_time(client, db):
    gql(client, MUTATION, {"name": "Dinas A"}, path="/graphql-test/")
    gql(client, MUTATION, {"name": "Dinas B"}, path="/graphql-test/")
    assert CALLS["count"] == 2
    assert IdempotencyKey.objects.count() == 0


def test_idempotency_keys_are_not_history_tracked():
    from audit.registry import TRACKED_APPS

    assert "api" not in TRACKED_APPS
    assert not hasattr(IdempotencyKey, "history")
