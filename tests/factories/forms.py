"""Factories for form definitions: built from schema dicts through the import service."""

__all__ = ["FormDefinitionFactory", "make_form", "simple_schema"]

import copy

import factory

from forms_builder.models import FormDefinition


def simple_schema(key: str = "uji_formulir", **overrides) -> dict:
    """A small form with a section, a table, a condition and a formula."""
    schema = {
        "schema_version": 1,
        "key": key,
        "title": "Formulir Uji",
        "description": "",
        "fields": [
            {
                "key": "umum",
                "type": "section",
                "label": "Umum",
                "fields": [
                    {"key": "nama", "type": "short_text", "label": "Nama", "required": True},
                    {"key": "ada_kegiatan", "type": "yes_no", "label": "Ada kegiatan?"},
                    {
                        "key": "uraian",
                        "type": "long_text",
                        "label": "Uraian",
                        "show_if": "ada_kegiatan",
                        "required_if": "ada_kegiatan",
                    },
                ],
            },
            {
                "key": "anggaran",
                "type": "table",
                "label": "Anggaran",
                "min_rows": 1,
                "max_rows": 5,
                "columns": [
                    {"key": "kegiatan", "type": "short_text", "label": "Kegiatan", "required": True},
                    {"key": "pagu", "type": "rupiah", "label": "Pagu", "required": True},
                    {"key": "realisasi", "type": "rupiah", "label": "Realisasi"},
                    {
                        "key": "serapan",
                        "type": "computed",
                        "label": "Serapan",
                        "formula": "realisasi / pagu * 100",
                        "decimals": 2,
                    },
                ],
            },
            {"key": "total_pagu", "type": "computed", "label": "Total pagu", "formula": "sum(anggaran.pagu)"},
        ],
        "rules": [],
        "scoring": {},
    }
    schema.update(copy.deepcopy(overrides))
    return schema


def make_form(schema: dict | None = None, *, actor=None, publish: bool = True) -> FormDefinition:
    from forms_builder.services import EXPORT_FORMAT, EXPORT_FORMAT_VERSION, form_import_json

    document = {"format": EXPORT_FORMAT, "format_version": EXPORT_FORMAT_VERSION, "form": schema or simple_schema()}
    return form_import_json(data=document, actor=actor, publish=publish)


class FormDefinitionFactory(factory.django.DjangoModelFactory):
    """A draft definition with an empty body (use ``make_form`` for a designed, published one)."""

    class Meta:
        model = FormDefinition

    key = factory.Sequence(lambda n: f"formulir_{n}")
    title = factory.Sequence(lambda n: f"Formulir {n}")
    live = False
