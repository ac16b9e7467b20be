"""The seal runs off the request path: a commit queues one debounced django-q2 job.

django-q2 runs synchronously in tests (``Q_CLUSTER["sync"]``), so a queued job runs at the
enqueue; a debounce key already in the cache (a job queued and not yet started) means no job.
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_q.models import Schedule, Task

from audit.chain import SEAL_QUEUED_KEY
from audit.models import AuditEvent
from audit.tasks import seal_chain_job
from audit.verify import verify_chain
from ops.schedules import schedules_sync
from tests.factories import OPDFactory

pytestmark = pytest.mark.django_db


def test_a_commit_queues_a_seal_job_that_seals_and_clears_the_key(django_capture_on_commit_callbacks, queued_jobs):
    with django_capture_on_commit_callbacks(execute=True):
        OPDFactory()
    assert not AuditEvent.objects.filter(seq__isnull=True).exists()
    assert [job["func"] for job in queued_jobs] == ["audit.tasks.seal_chain_job"]
    assert queued_jobs[0]["save"] is False  # a seal that succeeds keeps no django-q2 result row
    assert not Task.objects.filter(func="audit.tasks.seal_chain_job").exists()
    assert cache.get(SEAL_QUEUED_KEY) is None  # the job cleared it: the next commit queues again
    assert verify_chain().ok


def test_a_large_batch_is_linked_in_order(django_capture_on_commit_callbacks):
    cache.set(SEAL_QUEUED_KEY, 1, 60)
    for i in range(30):
        OPDFactory(name=f"Dinas Segel {i}")
    pending = list(AuditEvent.objects.filter(seq__isnull=True).order_by("id").values_list("id", flat=True))
    assert seal_chain_job() == len(pending)
    sealed = list(AuditEvent.objects.filter(id__in=pending).order_by("id").values_list("seq", "prev_hash", "hash"))
    seqs = [seq for seq, _prev, _hash in sealed]
    assert seqs == list(range(seqs[0], seqs[0] + len(pending)))
    assert all(prev == earlier[2] for (_s, prev, _h), earlier in zip(sealed[1:], sealed, strict=False))
    assert verify_chain().ok


def test_a_burst_of_commits_queues_no_second_job_while_one_is_queued(django_capture_on_commit_callbacks):
    cache.set(SEAL_QUEUED_KEY, 1, 60)  # a job is queued and has not started yet
    for i in range(5):
        with django_capture_on_commit_callbacks(execute=True), CaptureQueriesContext(connection) as ctx:
            OPDFactory(name=f"Dinas Beruntun {i}")
        # the write path never reads or locks the chain head
        assert not [q for q in ctx.captured_queries if "audit_chainhead" in q["sql"]]
    assert not Task.objects.filter(func="audit.tasks.seal_chain_job").exists()
    assert AuditEvent.objects.filter(seq__isnull=True).count() == 5
    result = verify_chain()  # signed unsealed events verify, and are counted
    assert result.ok, result.problems()
    assert result.pending == 5
    assert seal_chain_job() == 5  # the queued job seals the whole burst in one batch
    assert cache.get(SEAL_QUEUED_KEY) is None
    assert verify_chain().pending == 0


def test_timeline_and_verify_show_the_unsealed_count(client, auditor, capsys):
    cache.set(SEAL_QUEUED_KEY, 1, 60)
    OPDFactory(name="Dinas Menunggu")
    pending = AuditEvent.objects.filter(seq__isnull=True).count()
    call_command("audit_verify")
    assert f"{pending} peristiwa belum disegel" in capsys.readouterr().out
    client.force_login(auditor)
    page = client.get("/admin/audit/").content.decode()
    assert f"{AuditEvent.objects.filter(seq__isnull=True).count()} peristiwa belum disegel" in page
    assert "Peringatan integritas" not in page


def test_the_seal_job_is_scheduled_every_minute():
    schedules_sync()
    schedule = Schedule.objects.get(name="audit.seal_chain")
    assert (schedule.func, schedule.schedule_type, schedule.minutes) == ("audit.tasks.seal_chain_job", "I", 1)
