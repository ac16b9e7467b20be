"""Optimistic concurrency: a stale revision never overwrites; it says which fields changed."""

import threading

import pytest
from django.db import connection, connections

from reporting.models import Submission
from reporting.workflow import StaleRevision, submission_save_draft, submission_submit
from tests.factories import report_slot


@pytest.mark.django_db
def test_stale_revision_raises_with_the_changed_paths():
    slot = report_slot()
    sub = slot.submission
    submission_save_draft(submission=sub, actor=slot.operator, answers={"nama_kegiatan": "A"}, expected_revision=0)
    seen = sub.revision  # both editors loaded revision 1
    alice = Submission.objects.get(pk=sub.pk)
    submission_save_draft(
        submission=alice,
        actor=slot.operator,
        answers={"jumlah_pegawai": 5, "realisasi": [{"kegiatan": "X", "pagu": 10}]},
        expected_revision=seen,
    )
    bob = Submission.objects.get(pk=sub.pk)
    with pytest.raises(StaleRevision) as exc:
        submission_save_draft(
            submission=bob, actor=slot.verifier, answers={"nama_kegiatan": "B"}, expected_revision=seen
        )
    assert exc.value.changed == ["jumlah_pegawai", "realisasi.0.kegiatan", "realisasi.0.pagu", "total_pagu"]
    assert exc.value.submission.revision == seen + 1
    assert exc.value.submission.answers["jumlah_pegawai"] == 5
    sub.refresh_from_db()
    assert (sub.answers["nama_kegiatan"], sub.revision) == ("A", seen + 1)  # nothing overwritten
    with pytest.raises(StaleRevision):
        submission_submit(submission=sub, actor=slot.operator, expected_revision=seen)
    # with the current revision the write goes through
    submission_save_draft(
        submission=bob, actor=slot.verifier, answers={"nama_kegiatan": "B"}, expected_revision=seen + 1
    )
    assert bob.revision == seen + 2


@pytest.mark.django_db
def test_a_revision_the_server_never_had_reports_every_path():
    slot = report_slot()
    submission_save_draft(
        submission=slot.submission, actor=slot.operator, answers={"nama_kegiatan": "A", "jumlah_pegawai": 3}
    )
    with pytest.raises(StaleRevision) as exc:
        submission_save_draft(submission=slot.submission, actor=slot.operator, answers={}, expected_revision=99)
    assert {"nama_kegiatan", "jumlah_pegawai"} <= set(exc.value.changed)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_writers_on_postgresql_one_wins():
    if connection.vendor != "postgresql":
        pytest.skip("row locks (select_for_update) are PostgreSQL's; SQLite serialises writers anyway")
    slot = report_slot()
    submission_save_draft(submission=slot.submission, actor=slot.operator, answers={"nama_kegiatan": "A"})
    revision = slot.submission.revision
    barrier, outcomes = threading.Barrier(2), []

    def write(value):
        try:
            barrier.wait()
            sub = Submission.objects.get(pk=slot.submission.pk)
            submission_save_draft(
                submission=sub, actor=slot.operator, answers={"jumlah_pegawai": value}, expected_revision=revision
            )
            outcomes.append("ok")
        except StaleRevision as exc:
            outcomes.append(tuple(exc.changed))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(v,)) for v in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes, key=str) == sorted(["ok", ("jumlah_pegawai",)], key=str)
    slot.submission.refresh_from_db()
    assert slot.submission.revision == revision + 1
