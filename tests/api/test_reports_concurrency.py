"""Real concurrent submits of one report: it is submitted once, whatever the clients do.

Each thread is its own HTTP client with its own database connection (as two gunicorn
workers would be). With one Idempotency-Key the claim decides (one runs, the others get
409 or the replay); with different keys the service's row lock decides (one submits, the
others are told the report is no longer a draft). Runs on PostgreSQL and file SQLite.
"""

import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from reporting import workflow
from reporting.models import Submission, SubmissionStatus, SubmissionTransition
from tests.api.reports_world import VALID, auth
from tests.factories import OPDFactory, make_assignment, opd_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
N = 5


@pytest.fixture(autouse=True)
def _real_database():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"] in ("", ":memory:"):
        pytest.skip("SQLite in-memory test databases are one connection: no real concurrency to test.")


@pytest.fixture
def ready():
    opd = OPDFactory()
    user = opd_user(opd)
    assignment = make_assignment(opds=[opd], year=timezone.localdate().year + 1, numbers=[1])
    s = Submission.objects.get(assignment=assignment)
    workflow.submission_save_draft(submission=s, actor=user, answers=VALID)
    return s, auth(user)


def _race(send) -> list:
    barrier = threading.Barrier(N)
    results = [None] * N

    def run(i):
        try:
            client = Client()
            barrier.wait(timeout=10)
            results[i] = send(client, i)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def _submitted_once(s) -> None:
    assert SubmissionTransition.objects.filter(submission=s, to_status=SubmissionStatus.SUBMITTED).count() == 1
    s.refresh_from_db()
    assert (s.status, s.round) == (SubmissionStatus.SUBMITTED, 1)


def test_same_idempotency_key_submits_once(ready):
    s, headers = ready
    key = str(uuid.uuid4())
    path = f"/api/v1/reports/submissions/{s.pk}/submit/"
    results = _race(
        lambda client, i: client.post(path, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key, **headers)
    )
    statuses = sorted(r.status_code for r in results)
    executed = [r for r in results if r.status_code == 200 and "Idempotent-Replayed" not in r]
    assert len(executed) == 1, statuses
    assert set(statuses) <= {200, 409}, statuses
    _submitted_once(s)
    replay = Client().post(path, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key, **headers)
    assert replay["Idempotent-Replayed"] == "true"
    assert replay.content == executed[0].content


def test_different_keys_still_submit_once(ready):
    s, headers = ready
    path = f"/api/v1/reports/submissions/{s.pk}/submit/"
    results = _race(
        lambda client, i: client.post(
            path, content_type="application/json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()), **headers
        )
    )
    statuses = sorted(r.status_code for r in results)
    assert statuses.count(200) == 1, statuses
    assert set(statuses) <= {200, 400}, statuses
    for r in results:
        if r.status_code == 400:
            assert "status" in r.json()["errors"]
    _submitted_once(s)
