"""PostgreSQL only: trigram indexes for the staff text search (``icontains`` on title/description).

Django's ``icontains`` compiles to ``UPPER(col::text) LIKE UPPER(%s)``, so the indexes are on
``UPPER(col)``. Other databases skip this migration's SQL.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS complaint_title_trgm ON complaints_complaint USING gin (UPPER(title::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS complaint_description_trgm ON complaints_complaint "
    "USING gin (UPPER(description::text) gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS complaint_title_trgm", "DROP INDEX IF EXISTS complaint_description_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_untrack_reporter_identity")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
