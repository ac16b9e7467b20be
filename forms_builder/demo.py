"""Demo data of the form engine: the shipped templates, published once (idempotent, by key).

``sakip_indicator_version`` publishes a second version of LKE SAKIP with a public section
"Capaian Indikator Kinerja (LKjIP)" (a few demo indicators per OPD: target, realisasi, arah):
the public SAKIP results page reads its indicators from a table of the form it shows. The
shipped template stays the KemenPANRB sheet; a Pemda adds such a section in the designer.
The periodic reports that use these forms are ``reporting.demo``.
"""

from __future__ import annotations

from audit.actors import Door, acting_as

from .band_tables import name_matching_tables
from .form_templates import all_templates, bands
from .form_templates._common import indicator_columns
from .models import BandTable, FormDefinition
from .services import EXPORT_FORMAT, EXPORT_FORMAT_VERSION, form_import_json, form_latest_version

SAKIP_INDICATOR_SECTION = "capaian_indikator"

#: The demo's named band tables: name → (reference table in bands.json, description).
BAND_TABLES = {
    "Predikat SPBE": ("spbe_predikat", "Predikat indeks SPBE (Perpres 95/2018; evaluasi PermenPANRB 59/2020)."),
}


def band_tables_load() -> list[BandTable]:
    """Create the demo's named band tables from the reference data (idempotent, by name)."""
    created = []
    for name, (reference, description) in BAND_TABLES.items():
        if BandTable.objects.filter(name=name).exists():
            continue
        rows = [{"type": "band", "value": row} for row in bands(reference)]
        created.append(BandTable.objects.create(name=name, description=description, rows=rows))
    return created


def load_templates(*, publish: bool = True) -> list[FormDefinition]:
    """Import every template that is not there yet; returns the forms it created."""
    created = []
    existing = set(FormDefinition.objects.values_list("key", flat=True))
    for schema in all_templates():
        if schema["key"] in existing:
            continue
        schema = name_matching_tables(schema)  # bands equal to a named table's rows choose that table
        document = {"format": EXPORT_FORMAT, "format_version": EXPORT_FORMAT_VERSION, "form": schema}
        created.append(form_import_json(data=document, actor=None, publish=publish))
    return created


def _sakip_indicator_section() -> dict:
    """The demo's addition to LKE SAKIP: a public table of LKjIP indicators (target, realisasi, arah)."""
    return {
        "key": SAKIP_INDICATOR_SECTION,
        "type": "section",
        "label": "Capaian Indikator Kinerja (LKjIP)",
        "help_text": "Data demo: indikator kinerja OPD dari LKjIP, untuk halaman hasil SAKIP.",
        "fields": [
            {
                "key": "indikator_kinerja",
                "type": "table",
                "label": "Indikator kinerja",
                "public": True,
                "max_rows": 20,
                "columns": [
                    {"key": "indikator", "type": "short_text", "label": "Indikator", "required": True},
                    *indicator_columns(),
                ],
            }
        ],
    }


def sakip_indicator_version(*, form: FormDefinition) -> bool:
    """Publish a version of the demo's LKE SAKIP with the indicator section, once; True if it did."""
    latest = form_latest_version(form=form)
    schema = dict(latest.schema)
    if any(f.get("key") == SAKIP_INDICATOR_SECTION for f in schema.get("fields") or []):
        return False
    schema["fields"] = [*schema["fields"], _sakip_indicator_section()]
    document = {"format": EXPORT_FORMAT, "format_version": EXPORT_FORMAT_VERSION, "form": schema}
    form_import_json(data=document, actor=None, update_existing=True, publish=True)
    return True


def load(*, stdout=None, style=None) -> None:
    with acting_as("command:load_demo", door=Door.COMMAND):
        band_tables_load()
        created = load_templates()
    if stdout is not None:
        message = f"Formulir templat: {len(created)} dibuat, {FormDefinition.objects.count()} total."
        stdout.write(style.SUCCESS(message) if style else message)
