"""Named band tables in schemas: a spec's ``band_table`` names a ``BandTable`` by its name.

A built schema always carries the rows too (``bands``), so scoring reads plain band lists and
a published version keeps the rows it was published with. Two places meet a name without
trustworthy rows: an imported file (``link_band_tables``: link only to a table whose rows are
the file's rows, else keep the file's rows inline) and an unsaved draft sent to the live
evaluate endpoint (``resolve_band_tables``: the table's current rows, as a draft reads them).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

from .models import BandTable


def _holders(schema: dict) -> Iterator[dict]:
    """Every dict of ``schema`` that may carry ``bands``: fields (nested too), the total, its groups."""
    stack = list(_list(schema, "fields"))
    while stack:
        spec = stack.pop()
        if isinstance(spec, dict):
            yield spec
            stack.extend(_list(spec, "fields"))
            stack.extend(_list(spec, "columns"))
    scoring = schema.get("scoring")
    if isinstance(scoring, dict):
        yield scoring
        yield from (g for g in _list(scoring, "groups") if isinstance(g, dict))


def _list(holder: dict, name: str) -> list:
    """``holder[name]`` when it is a list; anything else (an unsaved draft may send any JSON) is
    left to the schema checks that report it."""
    value = holder.get(name)
    return value if isinstance(value, list) else []


def _tables(schema: dict) -> dict[str, BandTable]:
    names = {h["band_table"] for h in _holders(schema) if isinstance(h.get("band_table"), str)}
    return {t.name: t for t in BandTable.objects.filter(name__in=names)} if names else {}


def link_band_tables(schema: dict) -> tuple[dict, dict[str, int]]:
    """(a copy of ``schema`` keeping only the table names it can link, name → table id).

    A name is linked when a table of that name exists and its rows equal the file's ``bands``;
    otherwise the name is dropped and the rows stay inline, so importing never changes a band.
    """
    schema = copy.deepcopy(schema)
    tables = _tables(schema)
    ids: dict[str, int] = {}
    for holder in _holders(schema):
        name = holder.get("band_table")
        if name is None:
            continue
        table = tables.get(name) if isinstance(name, str) else None
        if table is not None and table.as_bands() == holder.get("bands"):
            ids[name] = table.pk
        else:
            del holder["band_table"]
    return schema, ids


def resolve_band_tables(schema: dict) -> dict:
    """A copy of ``schema`` whose named tables carry their current rows (a draft's reading)."""
    tables = _tables(schema)
    if not tables:
        return schema
    schema = copy.deepcopy(schema)
    for holder in _holders(schema):
        table = tables.get(holder.get("band_table")) if isinstance(holder.get("band_table"), str) else None
        if table is not None:
            holder["bands"] = table.as_bands()
    return schema


def name_matching_tables(schema: dict) -> dict:
    """A copy of ``schema`` where inline bands equal to a named table's rows name that table.

    Used when loading the shipped templates (``demo``): "Predikat SPBE" typed once as a table,
    chosen by every SPBE aspect, domain and the index, with the same rows as before.
    """
    tables = [(t.name, t.as_bands()) for t in BandTable.objects.all()]
    if not tables:
        return schema
    schema = copy.deepcopy(schema)
    for holder in _holders(schema):
        if holder.get("bands") and "band_table" not in holder:
            name = next((n for n, rows in tables if rows == holder["bands"]), None)
            if name is not None:
                holder["band_table"] = name
    return schema
