"""``flush`` that may empty the append-only audit table on SQLite, as it may on PostgreSQL.

PostgreSQL's flush is ``TRUNCATE``, which row triggers do not see. SQLite's is ``DELETE
FROM``, which the append-only triggers (migration 0006) refuse row by row; tests that run
in real transactions end with a flush. Emptying the whole database is an owner's act (on
SQLite, whoever holds the file), so here the triggers are dropped, the flush runs and the
triggers are recreated from their stored SQL, all in one transaction: if anything fails,
the triggers stay.
"""

from django.core.management.commands import flush
from django.db import connections, transaction

from audit.models import AuditEvent


class Command(flush.Command):
    def handle(self, **options):
        database = options["database"]
        connection = connections[database]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with transaction.atomic(using=database):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                    [AuditEvent._meta.db_table],
                )
                triggers = cursor.fetchall()
                for name, _sql in triggers:
                    cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
            result = super().handle(**options)
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
        return result
