"""PostgreSQL: audit events are append-only in the database itself.

A trigger refuses DELETE and any UPDATE of a sealed event, and allows on an unsealed event
only the sealing columns (seq, prev_hash, hash). Only a database superuser (who can disable
triggers or set ``session_replication_role``) can alter the rows — and the hash chain then
shows it. SQLite (the embedded setup) has no roles: whoever holds the file is superuser.
"""

from django.db import migrations

GUARD = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit events are append-only (delete refused)';
    END IF;
    IF OLD.seq IS NOT NULL THEN
        RAISE EXCEPTION USING MESSAGE = 'sealed audit event ' || OLD.seq || ' cannot be changed';
    END IF;
    IF (NEW.id, NEW.occurred_at, NEW.source, NEW.action, NEW.model, NEW.object_id, NEW.object_repr,
        NEW.source_id, NEW.door, NEW.actor, NEW.user_id, NEW.opd_id, NEW.changed_fields, NEW.reason, NEW.payload)
       IS DISTINCT FROM
       (OLD.id, OLD.occurred_at, OLD.source, OLD.action, OLD.model, OLD.object_id, OLD.object_repr,
        OLD.source_id, OLD.door, OLD.actor, OLD.user_id, OLD.opd_id, OLD.changed_fields, OLD.reason, OLD.payload)
    THEN
        RAISE EXCEPTION 'only sealing may change an audit event';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
"""

UNGUARD = """
DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_append_only();
"""


def guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_events_chain_reads_prune")]

    operations = [migrations.RunPython(guard, unguard)]
