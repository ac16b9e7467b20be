"""The REST and GraphQL doors: schemas, evaluation, errors, permissions, query counts."""

import json

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from forms_builder.form_templates import all_templates
from tests.factories import OPDFactory, make_form, opd_user, simple_schema

pytestmark = pytest.mark.django_db

SAKIP = next(t for t in all_templates() if t["key"] == "lke_sakip")


@pytest.fixture
def operator():
    return opd_user(OPDFactory())


@pytest.fixture
def client(operator):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=operator)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def gql(client, query, variables=None):
    response = client.post(
        "/graphql/", data=json.dumps({"query": query, "variables": variables or {}}), content_type="application/json"
    )
    return response.status_code, response.json()


SAKIP_ANSWERS = {
    "tahun_evaluasi": 2025,
    "perencanaan_kinerja_nilai": 85,
    "pengukuran_kinerja_nilai": 80,
    "pelaporan_kinerja_nilai": 70,
    "evaluasi_internal_nilai": 90,
}


# --- REST ---------------------------------------------------------------------------------


def test_rest_list_and_detail_serve_the_complete_published_schema(client):
    form = make_form()
    draft_only = make_form(simple_schema(key="draf"), publish=False)
    response = client.get("/api/v1/forms/")
    assert response.status_code == 200
    assert [f["key"] for f in response.json()["results"]] == ["uji_formulir"]
    assert response.json()["results"][0]["latest_version"] == 1
    detail = client.get(f"/api/v1/forms/{form.pk}/").json()
    assert detail["version"] == 1
    assert detail["schema"] == form.versions.get().schema
    table = detail["schema"]["fields"][1]
    assert table["columns"][3]["formula"] == "realisasi / pagu * 100"
    assert detail["schema"]["fields"][0]["fields"][2]["show_if"] == "ada_kegiatan"
    assert client.get(f"/api/v1/forms/{draft_only.pk}/").status_code == 404


def test_rest_detail_serves_older_versions(client):
    from forms_builder.blocks import fields_to_stream
    from forms_builder.services import form_publish

    form = make_form()
    fields = form.build_schema()["fields"] + [{"key": "baru", "type": "integer", "label": "Baru"}]
    form.body = fields_to_stream(fields)
    form_publish(form=form, actor=None)
    assert client.get(f"/api/v1/forms/{form.pk}/").json()["version"] == 2
    old = client.get(f"/api/v1/forms/{form.pk}/?version=1").json()
    assert old["version"] == 1
    assert "baru" not in json.dumps(old["schema"])
    assert client.get(f"/api/v1/forms/{form.pk}/?version=9").status_code == 404
    bad = client.get(f"/api/v1/forms/{form.pk}/?version=dua")
    assert bad.status_code == 400
    assert "version" in bad.json()["errors"]


def test_rest_evaluate_returns_cleaned_errors_computed_and_scores(client):
    form = make_form(SAKIP)
    response = client.post(f"/api/v1/forms/{form.pk}/evaluate/", {"answers": SAKIP_ANSWERS}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True
    assert body["errors"] == {}
    assert body["scores"]["total"] == {
        "key": "total",
        "label": "Nilai SAKIP",
        "score": 82.5,
        "score_exact": 82.5,
        "band": "A",
        "band_meaning": "Memuaskan",
    }
    bad = client.post(
        f"/api/v1/forms/{form.pk}/evaluate/",
        {"answers": {**SAKIP_ANSWERS, "pelaporan_kinerja_nilai": 101}},
        format="json",
    ).json()
    assert bad["valid"] is False
    assert bad["errors"] == {"pelaporan_kinerja_nilai": ["Nilai paling besar 100."]}


def test_rest_evaluate_table_paths_and_computed(client):
    form = make_form()
    answers = {
        "nama": "X",
        "anggaran": [{"kegiatan": "A", "pagu": 200, "realisasi": 50}, {"kegiatan": "B", "pagu": "x"}],
    }
    body = client.post(f"/api/v1/forms/{form.pk}/evaluate/", {"answers": answers}, format="json").json()
    assert body["errors"] == {"anggaran.1.pagu": ["Isian harus berupa angka."]}
    assert body["computed"]["anggaran.0.serapan"] == 25


def test_rest_evaluate_saves_nothing(client):
    from forms_builder.models import FormDefinition, FormVersion

    form = make_form(SAKIP)
    before = (FormDefinition.objects.count(), FormVersion.objects.count())
    client.post(f"/api/v1/forms/{form.pk}/evaluate/", {"answers": SAKIP_ANSWERS}, format="json")
    assert (FormDefinition.objects.count(), FormVersion.objects.count()) == before


@pytest.mark.parametrize("payload", [{}, {"answers": [1, 2]}, {"answers": {}, "version": "x"}, {"answers": "teks"}])
def test_rest_evaluate_malformed_requests_are_400_problems(client, payload):
    form = make_form()
    response = client.post(f"/api/v1/forms/{form.pk}/evaluate/", payload, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["errors"]


def test_rest_needs_a_signed_in_user():
    form = make_form()
    anonymous = APIClient()
    assert anonymous.get("/api/v1/forms/").status_code == 401
    assert anonymous.post(f"/api/v1/forms/{form.pk}/evaluate/", {"answers": {}}, format="json").status_code == 401


def test_rest_unknown_form_is_404(client):
    assert client.get("/api/v1/forms/999999/").status_code == 404
    assert client.post("/api/v1/forms/999999/evaluate/", {"answers": {}}, format="json").status_code == 404


@pytest.mark.parametrize("size", [5, 30])
def test_rest_list_query_count_does_not_grow(client, django_assert_max_num_queries, size):
    for i in range(size):
        make_form(simple_schema(key=f"f{i:02d}"))
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/forms/?page_size=100")
    assert response.json()["count"] == size


# --- GraphQL ------------------------------------------------------------------------------

FORM_QUERY = """query($id: ID!, $version: Int) { form(id: $id, version: $version) {
  id key title latestVersion version schema versions { number publishedAt } } }"""
EVALUATE = """query($id: ID!, $answers: GenericScalar!) { evaluateForm(id: $id, answers: $answers) {
  valid errors computed labels cleanedData scores version } }"""


def test_graphql_form_schema_matches_rest(client):
    form = make_form(SAKIP)
    status, body = gql(client, FORM_QUERY, {"id": form.pk})
    assert status == 200, body
    data = body["data"]["form"]
    assert data["schema"] == client.get(f"/api/v1/forms/{form.pk}/").json()["schema"]
    assert data["latestVersion"] == 1
    assert data["versions"][0]["number"] == 1


def test_graphql_evaluate_matches_rest(client):
    form = make_form(SAKIP)
    status, body = gql(client, EVALUATE, {"id": form.pk, "answers": SAKIP_ANSWERS})
    assert status == 200, body
    result = body["data"]["evaluateForm"]
    rest = client.post(f"/api/v1/forms/{form.pk}/evaluate/", {"answers": SAKIP_ANSWERS}, format="json").json()
    assert result["scores"] == rest["scores"]
    assert result["scores"]["total"]["band"] == "A"
    status, body = gql(client, EVALUATE, {"id": form.pk, "answers": {**SAKIP_ANSWERS, "tahun_evaluasi": "kemarin"}})
    assert body["data"]["evaluateForm"]["errors"] == {"tahun_evaluasi": ["Isian harus berupa angka."]}


def test_graphql_errors_use_the_problem_extensions(client):
    _status, body = gql(client, FORM_QUERY, {"id": 999999})
    assert body["errors"][0]["extensions"]["code"] == "not_found"
    anonymous = APIClient()
    _status, body = gql(anonymous, "{ forms { totalCount } }")
    assert body["errors"][0]["extensions"]["code"] == "not_authenticated"


@pytest.mark.parametrize("size", [5, 30])
def test_graphql_list_query_count_does_not_grow(client, django_assert_max_num_queries, size):
    for i in range(size):
        make_form(simple_schema(key=f"g{i:02d}"))
    with django_assert_max_num_queries(8):
        _status, body = gql(
            client, "{ forms(pageSize: 100) { totalCount items { id key latestVersion versions { number } } } }"
        )
    assert body["data"]["forms"]["totalCount"] == size
