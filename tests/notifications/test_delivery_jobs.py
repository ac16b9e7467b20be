"""Deliveries are sent in few jobs: one notice's deliveries share a job (``DELIVERIES_PER_JOB`` at
most), a job that succeeds keeps no django-q2 result row, and none of these rows is re-indexed by
Wagtail's reference index on each save (ADR 0019, submission load addendum)."""

import datetime as dt

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone
from django_q.models import Task
from wagtail import hooks
from wagtail.models import ReferenceIndex

from notifications.models import Delivery, DeliveryStatus, Notification
from notifications.services import notify
from notifications.tasks import (
    DELIVER_BATCH_TASK,
    DELIVERIES_PER_JOB,
    OVERDUE_GRACE,
    BatchIncompleteError,
    deliver_batch,
    deliver_overdue,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OPERATIONAL_ROWS = [
    "notifications.Notification",
    "notifications.Delivery",
    "budget.Alert",
    "budget.ImportBatch",
    "budget.BudgetLine",
]


def _notify(django_capture_on_commit_callbacks, recipients, key="k"):
    with django_capture_on_commit_callbacks(execute=True):
        return notify(recipients=recipients, subject="Pengaduan baru", body="Ada pengaduan", dedupe_key=key)


def test_one_notice_to_three_accounts_is_one_job_that_sends_all_three(django_capture_on_commit_callbacks, queued_jobs):
    users = UserFactory.create_batch(3)
    _notify(django_capture_on_commit_callbacks, users)
    jobs = [job for job in queued_jobs if job["func"] == DELIVER_BATCH_TASK]
    assert len(jobs) == 1
    assert sorted(jobs[0]["args"][0]) == sorted(Delivery.objects.values_list("pk", flat=True))
    assert jobs[0]["save"] is False
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert len(mail.outbox) == 3
    assert not Task.objects.filter(func=DELIVER_BATCH_TASK).exists()  # a success keeps no result row


def test_a_long_list_is_cut_into_jobs_of_at_most_the_limit(django_capture_on_commit_callbacks, queued_jobs):
    addresses = [f"warga{n}@example.com" for n in range(DELIVERIES_PER_JOB + 2)]
    _notify(django_capture_on_commit_callbacks, addresses)
    sizes = [len(job["args"][0]) for job in queued_jobs if job["func"] == DELIVER_BATCH_TASK]
    assert sizes == [DELIVERIES_PER_JOB, 2]
    assert len(mail.outbox) == DELIVERIES_PER_JOB + 2


def test_the_overdue_sweeper_queues_in_the_same_batches(queued_jobs):
    # outside a captured commit: the deliveries are written, their jobs never queued (a lost enqueue)
    notify(recipients=[f"w{n}@example.com" for n in range(3)], subject="S", body="B", dedupe_key="lost")
    assert not queued_jobs
    Notification.objects.update(created_at=timezone.now() - OVERDUE_GRACE - dt.timedelta(minutes=1))
    assert deliver_overdue() == 3
    assert [len(job["args"][0]) for job in queued_jobs if job["func"] == DELIVER_BATCH_TASK] == [3]
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


@pytest.mark.parametrize("label", OPERATIONAL_ROWS)
def test_operational_rows_are_not_in_the_reference_index(label):
    hooks.search_for_hooks()  # the admin's registrations are what put a model in the index
    model = apps.get_model(label)
    assert not ReferenceIndex.model_is_indexable(model)
    assert model not in ReferenceIndex.tracked_models


def test_sending_writes_no_reference_index_row(django_capture_on_commit_callbacks):
    hooks.search_for_hooks()
    _notify(django_capture_on_commit_callbacks, UserFactory.create_batch(2))
    assert Delivery.objects.filter(status=DeliveryStatus.SENT).count() == 2
    assert not ReferenceIndex.objects.filter(base_content_type__app_label="notifications").exists()


def test_a_job_of_deliveries_whose_gateways_all_time_out_ends_inside_the_job_timeout(settings):
    slowest = max(settings.EMAIL_TIMEOUT, settings.NOTIFICATION_HTTP_TIMEOUT)
    assert slowest * DELIVERIES_PER_JOB < settings.Q_CLUSTER["timeout"]


def test_a_delivery_that_raises_holds_back_none_of_the_others_and_fails_the_job():
    # outside a captured commit: the deliveries exist, no job ran them yet
    notify(recipients=["satu@example.com", "dua@example.com"], subject="S", body="B", dedupe_key="half")
    first, second = Delivery.objects.order_by("pk").values_list("pk", flat=True)
    with pytest.raises(BatchIncompleteError, match="bukan-angka"):
        deliver_batch([first, "bukan-angka", second])  # an id the database refuses, between two good ones
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}
    assert sorted(m.to[0] for m in mail.outbox) == ["dua@example.com", "satu@example.com"]


def _pending(recipients, key):
    """Deliveries written by ``notify`` and not sent yet (its on-commit queueing is not run)."""
    notify(recipients=recipients, subject="Pengaduan baru", body="Ada pengaduan", dedupe_key=key)
    return list(Delivery.objects.filter(notification__dedupe_key=key).order_by("pk").values_list("pk", flat=True))


def test_a_batch_is_claimed_together_one_statement_more_per_delivery_only_for_its_outcome():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (3, 9):
        ids = _pending([f"meja{n}@example.com" for n in range(size)], f"claim-{size}")
        with CaptureQueriesContext(connection) as queries:
            assert deliver_batch(ids) == {"sent": size}
        counts.append(len(queries))
    assert counts[1] - counts[0] == 6, counts  # the claim is shared; each delivery's outcome is one UPDATE
    assert set(Delivery.objects.values_list("status", "attempts")) == {(DeliveryStatus.SENT, 1)}


def test_a_mixed_batch_ends_each_delivery_as_alone():
    sent_before, to_send = _pending(["satu@example.com", "dua@example.com"], "mixed")
    Delivery.objects.filter(pk=sent_before).update(status=DeliveryStatus.SENT)
    no_channel = Delivery.objects.create(notification=Delivery.objects.get(pk=to_send).notification, channel="merpati")
    outcomes = deliver_batch([sent_before, no_channel.pk, to_send, to_send])  # an id twice: sent once
    assert outcomes == {"skipped": 1, "failed": 1, "sent": 1}
    assert [m.to for m in mail.outbox] == [["dua@example.com"]]
    no_channel.refresh_from_db()
    assert (no_channel.status, no_channel.error, no_channel.attempts) == (
        DeliveryStatus.FAILED,
        "Kanal tidak aktif.",
        0,
    )
    assert Delivery.objects.get(pk=to_send).attempts == 1
    assert deliver_batch([to_send]) == {"skipped": 1}
