"""PostgreSQL only: the searched text as stored ``tsvector`` columns with GIN indexes.

0011 indexed the ``to_tsvector`` expression itself. A GIN match on it must be rechecked against the
row, and the recheck computes ``to_tsvector`` again for every candidate row: counting the first
10,001 complaints holding "jalan" took 0.3–1 s at a million rows. Stored generated columns
(``search_staff`` over title + description, ``search_public`` over the redacted public text; Indonesian
stems plus the words as written, the same expression as before) make the recheck a read: 23 ms.

They are not model fields (SQLite has no ``tsvector``); ``complaints.search.TextMatch`` names them.
Adding them rewrites the table (about a minute per million complaints, under an exclusive lock): run
this upgrade in a maintenance window on a large installation. **A later migration that changes the
type of title, description, public_title or public_description must drop the column that uses it
first and add it again after** (PostgreSQL refuses to alter a column a generated column reads).
Other databases skip this migration's SQL.
"""

from django.db import migrations

DOCUMENT = "COALESCE({a}, '') || ' ' || COALESCE({b}, '')"
VECTOR = "to_tsvector('indonesian'::regconfig, {d}) || to_tsvector('simple'::regconfig, {d})"
COLUMNS = {
    "search_staff": ("title", "description", "complaint_staff_fts"),
    "search_public": ("public_title", "public_description", "complaint_public_fts"),
}

FORWARD = []
BACKWARD = []
for column, (a, b, old_index) in COLUMNS.items():
    vector = VECTOR.format(d=DOCUMENT.format(a=a, b=b))
    FORWARD += [
        f"ALTER TABLE complaints_complaint ADD COLUMN IF NOT EXISTS {column} tsvector "
        f"GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX IF NOT EXISTS complaint_{column}_gin ON complaints_complaint USING gin ({column})",
        f"DROP INDEX IF EXISTS {old_index}",
    ]
    BACKWARD += [
        f"CREATE INDEX IF NOT EXISTS {old_index} ON complaints_complaint USING gin (({vector}))",
        f"DROP INDEX IF EXISTS complaint_{column}_gin",
        f"ALTER TABLE complaints_complaint DROP COLUMN IF EXISTS {column}",
    ]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("complaints", "0013_kelurahan_or_desa")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
