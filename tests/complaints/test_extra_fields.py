"""A category's optional extra-field form (form builder): validated by the form engine in the service."""

import pytest

from complaints.models import Complaint
from forms_builder.services import form_latest_version
from tests.complaints.test_pages import pages  # noqa: F401 - fixture
from tests.factories import make_form, simple_schema

pytestmark = pytest.mark.django_db
SUBMIT = "/api/v1/complaints/"
GQL_SUBMIT = """mutation($input: SubmitComplaintInput!) {
  submitComplaint(input: $input) { trackingCode secret status } }"""

EXTRA_SCHEMA = simple_schema(
    key="isian_jalan",
    title="Isian jalan",
    fields=[
        {"key": "panjang_rusak", "type": "integer", "label": "Panjang kerusakan (m)", "required": True},
        {
            "key": "jenis_jalan",
            "type": "single_choice",
            "label": "Jenis jalan",
            "choices": [{"value": "kabupaten", "label": "Kabupaten"}, {"value": "desa", "label": "Desa"}],
        },
    ],
)


@pytest.fixture
def extra_category(world):
    form = make_form(EXTRA_SCHEMA)
    world.category.extra_form = form
    world.category.save()
    return world.category


def _payload(**extra):
    return {"category": "jalan", "title": "Jalan berlubang", "description": "Di depan pasar.", **extra}


def test_good_answers_are_stored_with_the_pinned_version(extra_category, api_client):
    version = form_latest_version(form=extra_category.extra_form)
    r = api_client.post(SUBMIT, _payload(extra={"panjang_rusak": "12", "jenis_jalan": "desa"}), format="json")
    assert r.status_code == 201, r.content
    c = Complaint.objects.get(tracking_code=r.json()["tracking_code"])
    assert c.extra_form_version == version
    assert c.extra_answers == {"panjang_rusak": 12, "jenis_jalan": "desa"}


def test_bad_answers_are_400_keyed_by_extra_path(extra_category, api_client):
    r = api_client.post(SUBMIT, _payload(extra={"jenis_jalan": "tol"}), format="json")
    assert r.status_code == 400, r.content
    errors = r.json()["errors"]
    assert "extra.panjang_rusak" in errors  # required
    assert "extra.jenis_jalan" in errors  # unknown choice
    r = api_client.post(SUBMIT, _payload(), format="json")  # no extra answers at all
    assert r.status_code == 400
    assert "extra.panjang_rusak" in r.json()["errors"]
    r = api_client.post(SUBMIT, _payload(extra=[1, 2]), format="json")
    assert r.status_code == 400
    assert "extra.non_field_errors" in r.json()["errors"]
    assert not Complaint.objects.exists()


def test_category_without_form_behaves_as_before(world, api_client):
    r = api_client.post(SUBMIT, _payload(category="kesehatan", extra={"apa_saja": 1}), format="json")
    assert r.status_code == 201, r.content
    c = Complaint.objects.get()
    assert c.extra_form_version is None
    assert c.extra_answers == {}


def test_staff_see_extra_answers_public_does_not(extra_category, world, api_client):
    from complaints.services import complaint_assign, complaint_verify

    r = api_client.post(
        SUBMIT, _payload(privacy="public", extra={"panjang_rusak": 3, "jenis_jalan": "desa"}), format="json"
    )
    c = Complaint.objects.get(tracking_code=r.json()["tracking_code"])
    complaint_verify(complaint=c, actor=world.desk, door="admin")
    complaint_assign(complaint=c, actor=world.desk, door="admin", opd=world.dinas)
    public = api_client.get("/api/v1/complaints/public/").content.decode()
    assert c.tracking_code in public
    assert "panjang_rusak" not in public
    api_client.force_authenticate(world.desk)
    detail = api_client.get(f"/api/v1/complaints/staff/{c.pk}/").json()
    assert detail["extra"]["answers"] == {"panjang_rusak": 3, "jenis_jalan": "desa"}


def test_web_form_shows_extra_fields_and_errors(extra_category, pages, client):  # noqa: F811
    url = pages["form"].url
    page = client.get(url, {"kategori": "jalan"})
    assert 'name="extra-jalan.panjang_rusak"' in page.text
    base = {"kind": "pengaduan", "category": "jalan", "title": "Jalan rusak", "description": "x", "privacy": "public"}
    bad = client.post(url, {**base, "extra-jalan.jenis_jalan": "desa"})
    assert bad.status_code == 400
    assert bad.context["form"].errors["extra-jalan.panjang_rusak"]
    assert 'value="desa" selected' in bad.text  # what was typed is kept
    assert not Complaint.objects.exists()
    good = client.post(url, {**base, "extra-jalan.panjang_rusak": "7", "extra-jalan.jenis_jalan": "kabupaten"})
    assert good.status_code == 200, good.content[:2000]
    c = Complaint.objects.get()
    assert c.extra_answers == {"panjang_rusak": 7, "jenis_jalan": "kabupaten"}
    assert c.extra_form_version.form_id == extra_category.extra_form_id


TABLE_SCHEMA = simple_schema(
    key="isian_kesehatan",
    title="Isian kesehatan",
    fields=[
        {
            "key": "antrean",
            "type": "table",
            "label": "Antrean per loket",
            "min_rows": 1,
            "max_rows": 4,
            "columns": [
                {"key": "loket", "type": "short_text", "label": "Loket", "required": True},
                {"key": "menit", "type": "integer", "label": "Menit menunggu"},
            ],
        }
    ],
)


@pytest.fixture
def two_forms(extra_category, world):
    world.category2.extra_form = make_form(TABLE_SCHEMA)
    world.category2.save()
    return world


def test_without_a_category_every_group_is_shown_and_only_the_chosen_one_counts(two_forms, pages, client):  # noqa: F811
    url = pages["form"].url
    page = client.get(url).text
    assert 'id="extra-jalan"' in page
    assert 'id="extra-kesehatan"' in page
    assert 'name="extra-kesehatan.antrean.2.loket"' in page  # three empty rows without JavaScript
    assert 'name="extra-kesehatan.antrean.3.loket"' not in page
    base = {"kind": "pengaduan", "title": "Antre lama", "description": "x", "privacy": "public"}
    r = client.post(
        url,
        {
            **base,
            "category": "kesehatan",
            "extra-jalan.jenis_jalan": "tol",  # another category's group: ignored, not an error
            "extra-kesehatan.antrean.0.loket": "A",
            "extra-kesehatan.antrean.0.menit": "45",
            "extra-kesehatan.antrean.2.loket": "C",
        },
    )
    assert r.status_code == 200, r.content[:3000]
    c = Complaint.objects.get()
    assert c.category.slug == "kesehatan"
    assert c.extra_answers == {"antrean": [{"loket": "A", "menit": 45}, {"loket": "C", "menit": None}]}


def test_table_errors_and_rows_without_javascript(two_forms, pages, client):  # noqa: F811
    url = pages["form"].url
    base = {"kind": "pengaduan", "category": "kesehatan", "title": "Antre", "description": "x", "privacy": "public"}
    missing = client.post(url, {**base, "extra-kesehatan.antrean.0.menit": "5"})
    assert missing.status_code == 400
    assert missing.context["form"].errors["extra-kesehatan.antrean.0.loket"]
    assert 'id="extra-jalan"' not in missing.text  # narrowed to the chosen category
    empty = client.post(url, base)
    assert empty.status_code == 400
    assert "Antrean per loket" in str(empty.context["form"].non_field_errors())
    more = client.post(url, {**base, "rows-extra-kesehatan.antrean": "3", "more-rows": "extra-kesehatan.antrean"})
    assert more.status_code == 200
    assert not more.context["form"].errors  # re-shown, not judged
    assert 'name="extra-kesehatan.antrean.3.loket"' in more.text
    assert "Tambah baris" not in more.text  # max_rows 4 reached
    assert not Complaint.objects.exists()


def test_choose_category_button_narrows_the_form(two_forms, pages, client):  # noqa: F811
    url = pages["form"].url
    r = client.post(url, {"category": "jalan", "title": "Sudah diketik", "pilih-kategori": "1"})
    assert r.status_code == 200
    assert 'id="extra-jalan"' in r.text
    assert 'id="extra-kesehatan"' not in r.text
    assert 'value="Sudah diketik"' in r.text
    assert not r.context["form"].errors
    assert not Complaint.objects.exists()


def test_category_refuses_file_fields_in_its_extra_form(world):
    from django.core.exceptions import ValidationError

    schema = simple_schema(key="isian_foto", title="Foto", fields=[{"key": "foto", "type": "file", "label": "Foto"}])
    world.category.extra_form = make_form(schema)
    with pytest.raises(ValidationError) as exc:
        world.category.full_clean()
    assert "extra_form" in exc.value.message_dict
    world.category.extra_form = make_form(TABLE_SCHEMA)
    world.category.full_clean()


def test_graphql_submit_with_extra_answers(extra_category, api_client):
    import json

    def gql(extra):
        variables = {"input": {**_payload(), "extra": json.dumps(extra)}}
        return api_client.post("/graphql/", {"query": GQL_SUBMIT, "variables": variables}, format="json").json()

    bad = gql({"panjang_rusak": "banyak"})
    assert "extra.panjang_rusak" in bad["errors"][0]["extensions"]["errors"]
    out = gql({"panjang_rusak": 4})["data"]["submitComplaint"]
    c = Complaint.objects.get(tracking_code=out["trackingCode"])
    assert c.extra_answers == {"panjang_rusak": 4, "jenis_jalan": None}
    assert c.extra_form_version == form_latest_version(form=extra_category.extra_form)
