"""The append-only guard on ``audit_auditevent`` (migrations 0003, 0006, 0007), in one place.

On an unsealed event only the sealing columns (seq, prev_hash, hash) may change; sealed events
and deletes are refused. ``with_hmac`` adds the HMAC columns (0007) to the frozen ones.
Loaded by migrations only (a leading underscore keeps Django's loader from taking it for one).
"""

BASE_COLUMNS = (
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
HMAC_COLUMNS = ("hmac", "hmac_key_id")


def frozen_columns(with_hmac: bool) -> tuple[str, ...]:
    return BASE_COLUMNS + (HMAC_COLUMNS if with_hmac else ())


def _postgres_function(columns: tuple[str, ...]) -> str:
    new = ", ".join(f"NEW.{c}" for c in columns)
    old = ", ".join(f"OLD.{c}" for c in columns)
    return f"""
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'audit events are append-only (delete refused)';
    END IF;
    IF OLD.seq IS NOT NULL THEN
        RAISE EXCEPTION USING MESSAGE = 'sealed audit event ' || OLD.seq || ' cannot be changed';
    END IF;
    IF ({new}) IS DISTINCT FROM ({old}) THEN
        RAISE EXCEPTION 'only sealing may change an audit event';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def _sqlite_only_sealing(columns: tuple[str, ...]) -> str:
    changed = " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in columns)
    return f"""
    CREATE TRIGGER audit_event_only_sealing BEFORE UPDATE ON audit_auditevent
    WHEN OLD.seq IS NULL AND ({changed})
    BEGIN SELECT RAISE(ABORT, 'only sealing may change an audit event'); END
    """


def install(schema_editor, *, with_hmac: bool) -> None:
    columns = frozen_columns(with_hmac)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(_postgres_function(columns))
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_event_only_sealing")
        schema_editor.execute(_sqlite_only_sealing(columns))
