"""Demo data: import the shipped templates and publish each once (idempotent)."""

from __future__ import annotations

from audit.actors import Door, acting_as

from .models import FormDefinition
from .services import EXPORT_FORMAT, EXPORT_FORMAT_VERSION, form_import_json
from .templates import all_templates


def load_templates(*, publish: bool = True) -> list[FormDefinition]:
    """Import every template that is not there yet; returns the forms it created."""
    created = []
    existing = set(FormDefinition.objects.values_list("key", flat=True))
    for schema in all_templates():
        if schema["key"] in existing:
            continue
        document = {"format": EXPORT_FORMAT, "format_version": EXPORT_FORMAT_VERSION, "form": schema}
        created.append(form_import_json(data=document, actor=None, publish=publish))
    return created


def load(*, stdout=None, style=None) -> None:
    with acting_as("command:load_demo", door=Door.COMMAND):
        created = load_templates()
    if stdout is not None:
        message = f"Formulir templat: {len(created)} dibuat, {FormDefinition.objects.count()} total."
        stdout.write(style.SUCCESS(message) if style else message)
