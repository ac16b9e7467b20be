"""Act as the database's owner in a test, bypassing the append-only guard on audit events.

PostgreSQL: ``session_replication_role = replica`` (a superuser's power) for the rest of the
test's transaction. SQLite: drop the guard's triggers; SQLite DDL is transactional, so the
test's rollback restores them. Only for tests wrapped in a transaction (not
``transaction=True``).
"""

from django.db import connection


def bypass_append_only_guard(cursor) -> None:
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL session_replication_role = replica")
    elif connection.vendor == "sqlite":
        assert connection.in_atomic_block, "dropping the triggers outside a transaction would keep them dropped"
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'")
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP TRIGGER "{name}"')
