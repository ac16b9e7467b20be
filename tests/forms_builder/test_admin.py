"""The designer in the Wagtail admin, through Django's test client: access and preview."""

import pytest
from django.urls import reverse

from forms_builder.models import FormDefinition
from organizations.roles import GlobalRole
from tests.factories import OPDFactory, UserFactory, make_form, opd_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = UserFactory(roles=[GlobalRole.KOMINFO_EDITOR])
    client.force_login(editor)
    return client


def _url(name, *args):
    return reverse(f"wagtailsnippets_forms_builder_formdefinition:{name}", args=args)


def test_editor_sees_the_designer(editor_client):
    form = make_form()
    assert editor_client.get(_url("list")).status_code == 200
    assert editor_client.get(_url("add")).status_code == 200
    response = editor_client.get(_url("edit", form.pk))
    assert response.status_code == 200
    assert b"confirm_key_changes" in response.content
    assert "Versi terbit" in response.content.decode()
    assert "v1" in response.content.decode()
    menu = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Formulir" in menu


@pytest.mark.parametrize("role", [GlobalRole.AUDITOR, GlobalRole.BAPPEDA_REVIEWER, None])
def test_other_roles_cannot_design(client, role):
    user = UserFactory(roles=[role]) if role else opd_user(OPDFactory())
    client.force_login(user)
    assert client.get(_url("add")).status_code in (302, 403)


def test_every_template_opens_in_the_designer(editor_client):
    from forms_builder.demo import load_templates

    load_templates()
    for form in FormDefinition.objects.all():
        assert editor_client.get(_url("edit", form.pk)).status_code == 200, form.key


def test_preview_template_renders_schema_and_evaluation(rf):
    form = make_form()
    request = rf.get("/")
    request.user = UserFactory()
    html = form.serve_preview(request, "").render().content.decode()
    assert "Formulir Uji" in html
    assert "anggaran" in html
    assert "realisasi / pagu * 100" in html


def test_preview_and_try_panel_offers_sample_answer_inputs(rf):
    """ "Pratinjau & coba": inputs for sample answers, the draft for the evaluate endpoint, and
    (before or without the script) the evaluation of empty answers, errors named by label."""
    form = make_form()
    request = rf.get("/")
    request.user = UserFactory()
    html = form.serve_preview(request, "evaluate").render().content.decode()
    assert "<h2>Pratinjau & coba</h2>" in html
    assert 'data-evaluate-url="/admin/forms_builder/evaluate/"' in html
    assert '<script id="try-schema" type="application/json">' in html
    assert "forms_builder/preview_live.js" in html
    assert 'name="f-nama"' in html
    assert 'name="f-ada_kegiatan"' in html
    assert 'name="f-anggaran.2.pagu"' in html  # three sample rows
    assert 'id="computed-total_pagu"' in html
    assert "Ditampilkan bila “Ada kegiatan?” = Ya." in html
    assert "<li>Nama: Wajib diisi.</li>" in html  # empty answers, as the service names them
    assert "Evaluasi contoh" not in html


def _post_data(fields, **extra):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = nested_form_data(
        {
            "title": "Formulir Admin",
            "key": "formulir_admin",
            "description": "",
            "body": streamfield([(t, v) for t, v in fields]),
            "rules": streamfield([]),
            "scoring": streamfield([]),
        }
    )
    data.update(extra)
    return data


def test_publishing_in_the_admin_freezes_versions_and_confirms_key_changes(editor_client):
    v1_fields = [("short_text", {"key": "nama", "label": "Nama"}), ("integer", {"key": "umur", "label": "Umur"})]
    response = editor_client.post(_url("add"), _post_data(v1_fields, **{"action-publish": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    form = FormDefinition.objects.get(key="formulir_admin")
    assert form.live
    assert list(form.versions.values_list("number", flat=True)) == [1]

    retyped = [("short_text", {"key": "nama", "label": "Nama"}), ("decimal", {"key": "umur", "label": "Umur"})]
    response = editor_client.post(_url("edit", form.pk), _post_data(retyped, **{"action-publish": "1"}))
    assert response.status_code == 200
    assert "integer menjadi decimal" in response.content.decode()
    assert form.versions.count() == 1

    confirmed = _post_data(retyped, **{"action-publish": "1", "confirm_key_changes": "on"})
    response = editor_client.post(_url("edit", form.pk), confirmed)
    assert response.status_code == 302
    assert list(form.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    assert form.versions.get(number=1).schema["fields"][1]["type"] == "integer"


def test_saving_a_draft_makes_no_version(editor_client):
    response = editor_client.post(_url("add"), _post_data([("short_text", {"key": "nama", "label": "Nama"})]))
    assert response.status_code == 302
    form = FormDefinition.objects.get(key="formulir_admin")
    assert not form.live
    assert form.versions.count() == 0


def test_a_hostile_formula_is_refused_by_the_block(editor_client):
    fields = [("computed", {"key": "x", "label": "X", "formula": "9 ^ 9 ^ 9", "bands": {"count": 0}})]
    response = editor_client.post(_url("add"), _post_data(fields, **{"action-publish": "1"}))
    assert response.status_code == 200
    assert "Pangkat harus bilangan bulat" in response.content.decode()
    assert not FormDefinition.objects.filter(key="formulir_admin").exists()


def test_export_and_import_through_the_admin(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    form = make_form()
    listing = editor_client.get(_url("list")).content.decode()
    assert reverse("forms_builder_export", args=[form.pk]) in listing
    response = editor_client.get(reverse("forms_builder_export", args=[form.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="uji_formulir.json"'
    exported = response.content
    FormDefinition.objects.filter(pk=form.pk).update(key="uji_lama")

    assert "Impor JSON" in editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert editor_client.get(reverse("forms_builder_import")).status_code == 200
    upload = SimpleUploadedFile("uji.json", exported, content_type="application/json")
    response = editor_client.post(reverse("forms_builder_import"), {"file": upload, "publish": "on"})
    assert response.status_code == 302
    imported = FormDefinition.objects.get(key="uji_formulir")
    assert imported.versions.get().schema == form.versions.get().schema

    broken = SimpleUploadedFile(
        "rusak.json", b'{"format": "sepakat-form", "format_version": 1, "form": {"fields": [1]}}'
    )
    response = editor_client.post(reverse("forms_builder_import"), {"file": broken})
    assert response.status_code == 200
    assert "Setiap isian harus berupa objek JSON." in response.content.decode()
    assert FormDefinition.objects.count() == 2


def test_export_and_import_need_editor_permissions(client):
    form = make_form()
    client.force_login(opd_user(OPDFactory()))
    assert client.get(reverse("forms_builder_export", args=[form.pk])).status_code in (302, 403)
    assert client.get(reverse("forms_builder_import")).status_code in (302, 403)
