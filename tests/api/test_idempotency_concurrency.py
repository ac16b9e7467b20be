"""Real concurrent requests with one Idempotency-Key: only one may execute.

Each thread is its own HTTP client with its own database connection, so the unique
constraint of ``api.IdempotencyKey`` is what decides, exactly as between two gunicorn
workers. Runs on PostgreSQL and on SQLite (file database, WAL, immediate transactions).
"""

import threading
import time
import uuid

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from api.idempotency import request_fingerprint, scope_for, stored_key
from api.idempotency.core import ttl
from api.models import IdempotencyKey
from organizations.models import OPD
from tests.api.conftest import gql
from tests.api.urls import CALLS, GATE
from tests.factories import UserFactory

URL = "/api/v1/_test/idempotent/"
pytestmark = [pytest.mark.urls("tests.api.urls"), pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _reset_gate():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"] in ("", ":memory:"):
        pytest.skip("SQLite in-memory test databases are one connection: no real concurrency to test.")
    GATE["entered"].clear()
    GATE["release"].clear()
    CALLS["count"] = 0
    yield
    GATE["release"].set()


def _in_thread(fn, results, index):
    try:
        results[index] = fn()
    finally:
        connection.close()


def _token_client(user) -> APIClient:
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _first_request_held_in_the_view(user, key: str, body: dict):
    """POST ``body`` with ``key`` in a thread and wait until it is inside the view (the view
    waits for ``GATE["release"]``); returns the thread and the list its response lands in."""
    results = [None]
    first = threading.Thread(
        target=_in_thread,
        args=(lambda: _token_client(user).post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY=key), results, 0),
    )
    first.start()
    assert GATE["entered"].wait(timeout=10), "the first request never reached the view"
    return first, results


def test_in_flight_key_gets_409_then_the_replay():
    user = UserFactory(username="editor.konkuren")
    key = str(uuid.uuid4())
    body = {"name": "Dinas Perhubungan", "wait": True}
    first, results = _first_request_held_in_the_view(user, key, body)
    second = _token_client(user).post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert second.status_code == 409
    assert second["Content-Type"] == "application/problem+json"
    assert second.json()["type"] == "urn:sepakat:problem:idempotency_conflict"
    GATE["release"].set()
    first.join(timeout=15)
    assert results[0].status_code == 201
    third = _token_client(user).post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert third.status_code == 201
    assert third["Idempotent-Replayed"] == "true"
    assert third.content == results[0].content
    assert OPD.objects.filter(name="Dinas Perhubungan").count() == 1
    assert CALLS["count"] == 1


def test_simultaneous_requests_execute_once():
    user = UserFactory(username="editor.serentak")
    key = str(uuid.uuid4())
    body = {"name": "Dinas Pariwisata", "wait": True}
    n = 6
    barrier = threading.Barrier(n)
    results = [None] * n

    def send():
        client = _token_client(user)
        barrier.wait(timeout=10)
        return client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY=key)

    threads = [threading.Thread(target=_in_thread, args=(send, results, i)) for i in range(n)]
    for t in threads:
        t.start()
    assert GATE["entered"].wait(timeout=10)
    time.sleep(0.5)  # let the other requests hit the claimed key while the winner is still running
    GATE["release"].set()
    for t in threads:
        t.join(timeout=20)
    statuses = sorted(r.status_code for r in results)
    executed = [r for r in results if r.status_code == 201 and "Idempotent-Replayed" not in r]
    assert len(executed) == 1, statuses
    assert set(statuses) <= {201, 409}, statuses
    assert statuses.count(409) >= 1
    assert CALLS["count"] == 1
    assert OPD.objects.filter(name="Dinas Pariwisata").count() == 1
    assert IdempotencyKey.objects.get().state == IdempotencyKey.State.COMPLETED


def test_anonymous_simultaneous_requests_execute_once():
    key = str(uuid.uuid4())
    n = 4
    barrier = threading.Barrier(n)
    results = [None] * n

    def send():
        client = APIClient()
        barrier.wait(timeout=10)
        return client.post(URL, {"name": "Pengaduan Serentak"}, format="json", HTTP_IDEMPOTENCY_KEY=key)

    threads = [threading.Thread(target=_in_thread, args=(send, results, i)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    executed = [r for r in results if r.status_code == 201 and "Idempotent-Replayed" not in r]
    assert len(executed) == 1, [r.status_code for r in results]
    assert all(r.status_code in (201, 409) for r in results)
    assert OPD.objects.filter(name="Pengaduan Serentak").count() == 1


def test_graphql_mutation_in_flight_gets_409():
    from django.test import Client

    key = str(uuid.uuid4())
    mutation = 'mutation { createOpd(name: "Dinas Sosial", wait: true) { id replayed } }'
    results = [None]
    first = threading.Thread(
        target=_in_thread,
        args=(lambda: gql(Client(), mutation, path="/graphql-test/", HTTP_IDEMPOTENCY_KEY=key), results, 0),
    )
    first.start()
    assert GATE["entered"].wait(timeout=10)
    _status, body = gql(Client(), mutation, path="/graphql-test/", HTTP_IDEMPOTENCY_KEY=key)
    assert body["errors"][0]["extensions"]["code"] == "idempotency_conflict"
    assert body["errors"][0]["extensions"]["status"] == 409
    GATE["release"].set()
    first.join(timeout=15)
    assert results[0][1]["data"]["createOpd"]["replayed"] is False
    _status, again = gql(Client(), mutation, path="/graphql-test/", HTTP_IDEMPOTENCY_KEY=key)
    assert again["data"]["createOpd"] == {**results[0][1]["data"]["createOpd"], "replayed": True}
    assert OPD.objects.filter(name="Dinas Sosial").count() == 1


def test_on_postgresql_the_work_and_its_stored_response_commit_together():
    """One round trip takes the lock and looks for the key's row before the work; the row is
    written once, with the response, after it, with no commit in between; a failure after the
    work leaves neither (on SQLite the claim commits on its own, by design: see ADR 0002)."""
    if connection.vendor != "postgresql":
        pytest.skip("the one-transaction protocol is PostgreSQL's")
    from django.test.utils import CaptureQueriesContext

    user = UserFactory(username="editor.satu.transaksi")
    client = _token_client(user)
    key = str(uuid.uuid4())
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(URL, {"name": "Dinas Kominfo"}, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 201
    sqls = [q["sql"] for q in ctx.captured_queries]
    look = next(i for i, sql in enumerate(sqls) if "pg_try_advisory_xact_lock" in sql)
    assert 'FROM lock LEFT JOIN "api_idempotencykey"' in sqls[look]  # the lock and the look: one statement
    work = next(i for i, sql in enumerate(sqls) if sql.startswith('INSERT INTO "organizations_opd"'))
    key_writes = [i for i, sql in enumerate(sqls) if '"api_idempotencykey"' in sql and i != look]
    assert len(key_writes) == 1, [sqls[i] for i in key_writes]  # the row is written once
    stored = key_writes[0]
    assert sqls[stored].lstrip().startswith('INSERT INTO "api_idempotencykey"')
    begin = max(i for i, sql in enumerate(sqls[:look]) if sql == "BEGIN")
    assert begin < look < work < stored
    assert "COMMIT" not in sqls[begin:stored], sqls[begin:stored]
    assert sum(1 for sql in sqls[: stored + 2] if sql == "COMMIT") == 1  # the request's one commit
    assert IdempotencyKey.objects.get(key=stored_key(key)).state == IdempotencyKey.State.COMPLETED

    with pytest.raises(RuntimeError):
        client.post(URL, {"name": "Dinas Gagal", "fail": True}, format="json", HTTP_IDEMPOTENCY_KEY="gagal-1")
    assert not IdempotencyKey.objects.filter(key=stored_key("gagal-1")).exists()
    assert not OPD.objects.filter(name="Dinas Gagal").exists()


def test_on_postgresql_a_twin_committed_after_the_look_keeps_its_answer():
    """The lock-and-look statement's snapshot predates its lock, so a twin that commits in that
    instant is not seen; storing then meets the twin's row: this request's work is rolled back,
    it answers 409, and the retry replays the twin's answer, not this one's."""
    if connection.vendor != "postgresql":
        pytest.skip("the one-transaction protocol is PostgreSQL's")
    user = UserFactory(username="editor.kembar")
    key = str(uuid.uuid4())
    body = {"name": "Dinas Kembar", "wait": True}
    first, results = _first_request_held_in_the_view(user, key, body)
    # The twin's committed row, as if it had finished between the first request's snapshot and its lock.
    now = timezone.now()
    fingerprint = request_fingerprint(method="POST", path=URL, data=body)
    IdempotencyKey.objects.create(
        scope=scope_for(user),
        key=stored_key(key),
        fingerprint=fingerprint,
        state=IdempotencyKey.State.COMPLETED,
        response_status=201,
        response_body=b'{"kembar": true}',
        response_headers={"Content-Type": "application/json"},
        created_at=now,
        completed_at=now,
        expires_at=now + ttl(),
    )
    GATE["release"].set()
    first.join(timeout=15)
    assert results[0].status_code == 409
    assert results[0].json()["type"] == "urn:sepakat:problem:idempotency_conflict"
    assert not OPD.objects.filter(name="Dinas Kembar").exists()  # its work was rolled back
    again = _token_client(user).post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.content == b'{"kembar": true}'
