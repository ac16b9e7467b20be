"""Publishing freezes immutable versions; keys are checked; export/import round trips safely."""

import copy
import json

import pytest
from django.core.exceptions import ValidationError

from forms_builder.blocks import fields_to_stream
from forms_builder.demo import load_templates
from forms_builder.form_templates import all_templates
from forms_builder.models import FormDefinition, FormVersion
from forms_builder.services import form_export_json, form_import_json, form_publish
from organizations.roles import GlobalRole
from tests.factories import FormDefinitionFactory, UserFactory, make_form, simple_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(roles=[GlobalRole.KOMINFO_EDITOR])


def _edit(form, mutate):
    schema = form.build_schema()
    fields = copy.deepcopy(schema["fields"])
    mutate(fields)
    form.body = fields_to_stream(fields)
    return form


def test_publish_v1_edit_publish_v2_and_v1_stays_intact(editor):
    form = make_form(actor=editor)
    v1 = form.versions.get()
    v1_schema = copy.deepcopy(v1.schema)
    assert (v1.number, v1.published_by) == (1, editor)

    def add_field(fields):
        fields[0]["fields"].append({"key": "catatan", "type": "long_text", "label": "Catatan"})
        fields[0]["fields"][0]["label"] = "Nama OPD"

    result = form_publish(form=_edit(form, add_field), actor=editor)
    assert result.created
    assert result.version.number == 2
    v1.refresh_from_db()
    assert v1.schema == v1_schema
    assert [f["key"] for f in result.version.schema["fields"][0]["fields"]][-1] == "catatan"
    assert result.version.schema["fields"][0]["fields"][0]["label"] == "Nama OPD"
    assert FormVersion.objects.filter(form=form).count() == 2


def test_publishing_unchanged_content_makes_no_new_version(editor):
    form = make_form(actor=editor)
    result = form_publish(form=form, actor=editor)
    assert not result.created
    assert result.version.number == 1


def test_versions_are_immutable(editor):
    version = make_form(actor=editor).versions.get()
    version.title = "diubah"
    with pytest.raises(ValueError, match="immutable"):
        version.save()
    with pytest.raises(ValueError, match="immutable"):
        version.delete()


def test_duplicate_keys_are_refused_on_publish(editor):
    form = make_form(actor=editor)
    form = _edit(form, lambda f: f.append({"key": "nama", "type": "short_text", "label": "Lagi"}))
    with pytest.raises(ValidationError) as exc:
        form_publish(form=form, actor=editor)
    assert "Kunci 'nama' dipakai lebih dari sekali" in str(exc.value)
    assert form.versions.count() == 1


def test_removed_or_retyped_published_keys_need_confirmation(editor):
    form = make_form(actor=editor)

    def change(fields):
        fields[0]["fields"] = [f for f in fields[0]["fields"] if f["key"] != "uraian"]
        fields[0]["fields"][0]["type"] = "long_text"

    form = _edit(form, change)
    with pytest.raises(ValidationError) as exc:
        form_publish(form=form, actor=editor)
    messages = exc.value.message_dict["confirm_key_changes"]
    assert any("'uraian'" in m and "dihapus" in m for m in messages)
    assert any("'nama'" in m and "short_text menjadi long_text" in m for m in messages)
    assert form.versions.count() == 1
    result = form_publish(form=form, actor=editor, accept_key_changes=True)
    assert result.version.number == 2
    assert len(result.warnings) == 2


def test_cycles_and_unknown_references_are_refused_on_publish(editor):
    form = make_form(actor=editor)

    def cycle(fields):
        fields.append({"key": "a", "type": "computed", "label": "A", "formula": "b + total_pagu"})
        fields.append({"key": "b", "type": "computed", "label": "B", "formula": "a * 2"})

    with pytest.raises(ValidationError) as exc:
        form_publish(form=_edit(form, cycle), actor=editor)
    assert "Rumus isian 'a' membentuk lingkaran: a → b → a." in str(exc.value)
    form = FormDefinition.objects.get(pk=form.pk)
    with pytest.raises(ValidationError) as exc:
        form_publish(
            form=_edit(
                form, lambda f: f.append({"key": "c", "type": "computed", "label": "C", "formula": "tidak_ada + 1"})
            ),
            actor=editor,
        )
    assert "merujuk ke 'tidak_ada'" in str(exc.value)
    assert form.versions.count() == 1


def test_export_import_round_trip_for_every_template(editor):
    for schema in all_templates():
        form = make_form(schema, actor=editor)
        exported = form_export_json(form=form)
        assert exported["form"] == form.versions.get().schema
        text = json.dumps(exported)
        FormDefinition.objects.filter(pk=form.pk).update(key=f"{schema['key']}_asal")
        imported = form_import_json(data=text.encode(), actor=editor, publish=True)
        assert imported.pk != form.pk
        assert imported.versions.get().schema == exported["form"]


def test_import_update_existing_keeps_the_version_line(editor):
    form = make_form(actor=editor)
    document = form_export_json(form=form)
    document["form"]["title"] = "Formulir Uji (revisi)"
    with pytest.raises(ValidationError, match="sudah ada"):
        form_import_json(data=document, actor=editor)
    updated = form_import_json(data=document, actor=editor, update_existing=True, publish=True)
    assert updated.pk == form.pk
    assert list(form.versions.values_list("number", "title")) == [(2, "Formulir Uji (revisi)"), (1, "Formulir Uji")]


def _doc(schema):
    return {"format": "sepakat-form", "format_version": 1, "form": schema}


def _nested(depth):
    text = "1"
    for _ in range(depth):
        text = "[" + text + "]"
    return text


HOSTILE = [
    (b"\xff\xfe bukan utf-8", "UTF-8"),
    (b"{bukan json", "bukan JSON"),
    (_nested(100_000), "bukan JSON"),
    (json.dumps({"format": "lain"}), "bukan ekspor formulir"),
    (json.dumps({"format": "sepakat-form", "format_version": 99, "form": {}}), "tidak didukung"),
    (json.dumps(_doc({"key": "x", "title": "X"})), "tidak berisi definisi"),
    (
        json.dumps(
            _doc(
                simple_schema(
                    fields=[{"key": "a", "type": "computed", "label": "A", "formula": "().__class__.__bases__"}]
                )
            )
        ),
        "garis bawah",
    ),
    (
        json.dumps(_doc(simple_schema(fields=[{"key": "a", "type": "computed", "label": "A", "formula": "9^9^9"}]))),
        "Pangkat",
    ),
    (json.dumps(_doc(simple_schema(fields=[{"key": "a", "type": "script", "label": "A"}]))), "tidak dikenal"),
    (
        json.dumps(_doc(simple_schema(fields=[{"key": "a", "type": "integer", "label": "A", "onload": "x"}]))),
        "Opsi 'onload' tidak dikenal",
    ),
    (
        json.dumps(_doc(simple_schema(fields=[{"key": "a", "type": "integer"}, {"key": "a", "type": "integer"}]))),
        "lebih dari sekali",
    ),
    (json.dumps(_doc(simple_schema(fields=["bukan objek"]))), "objek JSON"),
    (json.dumps(_doc(simple_schema(key="Kunci Salah!"))), "kunci formulir"),
    (
        json.dumps(_doc(simple_schema(fields=[{"key": f"f{i}", "type": "integer"} for i in range(1500)]))),
        "terlalu besar",
    ),
    (b" " * (3 * 1024 * 1024), "terlalu besar"),
]


@pytest.mark.parametrize(("payload", "message"), HOSTILE)
def test_broken_or_hostile_imports_give_a_clear_error_and_change_nothing(editor, payload, message):
    FormDefinitionFactory(key="sudah_ada")
    before = (FormDefinition.objects.count(), FormVersion.objects.count())
    with pytest.raises(ValidationError) as exc:
        form_import_json(data=payload, actor=editor, publish=True)
    assert message.lower() in " ".join(exc.value.message_dict["file"]).lower()
    assert (FormDefinition.objects.count(), FormVersion.objects.count()) == before


def test_load_demo_templates_is_idempotent():
    assert len(load_templates()) == 6
    assert load_templates() == []
    assert FormVersion.objects.count() == 6
    assert set(FormDefinition.objects.filter(live=True).values_list("key", flat=True)) == {
        "lke_sakip",
        "spbe_mandiri",
        "spm",
        "lppd",
        "lkpj",
        "sp4n_lapor_mandiri",
    }


def test_demo_load_hook_is_idempotent_and_reports():
    import io

    from forms_builder import demo

    out = io.StringIO()
    demo.load(stdout=out)
    demo.load(stdout=out)
    assert FormDefinition.objects.count() == 6
    assert "0 dibuat, 6 total" in out.getvalue()
    history = FormDefinition.history.filter(key="spm").first()
    assert history.history_actor == "command:load_demo"


def test_editor_role_gets_form_permissions():
    editor = UserFactory(roles=[GlobalRole.KOMINFO_EDITOR])
    for perm in ("add_formdefinition", "change_formdefinition", "publish_formdefinition"):
        assert editor.has_perm(f"forms_builder.{perm}"), perm
    auditor = UserFactory(roles=[GlobalRole.AUDITOR])
    assert not auditor.has_perm("forms_builder.change_formdefinition")
