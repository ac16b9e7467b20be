"""SQLite: the same append-only guard as PostgreSQL's trigger (0003), as SQLite triggers.

Mirrors ``audit_event_append_only()`` exactly: every DELETE is refused (retention prunes
history rows, never audit events); an UPDATE of a sealed event (``seq`` set) is refused;
on an unsealed event only the sealing columns (``seq``, ``prev_hash``, ``hash``) may change.
``IS NOT`` is SQLite's null-safe ``IS DISTINCT FROM``. SQLite's ``RAISE`` takes a literal
message only, so the sealed message cannot name the ``seq`` as PostgreSQL's does.

Like PostgreSQL's ``TRUNCATE``, ``manage.py flush`` (tests' teardown) empties the table
regardless: ``audit/management/commands/flush.py``. SQLite has no roles: whoever holds the
file can drop these triggers, so the guard stops the application, and the hash chain
shows the rest. Caution: if a later migration makes Django rebuild this table on SQLite
(most ``AlterField``), the rebuild drops the triggers; recreate them in that migration
(``tests/audit/test_chain.py`` fails if they are gone).
"""

from django.db import migrations

SEALING_FREE_COLUMNS = (
    "id",
    "occurred_at",
    "source",
    "action",
    "model",
    "object_id",
    "object_repr",
    "source_id",
    "door",
    "actor",
    "user_id",
    "opd_id",
    "changed_fields",
    "reason",
    "payload",
)

_CHANGED = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in SEALING_FREE_COLUMNS)

GUARD = (
    """
    CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only (delete refused)'); END
    """,
    """
    CREATE TRIGGER audit_event_sealed_no_update BEFORE UPDATE ON audit_auditevent
    WHEN OLD.seq IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'sealed audit event cannot be changed'); END
    """,
    f"""
    CREATE TRIGGER audit_event_only_sealing BEFORE UPDATE ON audit_auditevent
    WHEN OLD.seq IS NULL AND ({_CHANGED})
    BEGIN SELECT RAISE(ABORT, 'only sealing may change an audit event'); END
    """,
)

UNGUARD = (
    "DROP TRIGGER IF EXISTS audit_event_only_sealing",
    "DROP TRIGGER IF EXISTS audit_event_sealed_no_update",
    "DROP TRIGGER IF EXISTS audit_event_no_delete",
)


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in GUARD:
            schema_editor.execute(statement)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in UNGUARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_unsealed_index")]

    operations = [migrations.RunPython(guard, unguard)]
