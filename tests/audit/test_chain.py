"""Tamper evidence: raw-SQL edits, deletions and reorderings are each detected by audit_verify."""

import itertools
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from audit.actors import Door
from audit.chain import GENESIS, chain_head, link_hash, seal_pending
from audit.models import AuditEvent, ChainHead
from audit.reads import log_sensitive_read
from audit.verify import verify_chain
from organizations.models import OPD
from tests.audit.db_superuser import bypass_append_only_guard
from tests.factories import OPDFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(sealed, auditor):
    """Six sealed events: creates, an update, a sensitive read."""
    opds = [OPDFactory(name=f"Kecamatan Uji {i}") for i in range(3)]
    opds[0].phone = "0556-1"
    opds[0].save()
    log_sensitive_read(user=auditor, obj=opds[1], action="forms.export", door=Door.ADMIN)
    sealed()
    assert verify_chain().ok
    return opds


def sql(statement, params=()):
    """Raw SQL as the database's owner would run it (bypassing the append-only guard)."""
    with connection.cursor() as cursor:
        bypass_append_only_guard(cursor)
        cursor.execute(statement, params)


def events():
    return list(AuditEvent.objects.order_by("seq"))


def test_sealed_chain_links_each_event_to_the_previous(chain):
    evs = events()
    assert [e.seq for e in evs] == list(range(1, len(evs) + 1))
    assert evs[0].prev_hash == GENESIS
    for before, after in itertools.pairwise(evs):
        assert after.prev_hash == before.hash
        assert after.hash == link_hash(before.hash, after.seq, after.payload)
    head = chain_head()
    assert (head.seq, head.hash) == (evs[-1].seq, evs[-1].hash)


def test_verify_command_passes_on_an_intact_chain(chain, capsys):
    call_command("audit_verify")
    assert "OK" in capsys.readouterr().out


def test_editing_an_event_column_is_detected(chain):
    victim = events()[2]
    sql("UPDATE audit_auditevent SET actor = %s WHERE id = %s", ["orang_lain", victim.pk])
    with pytest.raises(CommandError, match=f"#{victim.seq} "):
        call_command("audit_verify")


def test_editing_event_payload_and_columns_together_breaks_the_hash(chain):
    victim = events()[1]
    payload = json.loads(victim.payload)
    payload["actor"] = "orang_lain"
    new_payload = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    sql("UPDATE audit_auditevent SET actor = %s, payload = %s WHERE id = %s", ["orang_lain", new_payload, victim.pk])
    result = verify_chain()
    assert not result.ok
    assert result.broken.seq == victim.seq
    assert "hash" in result.broken.problem


def test_editing_a_history_row_is_detected(chain):
    history = OPD.history.filter(id=chain[0].pk).order_by("history_id").first()
    sql(
        f"UPDATE {OPD.history.model._meta.db_table} SET name = %s WHERE history_id = %s",  # noqa: S608
        ["Nama Palsu", history.history_id],
    )
    result = verify_chain()
    event = AuditEvent.objects.get(source="history", source_id=history.history_id, model="organizations.opd")
    assert not result.ok
    assert result.broken.event_id == event.pk
    assert "diubah" in result.broken.problem


def test_deleting_a_history_row_is_detected(chain):
    history = OPD.history.filter(id=chain[2].pk).get()
    sql(f"DELETE FROM {OPD.history.model._meta.db_table} WHERE history_id = %s", [history.history_id])  # noqa: S608
    result = verify_chain()
    assert not result.ok
    assert "hilang" in result.broken.problem


def test_editing_a_read_log_row_is_detected(chain):
    sql("UPDATE audit_sensitiveread SET detail = %s", ["tidak ada apa-apa"])
    result = verify_chain()
    assert not result.ok
    assert "read" in result.broken.problem


def test_deleting_an_event_is_detected_as_a_gap(chain):
    victim = events()[3]
    sql("DELETE FROM audit_auditevent WHERE id = %s", [victim.pk])
    with pytest.raises(CommandError, match=f"#{victim.seq} "):
        call_command("audit_verify", "--links-only")


def test_deleting_the_last_event_is_detected_by_the_head(chain):
    victim = events()[-1]
    sql("DELETE FROM audit_auditevent WHERE id = %s", [victim.pk])
    result = verify_chain(check_sources=False)
    assert not result.ok
    assert "kepala" in result.broken.problem


def test_reordering_events_is_detected(chain):
    a, b = events()[1], events()[2]
    sql("UPDATE audit_auditevent SET seq = -1 WHERE id = %s", [a.pk])
    sql("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [a.seq, b.pk])
    sql("UPDATE audit_auditevent SET seq = %s WHERE id = %s", [b.seq, a.pk])
    result = verify_chain()
    assert not result.ok
    assert result.broken.seq == a.seq
    assert "urutan" in result.broken.problem


def test_reordering_history_dates_is_detected(chain):
    table = OPD.history.model._meta.db_table
    first, second = OPD.history.filter(id=chain[0].pk).order_by("history_id")
    sql(
        f"UPDATE {table} SET history_date = %s WHERE history_id = %s",  # noqa: S608
        [second.history_date, first.history_id],
    )
    sql(
        f"UPDATE {table} SET history_date = %s WHERE history_id = %s",  # noqa: S608
        [first.history_date, second.history_id],
    )
    assert not verify_chain().ok


def test_chain_head_export_command(chain, capsys):
    call_command("audit_chain_head", "--json")
    data = json.loads(capsys.readouterr().out)
    head = ChainHead.objects.get(pk=1)
    assert data["seq"] == head.seq
    assert data["hash"] == head.hash
    assert len(data["hash"]) == 64


def test_verify_checks_unsealed_signed_events_without_sealing_them(sealed):
    OPDFactory()
    pending = AuditEvent.objects.filter(seq__isnull=True).count()
    assert pending
    result = verify_chain()
    assert result.ok, result.problems()
    assert result.pending == pending
    assert AuditEvent.objects.filter(seq__isnull=True).count() == pending  # verification only reads


def test_events_seal_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        OPDFactory()
    assert not AuditEvent.objects.filter(seq__isnull=True).exists()


SEALED_REFUSED = r"sealed audit event (\d+ )?cannot be changed"  # PostgreSQL names the seq, SQLite cannot


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("DELETE FROM audit_auditevent WHERE id = %s", r"append-only \(delete refused\)"),
        ("UPDATE audit_auditevent SET actor = 'x' WHERE id = %s", SEALED_REFUSED),
        ("UPDATE audit_auditevent SET hash = 'x' WHERE id = %s", SEALED_REFUSED),
        ("UPDATE audit_auditevent SET seq = NULL WHERE id = %s", SEALED_REFUSED),
    ],
)
def test_database_refuses_changes_to_sealed_audit_events(chain, statement, message):
    """The append-only guard: PostgreSQL's trigger function, SQLite's triggers (same rules)."""
    victim = events()[0]
    with pytest.raises(DatabaseError, match=message), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [victim.pk])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=victim.pk).delete()
    victim.actor = "orang_lain"
    with pytest.raises(DatabaseError, match=SEALED_REFUSED), transaction.atomic():
        victim.save()
    assert verify_chain().ok


def test_database_allows_only_sealing_on_an_unsealed_event():
    OPDFactory()  # its event stays unsealed: the test transaction never commits
    event = AuditEvent.objects.filter(seq__isnull=True).first()
    with pytest.raises(DatabaseError, match="only sealing may change an audit event"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor="orang_lain")  # audit: bulk-ok (test)
    with pytest.raises(DatabaseError, match="only sealing may change an audit event"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(user_id=None, opd_id=12345)  # audit: bulk-ok (test)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    event.save()  # unchanged columns: allowed
    assert seal_pending() >= 1  # the sealing update itself passes the guard
    event.refresh_from_db()
    assert event.seq is not None
    assert event.prev_hash
    assert event.hash
    assert verify_chain().ok


def test_guard_is_installed_on_sqlite():
    """A later table rebuild on SQLite (AlterField) would drop the triggers silently."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's triggers; PostgreSQL's guard is one trigger function")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'")
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"audit_event_no_delete", "audit_event_sealed_no_update", "audit_event_only_sealing"}


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_audit_table_and_keeps_the_guard():
    """Like PostgreSQL's TRUNCATE, flush (tests' teardown, an owner's act) still works on SQLite."""
    OPDFactory()
    assert AuditEvent.objects.filter(seq__isnull=False).exists()
    # as a transactional test's teardown runs it (the serialized data comes back in the next set-up)
    call_command("flush", interactive=False, verbosity=0, reset_sequences=False, inhibit_post_migrate=True)
    assert not AuditEvent.objects.exists()
    OPDFactory()
    event = AuditEvent.objects.get()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
