"""Answer handling for submissions: partial cleaning, paths, diffs, carry-forward, file slots.

Answers are stored as ``validate_answers(...).cleaned`` (JSON-ready). Paths are the
validation's error paths: ``key`` for a field, ``table.<row>.<column>`` for a cell, so
returned-field comments, round diffs and stale-revision reports all speak one language.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from forms_builder.fields import CleanContext
from forms_builder.schema import field_map, iter_fields
from forms_builder.validation import _Run

NOT_ANSWERS = ("section", "heading")


def clean_partial(*, schema: dict, answers: dict, ctx: CleanContext | None = None) -> tuple[dict, dict]:
    """(cleaned, type errors) for a draft: every value cleaned by its type and formulas
    computed, but no ``required``/row-count/cross-field checks (those wait for submit)."""
    run = _Run(schema, answers, ctx or CleanContext())
    run.clean_inputs()
    run.compute()
    run.apply_visibility()
    run.compute()
    cleaned = {k: v for k, v in run.values.items() if not run._is_hidden(k)}
    return cleaned, run.errors


def answer_keys(schema: dict) -> dict[str, dict]:
    """Top-level answer key -> spec (fields inside sections are top-level answers too)."""
    return {
        ref.spec["key"]: ref.spec
        for ref in iter_fields(schema)
        if not ref.table and ref.spec.get("type") not in NOT_ANSWERS
    }


def spec_for_path(schema: dict, path: str) -> dict | None:
    """The spec of ``key``, ``table``, ``table.<row>`` (the table) or ``table.<row>.<column>``."""
    parts = path.split(".")
    paths = field_map(schema)
    if len(parts) == 1:
        ref = paths.get(parts[0])
        return ref.spec if ref and not ref.table else None
    table = paths.get(parts[0])
    if table is None or table.spec.get("type") != "table" or not parts[1].isdigit() or len(parts) > 3:
        return None
    if len(parts) == 2:
        return table.spec
    ref = paths.get(f"{parts[0]}.{parts[2]}")
    return ref.spec if ref else None


def flatten(answers: dict) -> dict[str, Any]:
    """``{path: value}`` with one entry per table cell (``table.<row>.<column>``)."""
    flat: dict[str, Any] = {}
    for key, value in (answers or {}).items():
        if isinstance(value, list) and all(isinstance(r, dict) for r in value):
            if not value:
                flat[key] = []
            for i, row in enumerate(value):
                for col, cell in row.items():
                    flat[f"{key}.{i}.{col}"] = cell
        else:
            flat[key] = value
    return flat


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def diff_answers(before: dict, after: dict) -> dict[str, list]:
    """``{path: [before, after]}`` for every path whose value differs (empty values equal)."""
    old, new = flatten(before), flatten(after)
    diff = {}
    for path in sorted(set(old) | set(new)):
        a, b = old.get(path), new.get(path)
        if a != b and not (_empty(a) and _empty(b)):
            diff[path] = [a, b]
    return diff


def is_computed(schema: dict, path: str) -> bool:
    spec = spec_for_path(schema, path)
    return bool(spec and spec.get("type") == "computed")


def path_within(path: str, allowed: dict | list) -> bool:
    """True when ``path`` is one of ``allowed`` or inside one (a returned table opens its cells)."""
    return any(path == a or path.startswith(f"{a}.") for a in allowed)


def file_slots(schema: dict, answers: dict) -> list[tuple[str, Any]]:
    """(path, value) of every file answer in ``answers`` (top-level fields and table cells)."""
    slots = []
    for key, spec in answer_keys(schema).items():
        if spec["type"] == "file":
            slots.append((key, answers.get(key)))
        elif spec["type"] == "table":
            columns = [c["key"] for c in spec.get("columns") or [] if c.get("type") == "file"]
            rows = answers.get(key)
            if columns and isinstance(rows, list):
                for i, row in enumerate(rows):
                    if isinstance(row, dict):
                        slots.extend((f"{key}.{i}.{c}", row.get(c)) for c in columns)
    return slots


def get_path(answers: dict, path: str) -> Any:
    parts = path.split(".")
    if len(parts) == 1:
        return answers.get(path)
    rows = answers.get(parts[0])
    i = int(parts[1])
    if not isinstance(rows, list) or i >= len(rows) or not isinstance(rows[i], dict):
        return None
    return rows[i] if len(parts) == 2 else rows[i].get(parts[2])


def set_path(answers: dict, path: str, value: Any) -> None:
    """Set ``key`` or ``table.<row>.<column>`` (rows are added up to ``<row>``)."""
    parts = path.split(".")
    if len(parts) == 1:
        answers[path] = value
        return
    rows = answers.get(parts[0])
    rows = list(rows) if isinstance(rows, list) else []
    i = int(parts[1])
    while len(rows) <= i:
        rows.append({})
    rows[i] = {**(rows[i] if isinstance(rows[i], dict) else {}), parts[2]: value}
    answers[parts[0]] = rows


def resolve_files(schema: dict, answers: dict, attachments: dict[str, Any]) -> dict[str, list[str]]:
    """Replace every file answer by its attachment's stored metadata, in place.

    A file answer must name an attachment of this submission (``{"attachment": uuid}``);
    anything else is an error at its path. Returns the errors.
    """
    errors: dict[str, list[str]] = {}
    for path, value in file_slots(schema, answers):
        if _empty(value):
            continue
        ref = str(value.get("attachment", "")) if isinstance(value, dict) else ""
        att = attachments.get(ref)
        if att is None:
            errors[path] = [str(_("Unggah berkas melalui lampiran laporan ini terlebih dahulu."))]
            continue
        set_path(answers, path, attachment_meta(att))
    return errors


def attachment_meta(att) -> dict:
    return {"name": att.name, "size": att.size, "mime": att.mime, "attachment": str(att.uuid)}


def restore_files(schema: dict, cleaned: dict, source: dict) -> None:
    """Cleaning a file answer keeps ``{name, size, mime}`` only; put the attachment id back."""
    for path, value in file_slots(schema, cleaned):
        if not _empty(value):
            set_path(cleaned, path, get_path(source, path))


def carried_answers(schema: dict, previous: dict) -> dict:
    """The part of ``previous`` answers that ``schema`` carries forward.

    A ``carry_forward`` field copies its value; a ``carry_forward`` table its rows; in other
    tables, ``carry_forward`` columns copy their cells. Files and formulas never carry
    (an attachment belongs to its own report; formulas are computed again).
    """
    carried: dict[str, Any] = {}
    for key, spec in answer_keys(schema).items():
        kind, value = spec["type"], previous.get(key)
        if kind in ("file", "computed") or _empty(value):
            continue
        if kind == "table":
            if not isinstance(value, list):
                continue
            columns = [
                c["key"]
                for c in spec.get("columns") or []
                if c.get("type") not in ("file", "computed", "heading")
                and (spec.get("carry_forward") or c.get("carry_forward"))
            ]
            if columns:
                rows = [{c: row.get(c) for c in columns} for row in value if isinstance(row, dict)]
                if any(not _empty(v) for row in rows for v in row.values()):
                    carried[key] = rows
        elif spec.get("carry_forward"):
            carried[key] = value
    return carried
