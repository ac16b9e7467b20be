"""What a person reads in the audit area: labels, never keys.

Model labels become their verbose names ("pengaduan"), field names their verbose names, actions
Indonesian verbs ("diubah", not "update"), booleans Ya/Tidak, choices their display names, related
objects their names (not "opd 11"), times the Pemda's local time in Indonesian.
"""

from __future__ import annotations

import datetime
import json
from functools import cache

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cms.formatting import format_date, format_datetime

EMPTY = "—"


def action_label(action: str) -> str:
    """``update`` → "diubah", ``wagtail.publish`` → Wagtail's own (translated) label, ``wbs.read`` → "dibaca"."""
    labels = {
        "create": _("dibuat"),
        "update": _("diubah"),
        "delete": _("dihapus"),
    }
    if action in labels:
        return labels[action]
    if action.endswith(".read"):
        return _("dibaca (data sensitif)")
    if action.endswith(".export"):
        return _("diekspor")
    if action == "audit.verify":
        return _("verifikasi rantai diminta")
    if action.startswith("wagtail."):
        from wagtail.log_actions import registry

        if registry.action_exists(action):
            return str(registry.get_action_label(action))
    return action


@cache
def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def model_name(label: str) -> str:
    """``complaints.complaint`` → "Pengaduan" (the key itself when the model is gone)."""
    model = _model(label) if label else None
    return capfirst(str(model._meta.verbose_name)) if model else (label or EMPTY)


def field_label(model, name: str) -> str:
    if name == "revision":
        return _("revisi")
    if model is not None:
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            pass
    return name.replace("_", " ")


def field_labels(label: str, names) -> list[str]:
    model = _model(label) if label else None
    return [field_label(model, name) for name in names or []]


def _datetime(value):
    if isinstance(value, str):
        parsed = parse_datetime(value)
        return parsed
    return value if isinstance(value, datetime.datetime) else None


def stream_text(value) -> str:
    """A StreamField value as plain text with the blocks' labels ("Label: Bab I; Bobot: 2 | …"), not its HTML."""
    from wagtail import blocks

    def text(block, item) -> str:
        if isinstance(block, blocks.StructBlock):
            parts = [
                f"{child.label}: {text(child, item.get(name))}"
                for name, child in block.child_blocks.items()
                if item.get(name) not in (None, "", [])
            ]
            return "; ".join(parts)
        if isinstance(block, blocks.ListBlock):
            return "; ".join(text(block.child_block, v) for v in item)
        if isinstance(block, blocks.StreamBlock):
            return " | ".join(f"{child.block.label}: {text(child.block, child.value)}" for child in item)
        return display_value(None, item)

    return text(value.stream_block, value) or EMPTY


def display_value(model_field, value, related: dict | None = None) -> str:
    """``value`` of ``model_field`` as a person reads it (``related``: {(model, pk): name})."""
    if value is None or value == "":
        return EMPTY
    if hasattr(value, "stream_block"):
        return stream_text(value)
    if isinstance(value, bool) or isinstance(model_field, models.BooleanField):
        return _("Ya") if value in (True, "True", "true", 1) else _("Tidak")
    if model_field is not None and model_field.choices:
        choices = {str(k): v for k, v in model_field.flatchoices}
        if str(value) in choices:
            return str(choices[str(value)])
    if model_field is not None and model_field.is_relation and model_field.related_model is not None:
        if isinstance(value, list | tuple):
            return ", ".join(display_value(model_field, v, related) for v in value) or EMPTY
        name = (related or {}).get((model_field.related_model, str(value)))
        return name or f"{model_field.related_model._meta.verbose_name} #{value}"
    if isinstance(model_field, models.DateTimeField) or isinstance(value, datetime.datetime):
        moment = _datetime(value)
        if moment is not None:
            return format_datetime(moment)
    if isinstance(model_field, models.DateField) or isinstance(value, datetime.date):
        day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)[:10])
        return format_date(day)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value) or EMPTY
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def related_names(pairs: set[tuple]) -> dict[tuple, str]:
    """{(model, "pk"): str(obj)} for the related objects named in a diff, one query per model."""
    by_model: dict = {}
    for model, pk in pairs:
        by_model.setdefault(model, set()).add(pk)
    names = {}
    for model, pks in by_model.items():
        valid = [pk for pk in pks if str(pk).isdigit()] if isinstance(model._meta.pk, models.AutoField) else list(pks)
        for obj in model._default_manager.filter(pk__in=valid):
            names[(model, str(obj.pk))] = str(obj)
    return names
