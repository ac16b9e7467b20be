"""A migration that drops a column from a history table keeps the chain verifying (audit.redigest),
for rows intact before the drop only; a forged change record is not accepted."""

import pytest

from audit.models import AuditEvent, SourceRedigest
from audit.redigest import redigest_finish, redigest_prepare
from audit.verify import verify_chain
from organizations.models import OPD
from tests.audit.db_superuser import bypass_append_only_guard
from tests.factories import OPDFactory

pytestmark = pytest.mark.django_db
HISTORY = OPD.history.model
TABLE = HISTORY._meta.db_table


def sql(statement, params=()):
    from django.db import connection

    with connection.cursor() as cursor:
        bypass_append_only_guard(cursor)
        cursor.execute(statement, params)


def models():
    return {"history_model": HISTORY, "label": "organizations.opd", "redigest_model": SourceRedigest}


def test_signed_redigest_accepts_the_schema_change_of_intact_rows_only(sealed):
    intact, tampered = OPDFactory(name="Dinas Utuh"), OPDFactory(name="Dinas Diubah")
    sealed()
    tampered_row = HISTORY.objects.get(id=tampered.pk)
    sql(f"UPDATE {TABLE} SET name = %s WHERE history_id = %s", ["Palsu", tampered_row.history_id])  # noqa: S608
    assert redigest_prepare(**models(), reason="uji", event_model=AuditEvent) == 1  # the tampered row is not noted
    # stands in for the RemoveField: every row's content (and so its digest) changes
    sql(f"UPDATE {TABLE} SET phone = %s", ["kolom-dihapus"])  # noqa: S608
    assert redigest_finish(**models()) == 1
    result = verify_chain()
    assert [f for f in result.problems() if "telah diubah" in f]
    assert result.broken.event_id == AuditEvent.objects.get(source_id=tampered_row.history_id).pk
    intact_event = AuditEvent.objects.get(source_id=HISTORY.objects.get(id=intact.pk).history_id)
    assert f"id {intact_event.pk} " not in "\n".join(result.problems())


def test_a_redigest_row_without_the_applications_hmac_is_ignored(sealed):
    opd = OPDFactory(name="Dinas Uji")
    sealed()
    row = HISTORY.objects.get(id=opd.pk)
    redigest_prepare(**models(), reason="uji", event_model=AuditEvent)
    sql(f"UPDATE {TABLE} SET name = %s WHERE history_id = %s", ["Palsu", row.history_id])  # noqa: S608
    redigest_finish(**models())
    assert verify_chain().ok  # signed by the application: accepted (as a migration would)
    SourceRedigest.objects.update(hmac="0" * 64)  # audit: bulk-ok (test: a forged change record)
    assert "telah diubah" in str(verify_chain().broken)
