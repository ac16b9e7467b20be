"""The live evaluate endpoint (``forms_builder_evaluate``) and the plain-Indonesian condition hints.

One door behind every live behaviour: the fill page's conditions and computed values and the
designer's "Pratinjau & coba". It runs the same validation and scoring as saving, so these
tests check what it answers, who may ask, and that its cost does not grow with the form.
"""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forms_builder.describe import describe_condition, field_hints
from organizations.roles import GlobalRole
from tests.factories import OPDFactory, PemdaFactory, UserFactory, make_form, opd_user, simple_schema
from tests.factories.reports import report_slot

pytestmark = pytest.mark.django_db

URL = "/admin/forms_builder/evaluate/"

SCORED = {
    "fields": [
        {
            "key": "tata_kelola",
            "type": "section",
            "label": "Tata kelola",
            "fields": [
                {
                    "key": "tingkat",
                    "type": "single_choice",
                    "label": "Tingkat kematangan",
                    "weight": 1,
                    "choices": [
                        {"value": "rintisan", "label": "Rintisan", "score": 1},
                        {"value": "optimum", "label": "Optimum", "score": 5},
                    ],
                },
                {"key": "punya_wbs", "type": "yes_no", "label": "Punya WBS?", "weight": 1},
                {
                    "key": "alasan",
                    "type": "long_text",
                    "label": "Alasan belum punya WBS",
                    "show_if": "punya_wbs == false",
                    "required_if": "punya_wbs == false",
                },
            ],
        },
        {
            "key": "indeks",
            "type": "computed",
            "label": "Indeks",
            "formula": "1000 * 2.5",
            "bands": [{"label": "Baik", "min": 0, "min_inclusive": True, "max_inclusive": True}],
        },
    ],
    "scoring": {"label": "Nilai akhir", "bands": [{"label": "Memuaskan", "min": 3}, {"label": "Kurang", "max": 3}]},
}


def _post(client, payload, **headers):
    return client.post(URL, json.dumps(payload), content_type="application/json", **headers)


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(roles=[GlobalRole.KOMINFO_EDITOR]))
    return client


def test_url_name_is_stable():
    assert reverse("forms_builder_evaluate") == URL


def test_conditions_computed_values_and_errors_with_labels(editor):
    form = make_form(simple_schema("live_uji"))
    body = _post(editor, {"form": form.pk, "answers": {"ada_kegiatan": "tidak"}}).json()
    assert body["version"] == 1
    assert "uraian" in body["hidden"]
    assert "uraian" not in body["required"]
    assert "nama" in body["required"]
    labels = {e["path"]: e for e in body["errors"]}
    assert labels["nama"]["label"] == "Nama"
    assert labels["nama"]["text"] == "Nama: Wajib diisi."

    answers = {
        "ada_kegiatan": "ya",
        "anggaran": [{"kegiatan": "Aspal", "pagu": "1.500.000", "realisasi": "750.000"}, {"kegiatan": "Cat"}],
    }
    body = _post(editor, {"form": form.pk, "answers": answers}).json()
    assert "uraian" not in body["hidden"]
    assert "uraian" in body["required"]
    assert body["computed"]["total_pagu"] == {"value": 1500000, "text": "1.500.000", "band": None}
    assert body["computed"]["anggaran.0.serapan"]["text"] == "50"
    errors = {e["path"]: e["text"] for e in body["errors"]}
    assert errors["uraian"] == "Uraian: Wajib diisi."
    assert errors["anggaran.1.pagu"] == "Anggaran, baris 2: Pagu: Wajib diisi."
    assert not body["valid"]


def test_scores_and_bands_of_an_unsaved_draft(editor):
    schema = simple_schema("draft_uji", **SCORED)
    body = _post(editor, {"schema": schema, "answers": {"tingkat": "optimum", "punya_wbs": "ya"}}).json()
    assert body["problems"] == []
    assert body["computed"]["indeks"] == {"value": 2500, "text": "2.500", "band": "Baik"}
    assert body["scores"]["total"]["score"] == 3
    assert body["scores"]["total"]["band"] == "Memuaskan"
    assert body["scores"]["sections"][0]["label"] == "Tata kelola"
    body = _post(editor, {"schema": schema, "answers": {"tingkat": "rintisan", "punya_wbs": "tidak"}}).json()
    assert body["scores"]["total"]["band"] == "Kurang"
    assert "alasan" in body["required"]


def test_a_draft_with_design_problems_gets_the_problems_not_results(editor):
    schema = simple_schema("rusak", fields=[{"key": "x", "type": "computed", "label": "X", "formula": "y +"}])
    body = _post(editor, {"schema": schema, "answers": {}}).json()
    assert body["valid"] is False
    assert body["problems"]
    assert "“X”" in body["problems"][0]
    assert "computed" not in body


def test_bad_requests_are_problem_json(editor):
    response = editor.post(URL, "{nope", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Permintaan bukan JSON yang valid."
    assert _post(editor, {"form": "x"}).status_code == 404
    assert _post(editor, {"schema": "x"}).status_code == 400
    assert editor.get(URL).status_code == 405
    big = {"answers": {"a": "x" * 600_000}, "form": 1}
    assert _post(editor, big).status_code == 413


def test_csrf_is_enforced():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(roles=[GlobalRole.KOMINFO_EDITOR]))
    form = make_form(simple_schema("csrf_uji"))
    assert _post(client, {"form": form.pk, "answers": {}}).status_code == 403
    client.get(reverse("wagtailadmin_home"))
    token = client.cookies["csrftoken"].value
    assert _post(client, {"form": form.pk, "answers": {}}, HTTP_X_CSRFTOKEN=token).status_code == 200


def _user(kind: str, slot):
    if kind == "operator of the report":
        return slot.operator
    if kind == "verifier of the report":
        return slot.verifier
    if kind == "operator of another OPD":
        return opd_user(OPDFactory())
    if kind == "anonymous":
        return None
    return UserFactory(roles=[GlobalRole(kind)])


@pytest.mark.parametrize(
    ("kind", "by_version", "by_schema"),
    [
        (GlobalRole.KOMINFO_EDITOR.value, 200, 200),
        ("operator of the report", 200, 403),
        ("verifier of the report", 200, 403),
        (GlobalRole.AUDITOR.value, 200, 403),  # reads every report
        (GlobalRole.BAPPEDA_REVIEWER.value, 200, 403),
        ("operator of another OPD", 404, 403),
        (GlobalRole.COMPLAINT_DESK.value, 404, 403),
        (GlobalRole.BUDGET_MANAGER.value, 404, 403),
        ("anonymous", 302, 302),
    ],
)
def test_who_may_evaluate(client, kind, by_version, by_schema):
    PemdaFactory()
    slot = report_slot(form=make_form(simple_schema("izin_uji")))
    user = _user(kind, slot)
    if user is not None:
        client.force_login(user)
    version = slot.form.versions.get()
    assert _post(client, {"version": version.pk, "answers": {}}).status_code == by_version
    assert _post(client, {"form": slot.form.pk, "answers": {}}).status_code == by_version
    assert _post(client, {"schema": version.schema, "answers": {}}).status_code == by_schema
    # a form the user sees no report of
    other = make_form(simple_schema("lain_uji"))
    expected_other = 200 if kind == GlobalRole.KOMINFO_EDITOR.value else (302 if user is None else 404)
    assert _post(client, {"form": other.pk, "answers": {}}).status_code == expected_other


def _wide_schema(key: str, n: int) -> dict:
    fields = [{"key": "pilih", "type": "yes_no", "label": "Pilih"}]
    for i in range(n):
        fields.append({"key": f"isian_{i}", "type": "integer", "label": f"Isian {i}", "show_if": "pilih"})
    fields.append({"key": "jumlah", "type": "computed", "label": "Jumlah", "formula": "isian_0 + 1"})
    return simple_schema(key, fields=fields)


@pytest.mark.parametrize("with_report", [False, True])
def test_query_count_does_not_grow_with_the_form(client, with_report):
    PemdaFactory()
    counts = []
    for n in (5, 50):
        form = make_form(_wide_schema(f"lebar_{n}_{int(with_report)}", n))
        if with_report:
            slot = report_slot(form=form)
            client.force_login(slot.operator)
        else:
            client.force_login(UserFactory(roles=[GlobalRole.KOMINFO_EDITOR]))
        answers = {"pilih": "ya", **{f"isian_{i}": str(i) for i in range(n)}}
        _post(client, {"form": form.pk, "answers": {}})  # the session and permission caches warm up
        with CaptureQueriesContext(connection) as ctx:
            response = _post(client, {"form": form.pk, "answers": answers})
        assert response.status_code == 200
        assert response.json()["computed"]["jumlah"]["value"] == 1
        counts.append(len(ctx))
    assert counts[0] == counts[1]
    assert counts[1] <= 12


def test_conditions_read_as_plain_indonesian():
    schema = simple_schema("kalimat_uji", **SCORED)
    assert describe_condition("punya_wbs == false", schema=schema) == "“Punya WBS?” = Tidak"
    assert describe_condition("punya_wbs", schema=schema) == "“Punya WBS?” = Ya"
    assert describe_condition("not punya_wbs", schema=schema) == "“Punya WBS?” = Tidak"
    assert describe_condition('tingkat == "optimum"', schema=schema) == "“Tingkat kematangan” = “Optimum”"
    assert describe_condition("indeks >= 2.5 and alasan != null", schema=schema) == (
        "“Indeks” ≥ 2,5 dan “Alasan belum punya WBS” diisi"
    )
    assert describe_condition("3 < indeks or tingkat == null", schema=schema) == (
        "“Indeks” > 3 atau “Tingkat kematangan” kosong"
    )
    assert describe_condition("y +", schema=schema) is None
    hints = field_hints(schema)
    assert hints["alasan"] == "Ditampilkan bila “Punya WBS?” = Tidak. Wajib diisi bila “Punya WBS?” = Tidak."
    assert "punya_wbs" not in hints
    table_schema = simple_schema("tabel_uji")
    table_schema["fields"][1]["columns"][2]["required_if"] = "pagu > 0"
    assert field_hints(table_schema)["anggaran.realisasi"] == "Wajib diisi bila “Pagu” > 0."


@pytest.mark.parametrize(
    "payload",
    [
        {"version": 10**30},
        {"form": "1e400"},
        {"form": -(2**70)},
        {"form": True, "answers": []},
        {"form": None},
        {"schema": {"fields": [1, "x", None, {"type": 3}]}, "answers": {}},
        {"schema": {"fields": []}, "answers": ["not", "an", "object"]},
        {"schema": {"fields": [{"key": "a", "type": "integer", "label": "A"}]}, "answers": {"a": {"b": [1]}}},
        {"schema": {"fields": 5}, "answers": {}},
        {"schema": {"fields": [{"key": "t", "type": "table", "label": "T", "columns": 7}]}, "answers": {}},
        {"schema": {"fields": [], "scoring": {"groups": 3, "band_table": ["x"]}}, "answers": {}},
    ],
)
def test_malformed_input_is_a_clear_4xx_never_a_500(editor, payload):
    form = make_form(simple_schema("rusak_uji"))
    if payload.get("answers") == []:
        payload = {**payload, "form": form.pk}
    response = _post(editor, payload)
    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        assert response["Content-Type"] == "application/problem+json"


def test_a_json_infinity_id_is_not_found(editor):
    response = editor.post(URL, '{"version": 1e400}', content_type="application/json")
    assert response.status_code == 404
