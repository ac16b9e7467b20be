"""The designer's "Pratinjau & coba": the draft as sample-answer inputs for the evaluate endpoint.

Door code for ``FormDefinition.get_preview_context``: it only lays the schema out as inputs
(named ``f-<path>``, table cells ``f-<table>.<row>.<column>``, as on the fill page). What the
answers give (computed values, scores, bands, errors) comes from the evaluate endpoint
(``views.evaluate_view``) run on the unsaved draft, so the preview shows what saving would do.
"""

from __future__ import annotations

from .describe import field_hints
from .fields import FIELD_TYPES

#: Rows offered for sample answers in a table without fixed rows.
SAMPLE_ROWS = 3
NUMBER_TYPES = {"integer", "decimal", "rupiah", "percentage", "year"}


def _item(spec: dict, path: str, hints: dict[str, str], hint_key: str) -> dict:
    ftype = spec["type"]
    return {
        "spec": spec,
        "path": path,
        "name": f"f-{path}",
        "type": ftype,
        "label": spec.get("label") or spec["key"],
        "hint": hints.get(hint_key),
        "takes_input": ftype in FIELD_TYPES and FIELD_TYPES[ftype].takes_input and ftype not in ("file", "opd_choice"),
        "is_number": ftype in NUMBER_TYPES,
        "choices": [
            {"value": str(c.get("value")), "label": c.get("label") or c.get("value"), "score": c.get("score")}
            for c in spec.get("choices") or []
        ],
    }


def try_items(schema: dict) -> list[dict]:
    """Sections → fields → table rows of cells, for the sample-answer form."""
    hints = field_hints(schema)

    def one(spec: dict) -> dict:
        item = _item(spec, spec["key"], hints, spec["key"])
        if spec["type"] == "table":
            fixed = spec.get("rows") or []
            count = len(fixed) or min(spec.get("max_rows") or SAMPLE_ROWS, SAMPLE_ROWS)
            columns = spec.get("columns") or []
            item["columns"] = [_item(c, c["key"], hints, f"{spec['key']}.{c['key']}") for c in columns]
            item["rows"] = [
                {
                    "label": fixed[i].get("label") if i < len(fixed) else i + 1,
                    "cells": [
                        _item(c, f"{spec['key']}.{i}.{c['key']}", hints, f"{spec['key']}.{c['key']}")
                        for c in spec.get("columns") or []
                    ],
                }
                for i in range(count)
            ]
        return item

    items = []
    for spec in schema.get("fields") or []:
        item = one(spec)
        if spec["type"] == "section":
            item["children"] = [one(child) for child in spec.get("fields") or []]
        items.append(item)
    return items
