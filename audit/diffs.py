"""Field-level diffs for the auditor: old → new, long text by line, JSON answers per key."""

import difflib
import json
import re
from dataclasses import dataclass, field

from .labels import display_value, field_label, related_names

LONG_TEXT = 80

#: Labels of the keys of a JSON field (form answers), registered by the app that knows them:
#: ``(model label, field name) -> fn(history_row) -> {key: label}``. Audit imports no domain app;
#: ``reporting`` registers its submissions' answers (labels, never keys, in a diff).
JSON_KEY_LABELS: dict[tuple[str, str], object] = {}


def register_json_key_labels(model_label: str, field_name: str, fn) -> None:
    """Say how to label the keys of ``model_label``'s JSON field ``field_name`` in diffs."""
    JSON_KEY_LABELS[(model_label, field_name)] = fn


@dataclass
class FieldDiff:
    name: str
    label: str
    old: object = None
    new: object = None
    kind: str = "value"  # value | text | json
    lines: list[tuple[str, str]] = field(default_factory=list)  # (tag, line): tag in " +-?"
    items: list[dict] = field(default_factory=list)  # json: {"key", "old", "new", "change"}
    segments: list[tuple[str, str]] = field(default_factory=list)  # text: inline (tag, words), tag in " +-"
    model_field: object = None  # the model field, for display values (not serialised)
    old_display: str = ""
    new_display: str = ""

    def as_dict(self) -> dict:
        return {
            "field": self.name,
            "label": self.label,
            "kind": self.kind,
            "old": _plain(self.old),
            "new": _plain(self.new),
            "lines": [f"{tag}{line}" for tag, line in self.lines],
            "items": [{**i, "old": _plain(i["old"]), "new": _plain(i["new"])} for i in self.items],
        }


def _plain(value):
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return (
        json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)
        if isinstance(value, dict | list)
        else str(value)
    )


def _as_json(value):
    if isinstance(value, dict | list):
        return value
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return None
    return None


def text_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Line diff (difflib.ndiff without the '?' hint lines); unchanged lines kept for context."""
    old_lines = (old or "").splitlines()
    new_lines = (new or "").splitlines()
    if len(old_lines) <= 1 and len(new_lines) <= 1:
        # One long line: diff by words so the change is visible.
        old_lines, new_lines = (old or "").split(), (new or "").split()
    return [(line[0], line[2:]) for line in difflib.ndiff(old_lines, new_lines) if not line.startswith("?")]


TOKENS = re.compile(r"\s+|[^\s]+")


def inline_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level changes inside the running text: [(" ", "same words "), ("-", "old"), ("+", "new"), …]."""
    a, b = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    segments: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append((" ", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(("-", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(("+", "".join(b[j1:j2])))
    merged: list[tuple[str, str]] = []
    for tag, text in segments:
        if merged and merged[-1][0] == tag:
            merged[-1] = (tag, merged[-1][1] + text)
        elif text:
            merged.append((tag, text))
    return merged


def json_diff(old, new) -> list[dict]:
    """Per-key diff of two JSON objects (form answers): added, removed, changed keys."""
    old = old if isinstance(old, dict) else ({} if old is None else {"": old})
    new = new if isinstance(new, dict) else ({} if new is None else {"": new})
    items = []
    for key in sorted(set(old) | set(new), key=str):
        before, after = old.get(key), new.get(key)
        if key not in old:
            items.append({"key": key, "old": None, "new": after, "change": "added"})
        elif key not in new:
            items.append({"key": key, "old": before, "new": None, "change": "removed"})
        elif before != after:
            items.append({"key": key, "old": before, "new": after, "change": "changed"})
    return items


def value_diff(name: str, label: str, old, new) -> FieldDiff | None:
    if old == new:
        return None
    old_json, new_json = _as_json(old), _as_json(new)
    if (
        (old_json is not None or old in (None, ""))
        and (new_json is not None or new in (None, ""))
        and (isinstance(old_json, dict) or isinstance(new_json, dict))
    ):
        return FieldDiff(name, label, old, new, kind="json", items=json_diff(old_json, new_json))
    texts = isinstance(old, str | type(None)) and isinstance(new, str | type(None))
    if texts and (max(len(old or ""), len(new or "")) > LONG_TEXT or "\n" in (old or "") + (new or "")):
        return FieldDiff(
            name,
            label,
            old,
            new,
            kind="text",
            lines=text_diff(old or "", new or ""),
            segments=inline_diff(old or "", new or ""),
        )
    return FieldDiff(name, label, old, new)


def history_diffs(*, new, old) -> list[FieldDiff]:
    """Diffs between two history rows of one record (``old`` None: the creation)."""
    diffs = []
    for f in new.tracked_fields:
        if getattr(new.instance_type._meta.get_field(f.name), "auto_now", False):
            continue  # "diubah" timestamps change on every save; the row's own time says it
        old_value = getattr(old, f.attname) if old is not None else None
        new_value = getattr(new, f.attname)
        if new.history_type == "-":
            continue
        tracked = new.instance_type._meta.get_field(f.name)
        d = value_diff(f.name, field_label(new.instance_type, f.name), old_value, new_value)
        if d is not None and not (old is None and new_value in (None, "", [], {})):
            d.model_field = tracked
            labeller = JSON_KEY_LABELS.get((new.instance_type._meta.label, f.name))
            if d.kind == "json" and labeller is not None:
                labels = labeller(new) or {}
                for item in d.items:
                    item["label"] = labels.get(item["key"], "")
            diffs.append(d)
    for f in getattr(new, "_history_m2m_fields", []) or []:
        target = [
            x.attname
            for x in getattr(new, f.name).model._meta.fields
            if x.name not in ("m2m_history_id", "history") and x.related_model is f.related_model
        ]
        if not target:
            continue
        new_ids = sorted(getattr(new, f.name).values_list(target[-1], flat=True))
        old_ids = sorted(getattr(old, f.name).values_list(target[-1], flat=True)) if old is not None else []
        if new_ids != old_ids:
            diffs.append(FieldDiff(f.name, str(f.verbose_name), old_ids, new_ids, kind="value", model_field=f))
    return diffs


_REVISION_NOISE = {
    "pk",
    "id",
    "path",
    "depth",
    "numchild",
    "url_path",
    "draft_title",
    "live_revision",
    "latest_revision",
    "latest_revision_created_at",
    "last_published_at",
    "has_unpublished_changes",
    "live",
    "locked",
    "locked_at",
    "locked_by",
    "first_published_at",
    "content_type",
    "translation_key",
    "wagtail_admin_comments",
}


def revision_diffs(*, new: dict, old: dict, model=None) -> list[FieldDiff]:
    """Diffs of two Wagtail revision contents, one field per top-level key (labelled by ``model``'s fields)."""
    diffs = []
    for key in sorted(set(new) | set(old)):
        if key in _REVISION_NOISE:
            continue
        d = value_diff(key, field_label(model, key), old.get(key), new.get(key))
        if d is not None:
            d.model_field = _model_field(model, key)
            diffs.append(d)
    return diffs


def _model_field(model, name):
    try:
        return model._meta.get_field(name) if model is not None else None
    except Exception:  # FieldDoesNotExist: a key of the revision that is no field
        return None


def describe(diffs: list[FieldDiff]) -> None:
    """Fill ``old_display``/``new_display`` (labels of choices, related objects' names, Ya/Tidak, local times).

    One query per related model for all ``diffs`` together.
    """
    pairs = set()
    for d in diffs:
        f = d.model_field
        if d.kind == "value" and f is not None and getattr(f, "is_relation", False) and f.related_model is not None:
            for value in (d.old, d.new):
                for pk in value if isinstance(value, list | tuple) else [value]:
                    if pk not in (None, ""):
                        pairs.add((f.related_model, str(pk)))
    related = related_names(pairs) if pairs else {}
    for d in diffs:
        d.old_display = display_value(d.model_field, d.old, related)
        d.new_display = display_value(d.model_field, d.new, related)
