"""Expired pending uploads are pruned, rows and files, by the hourly django-q2 job and on upload."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django_q.models import Schedule
from django_q.tasks import async_task, result

from complaints import tasks, uploads
from complaints.models import Attachment, Complaint, PendingUpload
from complaints.services import complaint_uploads_prune
from tests.complaints.uploads import upload
from tests.factories import gps_jpeg

pytestmark = pytest.mark.django_db
UPLOAD = "/api/v1/complaints/uploads/"
SUBMIT = """mutation($input: SubmitComplaintInput!) {
  submitComplaint(input: $input) { trackingCode } }"""
START = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
STORAGE = PendingUpload._meta.get_field("file").storage


def at(minutes: int):
    return time_machine.travel(START + dt.timedelta(minutes=minutes), tick=False)


def _upload(client) -> tuple[str, str]:
    """Upload one photo through the REST door; returns (token, stored file name)."""
    r = client.post(UPLOAD, {"file": upload("foto.jpg", gps_jpeg(), "image/jpeg")})
    assert r.status_code == 201, r.content
    return r.json()["token"], PendingUpload.objects.latest("pk").file.name


def _run_job() -> int:
    """The scheduled function, run through django-q2 (sync in tests) as a worker would run it."""
    schedule = Schedule.objects.get(name=tasks.UPLOAD_PRUNE_SCHEDULE)
    task_id = async_task(schedule.func)
    return result(task_id)


def test_job_deletes_expired_upload_and_file_and_leaves_fresh_and_consumed(
    world, client, django_capture_on_commit_callbacks
):
    with at(0):
        _token, expired = _upload(client)
        consumed, consumed_file = _upload(client)
        with django_capture_on_commit_callbacks(execute=True):
            out = client.post(
                "/graphql/",
                {"query": SUBMIT, "variables": {"input": _input(attachments=[consumed])}},
                content_type="application/json",
            ).json()
        assert "errors" not in out, out
    with at(50):
        fresh_token, fresh = _upload(client)
    attachment = Attachment.objects.get()
    assert not STORAGE.exists(consumed_file)  # taken: its pending file went with the submission
    assert STORAGE.exists(expired)
    assert STORAGE.exists(fresh)
    assert STORAGE.exists(attachment.file.name)

    with at(61):
        assert _run_job() == 1
        assert _run_job() == 0  # twice is safe: nothing left, nothing fails

    assert not STORAGE.exists(expired)
    assert list(PendingUpload.objects.values_list("file", flat=True)) == [fresh]
    assert STORAGE.exists(fresh)
    assert Complaint.objects.get().attachments.get() == attachment
    assert STORAGE.exists(attachment.file.name)
    # the fresh upload still works after the job
    with at(62):
        out = client.post(
            "/graphql/",
            {"query": SUBMIT, "variables": {"input": _input(title="Kedua", attachments=[fresh_token])}},
            content_type="application/json",
        ).json()
    assert "errors" not in out, out
    assert Attachment.objects.count() == 2


def test_prune_is_idempotent_when_the_file_is_already_gone(world, client):
    with at(0):
        _upload(client)
        _token, name = _upload(client)
    STORAGE.delete(name)  # a previous run deleted the file, then died before its rows
    with at(61):
        assert complaint_uploads_prune() == 2
        assert complaint_uploads_prune() == 0
    assert not PendingUpload.objects.exists()


def test_job_works_through_every_batch_and_a_limit_bounds_it(world, client, monkeypatch):
    monkeypatch.setattr(uploads, "PRUNE_BATCH", 2)
    with at(0):
        names = [_upload(client)[1] for _ in range(5)]
    with at(61):
        assert complaint_uploads_prune(limit=1) == 1
        assert PendingUpload.objects.count() == 4
        assert _run_job() == 4  # no limit: three batches of at most two
    assert not PendingUpload.objects.exists()
    assert not any(STORAGE.exists(n) for n in names)


def test_upload_prunes_expired_uploads_with_the_same_rule(world, client, settings):
    settings.COMPLAINT_UPLOAD_TTL_MINUTES = 30
    with at(0):
        _token, old = _upload(client)
    with at(29):
        _upload(client)
        assert PendingUpload.objects.count() == 2  # not expired yet
    with at(31):
        _upload(client)
    assert PendingUpload.objects.count() == 2
    assert not PendingUpload.objects.filter(file=old).exists()
    assert not STORAGE.exists(old)


def test_a_file_the_storage_refuses_keeps_its_row_for_the_next_run(world, client):
    with at(0):
        _token, stuck = _upload(client)
        _token, other = _upload(client)
    blocker = Path(STORAGE.path(stuck))
    STORAGE.delete(stuck)
    blocker.mkdir()
    (blocker / "x").write_bytes(b"x")  # a non-empty folder where the file was: the delete fails
    try:
        with at(61):
            assert _run_job() == 1
        assert list(PendingUpload.objects.values_list("file", flat=True)) == [stuck]
        assert not STORAGE.exists(other)
    finally:
        (blocker / "x").unlink()
    with at(62):
        assert _run_job() == 1  # the storage lets go: the row goes too
    assert not PendingUpload.objects.exists()


def test_schedule_exists_after_migrations():
    schedule = Schedule.objects.get(name="complaints.prune_uploads")
    assert schedule.func == "complaints.tasks.prune_uploads"
    assert schedule.schedule_type == Schedule.HOURLY
    assert schedule.repeats == -1


def test_schedule_sync_is_idempotent_and_keeps_an_admins_timing():
    from ops.schedules import schedules_sync

    name = "complaints.prune_uploads"
    Schedule.objects.filter(name=name).update(schedule_type=Schedule.DAILY)  # an admin's choice
    schedules_sync()
    schedule = Schedule.objects.get(name=name)
    assert schedule.schedule_type == Schedule.DAILY
    assert schedule.func == tasks.prune_uploads.__module__ + ".prune_uploads"
    Schedule.objects.filter(name=name).delete()
    schedules_sync()
    schedules_sync()
    assert Schedule.objects.get(name=name).schedule_type == Schedule.HOURLY


def _input(**extra):
    return {"category": "jalan", "title": "Jalan rusak", "description": "Berlubang", **extra}
