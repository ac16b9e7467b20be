"""``notify`` writes a notice to many recipients together: one INSERT each for the notifications,
their history rows and their audit events, whatever the number of recipients; still each row with
its history and its event, and still safe when another process notifies the same event at once."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from audit.actors import Door, acting_as
from audit.models import AuditEvent
from notifications.models import Notification
from notifications.services import notify
from tests.factories import UserFactory


def _notify(users, key):
    with acting_as("job:notify_desk_new", door=Door.JOB):
        return notify(recipients=users, subject="Pengaduan baru: ADU-1", body="Jalan", dedupe_key=key)


@pytest.mark.django_db
def test_each_notification_has_its_history_row_and_audit_event():
    users = UserFactory.create_batch(3)
    created = _notify(users, "desk-new:1")
    assert sorted(n.recipient_id for n in created) == sorted(u.pk for u in users)
    for notification in created:
        (history,) = notification.history.all()
        assert (history.history_type, history.history_door, history.history_actor) == (
            "+",
            Door.JOB,
            "job:notify_desk_new",
        )
        event = AuditEvent.objects.get(model="notifications.notification", object_id=str(notification.pk))
        assert (event.action, event.source_id, event.door, event.actor) == (
            "create",
            history.history_id,
            Door.JOB,
            "job:notify_desk_new",
        )


@pytest.mark.django_db
def test_queries_do_not_grow_with_recipients():
    counts = []
    for size in (2, 8):
        users = UserFactory.create_batch(size)
        with CaptureQueriesContext(connection) as queries:
            assert len(_notify(users, f"size:{size}")) == size
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.django_db
def test_a_second_call_creates_only_the_new_recipients():
    first, second = UserFactory.create_batch(2)
    _notify([first], "same-event")
    created = _notify([first, second], "same-event")
    assert [n.recipient_id for n in created] == [second.pk]
    assert Notification.objects.filter(dedupe_key="same-event").count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_concurrent_notify_of_the_same_event_is_skipped_not_an_error():
    """Another process writes one recipient's notification after this call looked for it and before
    its INSERT: the INSERT waits for that row's commit, is refused, and the call falls back to one
    row at a time, creating the others."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: the other transaction cannot sit between the look and the INSERT")
    users = UserFactory.create_batch(3)
    ready, other_wrote, outcome = threading.Event(), threading.Event(), {}

    def other_process():
        try:
            ready.wait(10)
            with transaction.atomic():
                Notification.objects.create(
                    recipient=users[0], recipient_key=f"u:{users[0].pk}", dedupe_key="race", subject="s", body="b"
                )
                other_wrote.set()
                outcome["waited"] = _until_waiting_on_a_lock(outcome["pid"])
        finally:
            connections.close_all()

    def this_call():
        try:
            connection.ensure_connection()
            outcome["pid"] = connection.connection.info.backend_pid
            ready.set()
            other_wrote.wait(10)
            outcome["created"] = _notify(users, "race")
        except Exception as error:  # the assertion below shows it
            outcome["error"] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=other_process), threading.Thread(target=this_call)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert outcome.get("waited"), "the INSERT never waited on the other transaction's row"
    assert "error" not in outcome, outcome.get("error")
    assert sorted(n.recipient_id for n in outcome["created"]) == sorted(u.pk for u in users[1:])
    assert Notification.objects.filter(dedupe_key="race").count() == 3
    for notification in outcome["created"]:
        assert notification.history.count() == 1
        assert (
            AuditEvent.objects.filter(model="notifications.notification", object_id=str(notification.pk)).count() == 1
        )


def _until_waiting_on_a_lock(pid: int, limit: float = 10.0) -> bool:
    """True once the backend ``pid`` waits for a lock (here: the other transaction's new row)."""
    deadline = time.monotonic() + limit
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
            row = cursor.fetchone()
            if row and row[0] == "Lock":
                return True
            time.sleep(0.02)
    return False
