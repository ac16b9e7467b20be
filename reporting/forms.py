"""The HTML form of a report: a form version's schema to inputs, and posted inputs back to answers.

This is door code for the admin fill page (``views.reports``): it knows input names and how
answers look as text, nothing about rules. Values go to ``workflow.submission_save_draft``
as text; the field types clean them there (``fields.parse_number`` reads "1.500.000" and
"12,5"), so the rules stay in one place.

Input names: ``f-<path>`` (``f-nama``, ``f-anggaran.0.pagu``); multiple choices repeat the
name; tables post ``rows-<table>`` (how many rows were shown) and ``f-<table>.<i>.__delete``;
files are ``file-<path>``; review comments ``comment-<path>``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from forms_builder.fields import FIELD_TYPES
from forms_builder.scoring import band_label
from forms_builder.services import format_number

NUMBER_TYPES = {"integer", "decimal", "rupiah", "percentage", "year"}
INPUT_KINDS = {"email": "email", "url": "url", "phone": "tel", "date": "date"}
DELETE = "__delete"
ROW_PLACEHOLDER = "__i__"  # the row index in a template row's input names


def value_to_text(value: Any, ftype: str) -> Any:
    """A stored (cleaned, JSON) value as the text an input shows; lists stay lists."""
    if value is None:
        return ""
    if ftype == "yes_no":
        return "ya" if value else "tidak"
    if ftype == "rupiah" and isinstance(value, int) and not isinstance(value, bool):
        # grouped as the operator types it ("1.500.000"), not the stored 1500000
        return format_number(value)
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float):
        # decimal comma: "1.125" would read as one thousand one hundred and twenty-five
        return repr(value).replace(".", ",")
    if isinstance(value, dict):
        return value.get("name", "")
    return str(value)


def _free_rows(spec: dict) -> bool:
    return not spec.get("rows")


def answers_to_texts(schema: dict, answers: dict) -> dict[str, Any]:
    """Stored answers as ``{path: text}`` (cells as ``table.i.column``; tables as row counts)."""
    texts: dict[str, Any] = {}
    for spec in _input_specs(schema):
        key = spec["key"]
        if spec["type"] == "table":
            rows = answers.get(key) or []
            if isinstance(rows, dict):
                rows = [rows.get(r["key"]) or {} for r in spec.get("rows") or []]
            texts[f"rows-{key}"] = len(rows)
            for i, row in enumerate(rows):
                for col in spec.get("columns") or []:
                    texts[f"{key}.{i}.{col['key']}"] = value_to_text((row or {}).get(col["key"]), col["type"])
        else:
            texts[key] = value_to_text(answers.get(key), spec["type"])
    return texts


def post_to_texts(schema: dict, post, *, base: dict[str, Any], editable: Editable) -> dict[str, Any]:
    """What the user typed as ``{path: text}`` (shown again after an error); locked paths from ``base``."""
    texts: dict[str, Any] = dict(base)
    for spec in _input_specs(schema):
        key = spec["key"]
        if spec["type"] == "table":
            if not editable(key):  # locked, or only some cells reopened: rows stay where they are
                for i in range(_int(base.get(f"rows-{key}"), 0)):
                    for col in spec.get("columns") or []:
                        path = f"{key}.{i}.{col['key']}"
                        if editable(path):
                            texts[path] = _posted(post, path, col["type"])
                continue
            for path in [p for p in texts if p.startswith(f"{key}.")]:
                del texts[path]
            count, kept = _int(post.get(f"rows-{key}"), 0), 0
            for i in range(min(count, 500)):
                if post.get(f"f-{key}.{i}.{DELETE}"):
                    continue
                cells = {c["key"]: _posted(post, f"{key}.{i}.{c['key']}", c["type"]) for c in spec.get("columns") or []}
                if _free_rows(spec) and not any(v not in ("", [], None) for v in cells.values()):
                    continue  # the blank row offered for a new entry
                for ckey, text in cells.items():
                    texts[f"{key}.{kept}.{ckey}"] = text
                kept += 1
            texts[f"rows-{key}"] = max(kept, len(spec.get("rows") or []))
        elif editable(key):
            texts[key] = _posted(post, key, spec["type"])
    return texts


def texts_to_answers(schema: dict, texts: dict[str, Any], *, stored: dict, editable: Callable[[str], bool]) -> dict:
    """The answers to send: editable fields from ``texts``; tables whole, locked cells kept as stored."""
    answers: dict[str, Any] = {}
    for spec in _input_specs(schema):
        key = spec["key"]
        if spec["type"] == "table":
            if not editable.touches(key):
                continue
            old_rows = stored.get(key) or []
            rows = []
            for i in range(_int(texts.get(f"rows-{key}"), 0)):
                old = old_rows[i] if i < len(old_rows) and isinstance(old_rows[i], dict) else {}
                row = {}
                for col in spec.get("columns") or []:
                    path = f"{key}.{i}.{col['key']}"
                    if col["type"] == "file" or not FIELD_TYPES[col["type"]].takes_input:
                        if col["type"] == "file" and old.get(col["key"]) is not None:
                            row[col["key"]] = old[col["key"]]
                        continue
                    row[col["key"]] = _text_value(texts.get(path)) if editable(path) else old.get(col["key"])
                rows.append(row)
            answers[key] = rows
        elif spec["type"] != "file" and editable(key):
            answers[key] = _text_value(texts.get(key))
    return answers


def _text_value(text: Any) -> Any:
    if text in ("", None):
        return None
    return text


def _posted(post, path: str, ftype: str) -> Any:
    if ftype == "multiple_choice":
        return [v for v in post.getlist(f"f-{path}") if v]
    return (post.get(f"f-{path}") or "").strip()


def _int(value: Any, default: int) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return default


def _input_specs(schema: dict):
    """Top-level input fields and tables (sections opened), in form order."""
    for spec in schema.get("fields") or []:
        children = spec.get("fields") or [] if spec.get("type") == "section" else [spec]
        for child in children:
            if child.get("type") == "table" or FIELD_TYPES[child["type"]].takes_input:
                yield child


class Editable:
    """Which paths the user may change: all, none, or (while returned) the returned paths and below;
    never the ``locked`` ones (the platform's own figures, ``forms_builder.prefill``)."""

    def __init__(self, *, allowed: bool, returned: dict | None = None, locked: frozenset[str] = frozenset()):
        self.allowed = allowed
        self.prefixes = list(returned or {}) if allowed else []
        self.restricted = bool(returned)
        self.locked = locked

    def touches(self, table: str) -> bool:
        """Whether anything in ``table`` may change (so the table is sent)."""
        return self(table) or (self.allowed and any(p.startswith(f"{table}.") for p in self.prefixes))

    def __call__(self, path: str) -> bool:
        if not self.allowed or path in self.locked:
            return False
        if not self.restricted:
            return True
        return any(path == p or path.startswith(f"{p}.") for p in self.prefixes)


def build_items(
    schema: dict,
    *,
    texts: dict[str, Any],
    errors: dict[str, list[str]],
    comments: dict[str, str],
    computed: dict[str, Any],
    editable: Editable,
    attachments: dict[str, list],
    latest: dict[str, Any] | None = None,
    opd_choices: list[tuple[int, str]] = (),
    extra_rows: dict[str, int] | None = None,
    carried: set[str] = frozenset(),
    hints: dict[str, str] | None = None,
) -> list[dict]:
    """The schema as a tree of plain dicts for the templates (sections → fields → table cells).

    ``hints`` (``forms_builder.describe.field_hints``): when a field is shown or required, by
    path (columns as ``table.column``). A table that grows gets a ``template_row``, cells named
    with ``__i__`` for the row index, which the page's script copies to add a row without reloading.
    """
    latest = latest or {}
    hints = hints or {}

    def field(spec: dict, path: str) -> dict:
        ftype = spec["type"]
        item = {
            "spec": spec,
            "path": path,
            "name": f"f-{path}",
            "type": ftype,
            "label": spec.get("label") or spec.get("key"),
            "errors": errors.get(path, []),
            "comment": comments.get(path),
            "reopened": path in comments,
            "editable": editable(path),
            "value": texts.get(path, [] if ftype == "multiple_choice" else ""),
            "is_number": ftype in NUMBER_TYPES,
            "input_kind": INPUT_KINDS.get(ftype, "text"),
            "latest": latest.get(path),
            "attachments": attachments.get(path, []),
            "carried": path in carried,
            "conditional": bool(spec.get("show_if") or spec.get("required_if")),
        }
        if ftype == "computed":
            value = computed.get(path)
            if value is not None:  # as the live page shows it: "2.500 — Baik"
                band = band_label(value, spec.get("bands"))
                item["value"] = format_number(value) + (f" — {band}" if band else "")
        if ftype in ("single_choice", "multiple_choice"):
            chosen = item["value"] if isinstance(item["value"], list) else [item["value"]]
            item["choices"] = [
                {"value": str(c["value"]), "label": c.get("label") or c["value"], "selected": str(c["value"]) in chosen}
                for c in spec.get("choices") or []
            ]
        if ftype == "opd_choice":
            item["choices"] = [
                {"value": str(pk), "label": name, "selected": str(pk) == item["value"]} for pk, name in opd_choices
            ]
        return item

    def table(spec: dict) -> dict:
        key, fixed = spec["key"], spec.get("rows") or []
        count = _int(texts.get(f"rows-{key}"), 0)
        limit = len(fixed) if fixed else min(spec.get("max_rows") or 500, 500)
        can_add = not fixed and editable(key)
        extra = min((extra_rows or {}).get(key, 1), limit - count)
        shown = len(fixed) if fixed else count + (extra if can_add and count < limit else 0)
        rows = []
        for i in range(shown):
            rows.append(
                {
                    "index": i,
                    "label": fixed[i].get("label") if i < len(fixed) else None,
                    "errors": errors.get(f"{key}.{i}", []),
                    "cells": [field(col, f"{key}.{i}.{col['key']}") for col in spec.get("columns") or []],
                    "blank": i >= count,
                }
            )
        template_row = None
        if can_add:
            template_row = {
                "index": ROW_PLACEHOLDER,
                "cells": [field(col, f"{key}.{ROW_PLACEHOLDER}.{col['key']}") for col in spec.get("columns") or []],
                "blank": True,
            }
        return {
            **field(spec, key),
            "hint": hints.get(key),
            "columns": [{**col, "hint": hints.get(f"{key}.{col['key']}")} for col in spec.get("columns") or []],
            "rows": rows,
            "row_count": shown,
            "max_rows": limit,
            "fixed": bool(fixed),
            "can_add": can_add and count < limit,
            "template_row": template_row,
        }

    items = []
    for spec in schema.get("fields") or []:
        if spec.get("type") == "section":
            children = [table(c) if c["type"] == "table" else field(c, c["key"]) for c in spec.get("fields") or []]
            items.append({"type": "section", "spec": spec, "label": spec.get("label"), "children": children,
                          "comment": comments.get(spec["key"]), "path": spec["key"],
                          "conditional": bool(spec.get("show_if"))})  # fmt: skip
        elif spec.get("type") == "table":
            items.append(table(spec))
        else:
            items.append(field(spec, spec["key"]))
    for item in items:
        for child in [item, *(item.get("children") or [])]:
            if child.get("type") != "table":
                child["hint"] = hints.get(child["path"])
    return items
