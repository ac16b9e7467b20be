"""Forged history is detected: raw-SQL inserts, edits and deletes of history rows and of events.

Each case is acted out as the database's owner would (raw SQL, the append-only guard bypassed),
then ``audit_verify`` must fail naming it (exit code 1, the message below) and the auditor's
screens (timeline, record history) must show an Indonesian integrity warning. Runs on SQLite and
PostgreSQL alike (``DATABASE_URL``).
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from audit.chain import event_payload, link_hash, seal_pending, source_digest_of
from audit.models import AuditEvent, ChainHead, RefusedEvent
from audit.verify import verify_chain
from organizations.models import OPD
from tests.audit.db_superuser import bypass_append_only_guard
from tests.factories import OPDFactory

pytestmark = pytest.mark.django_db

WARNING = "Peringatan integritas"
HISTORY = OPD.history.model
TABLE = HISTORY._meta.db_table


def sql(statement, params=()):
    with connection.cursor() as cursor:
        bypass_append_only_guard(cursor)
        cursor.execute(statement, params)


def insert_copy(table: str, pk_column: str, pk_value: int, **overrides) -> int:
    """INSERT a copy of one row with some columns changed (a new primary key); returns it."""
    with connection.cursor() as cursor:
        columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
        cursor.execute(f"SELECT MAX({pk_column}) FROM {table}")  # noqa: S608
        new_pk = cursor.fetchone()[0] + 100
    overrides[pk_column] = new_pk
    kept = [c for c in columns if c not in overrides]
    names = ", ".join(kept + list(overrides))
    placeholders = ", ".join(["%s"] * len(overrides))
    sql(
        f"INSERT INTO {table} ({names}) SELECT {', '.join(kept)}, {placeholders} FROM {table} "  # noqa: S608
        f"WHERE {pk_column} = %s",
        [*overrides.values(), pk_value],
    )
    return new_pk


def verify_fails(*expected: str) -> str:
    with pytest.raises(CommandError) as info:
        call_command("audit_verify")
    message = str(info.value)
    for text in expected:
        assert text in message, message
    return message


@pytest.fixture
def opds(sealed):
    rows = [OPDFactory(name=f"Dinas Uji {i}") for i in range(3)]
    rows[0].phone = "0556-100"
    rows[0].save()
    sealed()
    assert verify_chain().ok
    return rows


@pytest.fixture
def reader(client, auditor):
    client.force_login(auditor)
    return client


def record_page(reader, opd) -> str:
    response = reader.get(f"/admin/audit/record/organizations.opd/{opd.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def timeline_page(reader) -> str:
    response = reader.get("/admin/audit/", {"model": "organizations.opd"})
    assert response.status_code == 200
    return response.content.decode()


def test_intact_trail_has_no_warning(opds, reader, capsys):
    call_command("audit_verify")
    assert "OK" in capsys.readouterr().out
    assert WARNING not in timeline_page(reader)
    assert WARNING not in record_page(reader, opds[0])


def test_history_row_inserted_with_raw_sql_is_an_orphan(opds, reader):
    victim = HISTORY.objects.filter(id=opds[1].pk).get()
    forged = insert_copy(TABLE, "history_id", victim.history_id, name="Dinas Palsu", history_type="~")
    message = verify_fails(f"Baris riwayat organizations.opd #{forged}", "tanpa peristiwa audit")
    print(message)
    page = record_page(reader, opds[1])
    assert "Dinas Palsu" in page  # shown, but flagged
    assert WARNING in page
    assert "disisipkan di luar aplikasi" in page


def test_history_row_altered_is_detected(opds, reader):
    victim = HISTORY.objects.filter(id=opds[0].pk).order_by("history_id").first()
    sql(f"UPDATE {TABLE} SET name = %s WHERE history_id = %s", ["Nama Palsu", victim.history_id])  # noqa: S608
    print(verify_fails(f"baris sumber history #{victim.history_id} telah diubah"))
    assert "telah diubah" in timeline_page(reader)
    page = record_page(reader, opds[0])
    assert WARNING in page
    assert "telah diubah" in page


def test_history_row_deleted_is_detected(opds, reader):
    victim = HISTORY.objects.filter(id=opds[2].pk).get()
    sql(f"DELETE FROM {TABLE} WHERE history_id = %s", [victim.history_id])  # noqa: S608
    print(verify_fails(f"baris sumber history #{victim.history_id} hilang"))
    page = timeline_page(reader)
    assert WARNING in page
    assert "hilang (dihapus)" in page
    assert "hilang (dihapus)" in record_page(reader, opds[2])


def _forge_event(template: AuditEvent, *, source_id: int, mac: str | None) -> int:
    """A new unsealed event built from ``template`` for another history row, by raw SQL."""
    fake = AuditEvent.objects.get(pk=template.pk)
    fake.source_id = source_id
    row = HISTORY.objects.filter(history_id=source_id).values().get()
    from audit.chain import row_digest

    payload = event_payload(fake, row_digest({"row": row}))
    return insert_copy(
        "audit_auditevent",
        "id",
        template.pk,
        source_id=source_id,
        payload=payload,
        seq=None,
        prev_hash="",
        hash="",
        hmac=mac,
        hmac_key_id="k1",
    )


@pytest.mark.parametrize("mac", [None, "0" * 64], ids=["no-hmac", "wrong-hmac"])
def test_forged_unsealed_event_is_refused_by_sealing(opds, reader, mac):
    template = AuditEvent.objects.get(model="organizations.opd", object_id=str(opds[1].pk))
    forged_row = insert_copy(
        TABLE, "history_id", template.source_id, name="Dinas Palsu", history_type="~"
    )  # a forged row, and an event made up to cover it
    forged_event = _forge_event(template, source_id=forged_row, mac=mac)
    seal_pending()
    assert AuditEvent.objects.get(pk=forged_event).seq is None  # never entered the chain
    assert AuditEvent.objects.filter(seq__isnull=True).count() == 1  # the genuine ones did
    assert ChainHead.objects.get(pk=1).seq == AuditEvent.objects.filter(seq__isnull=False).count()
    assert RefusedEvent.objects.filter(event_id=forged_event).exists()
    print(
        verify_fails(
            f"Peristiwa id {forged_event} ",
            "ditolak saat penyegelan",
            "HMAC tidak sah",
            f"Baris riwayat organizations.opd #{forged_row}",  # the refused event covers nothing
        )
    )
    page = timeline_page(reader)
    assert WARNING in page
    assert "HMAC peristiwa tidak sah" in page


def test_unsealed_event_altered_fails_its_hmac(opds, reader):
    opd = OPDFactory(name="Dinas Baru")  # its event stays unsealed (no seal in this test)
    event = AuditEvent.objects.get(model="organizations.opd", object_id=str(opd.pk))
    assert event.seq is None
    event.actor = "orang_lain"
    payload = event_payload(event, source_digest_of(event))
    sql("UPDATE audit_auditevent SET actor = %s, payload = %s WHERE id = %s", ["orang_lain", payload, event.pk])
    print(verify_fails(f"Peristiwa id {event.pk} (mata rantai #belum disegel)", "HMAC peristiwa tidak sah"))
    assert "HMAC peristiwa tidak sah" in timeline_page(reader)
    seal_pending()  # sealing refuses it too
    assert AuditEvent.objects.get(pk=event.pk).seq is None
    assert RefusedEvent.objects.filter(event_id=event.pk).exists()


def test_rewritten_tail_with_recomputed_hashes_fails_the_hmac(opds, reader):
    """An owner who edits the last event and recomputes its link and the head: the HMAC catches it."""
    last = AuditEvent.objects.filter(seq__isnull=False).order_by("-seq").first()
    last.actor = "orang_lain"
    payload = event_payload(last, source_digest_of(last))
    new_hash = link_hash(last.prev_hash, last.seq, payload)
    sql(
        "UPDATE audit_auditevent SET actor = %s, payload = %s, hash = %s WHERE id = %s",
        ["orang_lain", payload, new_hash, last.pk],
    )
    sql("UPDATE audit_chainhead SET hash = %s WHERE id = 1", [new_hash])
    print(verify_fails(f"#{last.seq} ", "HMAC peristiwa tidak sah"))
    assert "HMAC peristiwa tidak sah" in timeline_page(reader)


def test_sealed_event_deleted_leaves_a_gap_and_an_orphan(opds, reader):
    victim = AuditEvent.objects.get(model="organizations.opd", object_id=str(opds[1].pk))
    sql("DELETE FROM audit_auditevent WHERE id = %s", [victim.pk])
    print(verify_fails(f"#{victim.seq} ", "mata rantai hilang", f"organizations.opd #{victim.source_id}"))
    page = record_page(reader, opds[1])
    assert WARNING in page
    assert "tanpa peristiwa audit" in page


def test_unsealed_event_deleted_leaves_an_orphan(opds, reader):
    opd = OPDFactory(name="Dinas Tanpa Jejak")
    event = AuditEvent.objects.get(model="organizations.opd", object_id=str(opd.pk))
    sql("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    print(verify_fails(f"Baris riwayat organizations.opd #{event.source_id}", "tanpa peristiwa audit"))
    assert "tanpa peristiwa audit" in record_page(reader, opd)


def test_copied_event_is_detected(opds, reader):
    original = AuditEvent.objects.get(model="organizations.opd", object_id=str(opds[2].pk))
    copy = insert_copy("audit_auditevent", "id", original.pk, seq=None, prev_hash="", hash="")
    print(verify_fails(f"Peristiwa id {copy} ", "peristiwa ganda"))


def test_event_signed_with_a_retired_key_still_verifies(db, settings, sealed):
    settings.AUDIT_HMAC_KEY, settings.AUDIT_HMAC_KEY_ID = "a" * 40, "k1"
    OPDFactory(name="Dinas Kunci Lama")
    sealed()
    # rotation: a new key under a new id, the old one kept under its id
    settings.AUDIT_HMAC_KEY, settings.AUDIT_HMAC_KEY_ID = "b" * 40, "k2"
    settings.AUDIT_HMAC_OLD_KEYS = {"k1": "a" * 40}
    OPDFactory(name="Dinas Kunci Baru")
    sealed()
    assert set(AuditEvent.objects.values_list("hmac_key_id", flat=True)) == {"k1", "k2"}
    assert verify_chain().ok
    settings.AUDIT_HMAC_OLD_KEYS = {}  # the old key lost: its events no longer verify
    assert "HMAC peristiwa tidak sah" in str(verify_chain().broken)
