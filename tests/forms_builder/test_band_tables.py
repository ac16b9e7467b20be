"""Named band tables ("Predikat SPBE"): chosen by fields, sections and the total, frozen on publish."""

import copy
import json

import pytest
from django.urls import reverse

from forms_builder.band_tables import resolve_band_tables
from forms_builder.blocks import fields_to_stream
from forms_builder.demo import band_tables_load, load_templates
from forms_builder.form_templates import bands
from forms_builder.models import BandTable, FormDefinition
from forms_builder.services import form_evaluate_live, form_publish
from organizations.roles import GlobalRole
from tests.factories import UserFactory, make_form, simple_schema

pytestmark = pytest.mark.django_db

KATEGORI = [
    {"label": "Tinggi", "min": 50, "min_inclusive": True, "max_inclusive": True},
    {"label": "Rendah", "max": 50, "min_inclusive": True, "max_inclusive": False},
]


def _table(name="Kategori Uji", rows=KATEGORI):
    return BandTable.objects.create(name=name, rows=[{"type": "band", "value": dict(r)} for r in rows])


def _schema_with_table(table):
    fields = [
        {"key": "nilai", "type": "integer", "label": "Nilai"},
        {"key": "indeks", "type": "computed", "label": "Indeks", "formula": "nilai", "band_table": table.name},
    ]
    return simple_schema(
        "berpita",
        fields=fields,
        scoring={
            "label": "Nilai akhir",
            "method": "expression",
            "expression": "nilai",
            "band_table": table.name,
            "bands": [],
        },
    )


def _form_with_table(table, editor):
    """A form whose computed field and total choose ``table`` (as the designer stores it: the table's id)."""
    form = make_form(
        simple_schema("berpita", fields=[{"key": "nilai", "type": "integer", "label": "Nilai"}]),
        actor=editor,
        publish=False,
    )
    form.body = fields_to_stream(_schema_with_table(table)["fields"], {table.name: table.pk})
    form.scoring = [
        {
            "type": "scoring",
            "value": {"label": "Nilai akhir", "method": "expression", "expression": "nilai", "band_table": table.pk},
        }
    ]
    return form


@pytest.fixture
def editor():
    return UserFactory(roles=[GlobalRole.KOMINFO_EDITOR])


def test_a_chosen_table_resolves_to_its_rows(editor):
    table = _table()
    schema = _form_with_table(table, editor).build_schema()
    indeks = schema["fields"][1]
    assert indeks["band_table"] == "Kategori Uji"
    assert indeks["bands"] == KATEGORI
    assert schema["scoring"]["bands"] == KATEGORI
    result = form_evaluate_live(schema=schema, answers={"nilai": "50"})
    assert result["computed"]["indeks"]["band"] == "Tinggi"
    assert result["scores"]["total"]["band"] == "Tinggi"
    assert form_evaluate_live(schema=schema, answers={"nilai": "49"})["computed"]["indeks"]["band"] == "Rendah"


def test_inline_bands_keep_working_without_a_table(editor):
    schema = simple_schema(
        "inline",
        fields=[
            {"key": "nilai", "type": "integer", "label": "Nilai"},
            {"key": "indeks", "type": "computed", "label": "Indeks", "formula": "nilai", "bands": KATEGORI},
        ],
    )
    form = make_form(schema, actor=editor)
    assert form.versions.get().schema["fields"][1]["bands"] == KATEGORI
    assert "band_table" not in form.build_schema()["fields"][1]


def test_a_published_version_keeps_the_rows_it_was_published_with(editor):
    table = _table()
    form = _form_with_table(table, editor)
    v1 = form_publish(form=form, actor=editor).version
    frozen = copy.deepcopy(v1.schema)
    table.rows = [{"type": "band", "value": {"label": "Semua", "min_inclusive": True, "max_inclusive": True}}]
    table.save()
    v1.refresh_from_db()
    assert v1.schema == frozen
    assert form_evaluate_live(schema=v1.schema, answers={"nilai": "10"})["computed"]["indeks"]["band"] == "Rendah"
    # the draft follows the table; the next publication freezes the new rows
    draft = FormDefinition.objects.get(pk=form.pk).get_latest_revision_as_object()
    assert draft.build_schema()["fields"][1]["bands"][0]["label"] == "Semua"
    v2 = form_publish(form=draft, actor=editor).version
    assert v2.number == 2
    assert v2.schema["fields"][1]["bands"][0]["label"] == "Semua"
    assert form.versions.get(number=1).schema == frozen


def test_import_links_a_table_only_when_its_rows_match(editor):
    table = _table()
    linked = make_form(
        _schema_with_table(table)
        | {"key": "cocok"}
        | {
            "fields": [
                {"key": "nilai", "type": "integer", "label": "Nilai"},
                {
                    "key": "indeks",
                    "type": "computed",
                    "label": "Indeks",
                    "formula": "nilai",
                    "band_table": table.name,
                    "bands": KATEGORI,
                },
            ],
            "scoring": {},
        },
        actor=editor,
    )
    assert linked.build_schema()["fields"][1]["band_table"] == "Kategori Uji"
    other = [{"label": "Lain", "min_inclusive": True, "max_inclusive": True}]
    kept = make_form(
        simple_schema(
            "beda",
            fields=[
                {"key": "nilai", "type": "integer", "label": "Nilai"},
                {
                    "key": "indeks",
                    "type": "computed",
                    "label": "Indeks",
                    "formula": "nilai",
                    "band_table": table.name,
                    "bands": other,
                },
            ],
        ),
        actor=editor,
    )
    spec = kept.versions.get().schema["fields"][1]
    assert spec["bands"] == other
    assert "band_table" not in spec


def test_live_endpoint_reads_a_named_table_in_an_unsaved_draft(client, editor):
    table = _table()
    client.force_login(editor)
    schema = _schema_with_table(table)
    assert resolve_band_tables(schema)["fields"][1]["bands"] == KATEGORI
    url = reverse("forms_builder_evaluate")
    body = client.post(
        url, json.dumps({"schema": schema, "answers": {"nilai": 70}}), content_type="application/json"
    ).json()
    assert body["problems"] == []
    assert body["computed"]["indeks"]["band"] == "Tinggi"
    assert body["scores"]["total"]["band"] == "Tinggi"
    # and a published form that chose a table, by its id
    form = _form_with_table(table, editor)
    form_publish(form=form, actor=editor)
    body = client.post(
        url, json.dumps({"form": form.pk, "answers": {"nilai": 3}}), content_type="application/json"
    ).json()
    assert body["computed"]["indeks"]["band"] == "Rendah"


def test_the_demo_spbe_form_chooses_predikat_spbe():
    band_tables_load()
    band_tables_load()  # idempotent
    table = BandTable.objects.get(name="Predikat SPBE")
    assert table.as_bands() == bands("spbe_predikat")
    load_templates()
    form = FormDefinition.objects.get(key="spbe_mandiri")
    schema = form.versions.get().schema
    assert schema["scoring"]["band_table"] == "Predikat SPBE"
    assert all(g["band_table"] == "Predikat SPBE" for g in schema["scoring"]["groups"])
    sections = [f for f in schema["fields"] if f["type"] == "section"]
    assert sections
    assert all(s["band_table"] == "Predikat SPBE" for s in sections)
    assert form.scoring.raw_data[0]["value"]["band_table"] == table.pk


def test_editor_edits_a_band_table_in_the_admin(client, editor):
    client.force_login(editor)
    table = _table()
    url = reverse("wagtailsnippets_forms_builder_bandtable:edit", args=[table.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tabel pita nilai" in html or "tabel pita nilai" in html
    assert "versi formulir yang sudah terbit tetap memakai" in html
    assert client.get(reverse("wagtailsnippets_forms_builder_bandtable:list")).status_code == 200
    data = {
        "name": "Kategori Baru",
        "description": "",
        "rows-count": "1",
        "rows-0-type": "band",
        "rows-0-deleted": "",
        "rows-0-order": "0",
        "rows-0-id": "a",
        "rows-0-value-label": "Satu",
        "rows-0-value-meaning": "",
        "rows-0-value-min": "5",
        "rows-0-value-max": "1",
        "rows-0-value-min_inclusive": "on",
        "rows-0-value-max_inclusive": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # min > max is refused
    assert "min lebih besar dari max" in response.content.decode()
    data["rows-0-value-max"] = "10"
    assert client.post(url, data).status_code == 302
    table.refresh_from_db()
    assert table.name == "Kategori Baru"
    assert table.as_bands() == [{"label": "Satu", "min": 5, "max": 10, "min_inclusive": True, "max_inclusive": True}]
    assert table.history.count() >= 2
