"""PostgreSQL only: Indonesian full-text search indexes for ``complaints.search.text_search``.

Two expression GIN indexes (Indonesian stems plus the words as written), one on the staff text (title + description) and one on the public,
redacted text, each exactly the ``to_tsvector`` expression the search uses, so the planner serves a
search from the index. The trigram indexes of 0004 served the former ``icontains`` search and go.
Other databases skip this migration's SQL.
"""

from django.db import migrations

DOCUMENT = "COALESCE({a}, '') || ' ' || COALESCE({b}, '')"
VECTOR = "to_tsvector('indonesian'::regconfig, {d}) || to_tsvector('simple'::regconfig, {d})"
FORWARD = [
    "CREATE INDEX IF NOT EXISTS complaint_staff_fts ON complaints_complaint USING gin "
    f"(({VECTOR.format(d=DOCUMENT.format(a='title', b='description'))}))",
    "CREATE INDEX IF NOT EXISTS complaint_public_fts ON complaints_complaint USING gin "
    f"(({VECTOR.format(d=DOCUMENT.format(a='public_title', b='public_description'))}))",
    "DROP INDEX IF EXISTS complaint_title_trgm",
    "DROP INDEX IF EXISTS complaint_description_trgm",
]
BACKWARD = [
    "DROP INDEX IF EXISTS complaint_staff_fts",
    "DROP INDEX IF EXISTS complaint_public_fts",
    "CREATE INDEX IF NOT EXISTS complaint_title_trgm ON complaints_complaint USING gin (UPPER(title::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS complaint_description_trgm ON complaints_complaint "
    "USING gin (UPPER(description::text) gin_trgm_ops)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("complaints", "0010_merge_routing_identity")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
