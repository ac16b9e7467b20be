"""REST door for periodic reports: lists, detail + ETag, drafts with If-Match, idempotent actions, files."""

import uuid

import pytest

from reporting.models import Submission, SubmissionStatus, SubmissionTransition
from tests.api import reports_world
from tests.api.reports_world import VALID, auth, current_assignment
from tests.factories import OPDFactory, opd_user, png_upload

BASE = "/api/v1/reports/submissions/"
PROBLEM = "application/problem+json"


shared_world = reports_world.shared_world  # module-scoped fixture


@pytest.fixture
def world(shared_world, db):
    return shared_world


def url(s, suffix: str = "") -> str:
    return f"{BASE}{s.pk}/{suffix}"


def test_list_shows_only_my_opds_reports_with_filters(client, world):
    headers = auth(world.users["operator_x"])
    response = client.get(BASE, **headers)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 6
    assert {row["opd"]["acronym"] for row in body["results"]} == {"DINKES"}
    row = next(r for r in body["results"] if r["id"] == world.sub("draft").pk)
    assert row["status"] == "draft"
    assert row["status_label"] == "Draf"
    assert row["form"]["key"] == "laporan_api"
    assert row["period"]["label"].startswith("Januari")
    assert row["etag"] == Submission.objects.get(pk=row["id"]).etag
    assert "answers" not in row

    submitted = client.get(BASE, {"status": "submitted"}, **headers).json()
    assert {r["id"] for r in submitted["results"]} == {world.sub("submitted").pk, world.sub("submitted_2").pk}
    period = world.sub("draft").period_id
    assert [r["id"] for r in client.get(BASE, {"period": period}, **headers).json()["results"]] == [
        world.sub("draft").pk
    ]
    year = world.sub("draft").period.year
    assert client.get(BASE, {"year": year, "form": world.form.pk}, **headers).json()["count"] == 6
    assert client.get(BASE, {"year": year - 5}, **headers).json()["count"] == 0
    # filtering on the other OPD never reveals its reports
    assert client.get(BASE, {"opd": world.opd_y.pk}, **headers).json()["count"] == 0


def test_list_for_pemda_wide_reader_and_paginated(client, world):
    body = client.get(BASE, {"page_size": 4}, **auth(world.users["auditor"])).json()
    assert body["count"] == 12  # 6 months × 2 OPDs
    assert len(body["results"]) == 4
    assert body["next"]


def test_bad_filter_is_a_400_problem_in_indonesian(client, world):
    huge = "9" * 30
    out_of_range = client.get(
        BASE, {"year": huge, "period": huge, "form": huge, "opd": "-1"}, **auth(world.users["editor"])
    )
    assert out_of_range.status_code == 400
    assert set(out_of_range.json()["errors"]) == {"year", "period", "form", "opd"}
    response = client.get(BASE, {"status": "hilang", "year": "dua"}, **auth(world.users["editor"]))
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    errors = response.json()["errors"]
    assert set(errors) == {"status", "year"}
    assert "hilang" in errors["status"][0]


def test_anonymous_is_asked_to_sign_in(client, world):
    response = client.get(BASE)
    assert response.status_code == 401
    assert response.json()["type"] == "urn:sepakat:problem:not_authenticated"


def test_current_lists_what_my_opds_must_file_now(client, db):
    opd, other = OPDFactory(acronym="KEC-A"), OPDFactory(acronym="KEC-B")
    current_assignment(opds=[opd, other])
    user = opd_user(opd)
    body = client.get("/api/v1/reports/current/", **auth(user)).json()
    assert body["count"] == 1
    assert body["results"][0]["opd"]["acronym"] == "KEC-A"
    assert body["results"][0]["status"] == "not_started"


def test_detail_has_etag_answers_history_and_permissions(client, world):
    s = world.sub("submitted")
    response = client.get(url(s), **auth(world.users["verifier_x"]))
    assert response.status_code == 200
    body = response.json()
    assert response["ETag"] == body["etag"] == s.etag
    assert body["answers"]["nama_kegiatan"] == VALID["nama_kegiatan"]
    assert [t["to_status"] for t in body["transitions"]] == ["draft", "submitted"]
    assert body["transitions"][0]["actor"]
    assert body["permissions"] == {"edit": True, "review": True, "publish": False}


def test_other_opd_and_bad_ids_are_404_problems(client, world):
    headers = auth(world.users["operator_y"])
    huge = "9" * 30
    for path in (
        url(world.sub("draft")),
        f"{BASE}abc/",
        f"{BASE}999999/",
        f"{BASE}{huge}/",
        f"{BASE}{huge}/attachments/{uuid.uuid4()}/",
        url(world.sub("draft"), "frobnicate/"),
    ):
        response = client.get(path, **headers)
        assert response.status_code == 404, path
        assert response["Content-Type"] == PROBLEM


def test_patch_with_if_match_then_stale_if_match_is_412_listing_changed_fields(client, world):
    s = world.sub("draft")
    op, ver = auth(world.users["operator_x"]), auth(world.users["verifier_x"])
    seen = client.get(url(s), **op)["ETag"]
    first = client.patch(
        url(s), {"answers": {"jumlah_pegawai": 30}}, content_type="application/json", HTTP_IF_MATCH=seen, **ver
    )
    assert first.status_code == 200, first.json()
    assert first["ETag"] != seen
    assert first.json()["revision"] == s.revision + 1

    stale = client.patch(
        url(s),
        {"answers": {"nama_kegiatan": "Punya operator"}},
        content_type="application/json",
        HTTP_IF_MATCH=seen,
        **op,
    )
    assert stale.status_code == 412
    assert stale["Content-Type"] == PROBLEM
    problem = stale.json()
    assert problem["type"] == "urn:sepakat:problem:stale_revision"
    assert problem["title"] == "Data sudah diubah"
    assert list(problem["errors"]) == ["jumlah_pegawai"]
    assert stale["ETag"] == first["ETag"]
    s.refresh_from_db()
    assert s.answers["nama_kegiatan"] == "A"  # nothing overwritten

    retry = client.patch(
        url(s), {"answers": {"nama_kegiatan": "Punya operator"}}, content_type="application/json",
        HTTP_IF_MATCH=stale["ETag"], **op,
    )  # fmt: skip
    assert retry.status_code == 200
    assert retry.json()["answers"] == {**s.answers, "nama_kegiatan": "Punya operator"}


def test_patch_without_if_match_is_accepted_and_bad_if_match_is_400(client, world):
    s, op = world.sub("draft"), auth(world.users["operator_x"])
    ok = client.patch(url(s), {"answers": {"jumlah_pegawai": 7}}, content_type="application/json", **op)
    assert ok.status_code == 200
    assert ok.json()["answers"]["jumlah_pegawai"] == 7
    for bad in ("abc", world.sub("ready").etag):
        response = client.patch(
            url(s), {"answers": {"jumlah_pegawai": 8}}, content_type="application/json", HTTP_IF_MATCH=bad, **op
        )
        assert response.status_code == 400
        assert "If-Match" in response.json()["errors"]


def test_patch_type_errors_use_dotted_paths(client, world):
    s = world.sub("draft")
    response = client.patch(
        url(s),
        {"answers": {"realisasi": [{"kegiatan": "Posyandu", "pagu": "banyak"}], "tidak_ada": 1}},
        content_type="application/json",
        **auth(world.users["operator_x"]),
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "tidak_ada" in errors
    response = client.patch(
        url(s),
        {"answers": {"realisasi": [{"kegiatan": "Posyandu", "pagu": "banyak"}]}},
        content_type="application/json",
        **auth(world.users["operator_x"]),
    )
    assert response.status_code == 400
    assert "realisasi.0.pagu" in response.json()["errors"]
    bad_body = client.patch(
        url(s), {"answers": [1, 2]}, content_type="application/json", **auth(world.users["operator_x"])
    )
    assert bad_body.status_code == 400
    assert "answers" in bad_body.json()["errors"]


def test_submit_replayed_idempotency_key_makes_one_transition(client, world):
    s, op = world.sub("ready"), auth(world.users["operator_x"])
    key = str(uuid.uuid4())
    first = client.post(url(s, "submit/"), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key, **op)
    assert first.status_code == 200, first.json()
    assert first.json()["status"] == "submitted"
    again = client.post(url(s, "submit/"), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key, **op)
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.content == first.content
    assert SubmissionTransition.objects.filter(submission=s, to_status=SubmissionStatus.SUBMITTED).count() == 1
    s.refresh_from_db()
    assert s.round == 1
    assert s.revision == first.json()["revision"]
    # a new key is a new request: submitting twice is refused by the service (400, not a second transition)
    other = client.post(
        url(s, "submit/"), content_type="application/json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()), **op
    )
    assert other.status_code == 400
    assert "status" in other.json()["errors"]


def test_submit_with_stale_if_match_is_412(client, world):
    s, op = world.sub("ready"), auth(world.users["operator_x"])
    seen = s.etag
    client.patch(url(s), {"answers": {"jumlah_pegawai": 13}}, content_type="application/json", **op)
    response = client.post(url(s, "submit/"), content_type="application/json", HTTP_IF_MATCH=seen, **op)
    assert response.status_code == 412
    assert response.json()["errors"] == {"jumlah_pegawai": ["Isian ini sudah diubah orang lain."]}
    assert Submission.objects.get(pk=s.pk).status == SubmissionStatus.DRAFT


def test_submit_incomplete_report_lists_required_fields(client, world):
    s = world.sub("draft")
    client.patch(
        url(s), {"answers": {"nama_kegiatan": None}}, content_type="application/json", **auth(world.users["operator_x"])
    )
    response = client.post(url(s, "submit/"), content_type="application/json", **auth(world.users["operator_x"]))
    assert response.status_code == 400
    assert "nama_kegiatan" in response.json()["errors"]


def test_full_review_round_trip(client, world):
    s = world.sub("submitted")
    op, ver, editor = (auth(world.users[r]) for r in ("operator_x", "verifier_x", "editor"))
    returned = client.post(
        url(s, "return/"),
        {"field_comments": {"jumlah_pegawai": "Angka tidak sesuai SIMPEG."}, "comment": "Perbaiki"},
        content_type="application/json",
        **ver,
    )
    assert returned.status_code == 200, returned.json()
    assert returned.json()["status"] == "returned"
    assert returned.json()["returned_fields"] == {"jumlah_pegawai": "Angka tidak sesuai SIMPEG."}

    refused = client.patch(url(s), {"answers": {"nama_kegiatan": "Lain"}}, content_type="application/json", **op)
    assert refused.status_code == 400
    assert "nama_kegiatan" in refused.json()["errors"]
    fixed = client.patch(url(s), {"answers": {"jumlah_pegawai": 14}}, content_type="application/json", **op)
    assert fixed.status_code == 200
    resubmitted = client.post(url(s, "submit/"), content_type="application/json", **op)
    assert resubmitted.json()["status"] == "submitted"
    assert resubmitted.json()["round"] == 2
    assert resubmitted.json()["transitions"][-1]["diff"]

    denied = client.post(url(s, "verify/"), content_type="application/json", **op)
    assert denied.status_code == 403
    assert denied["Content-Type"] == PROBLEM
    verified = client.post(url(s, "verify/"), {"comment": "Sesuai"}, content_type="application/json", **ver)
    assert verified.json()["status"] == "verified"
    published = client.post(url(s, "publish/"), content_type="application/json", HTTP_IDEMPOTENCY_KEY="pub-1", **editor)
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    assert published.json()["published_at"]


def test_return_needs_field_comments(client, world):
    response = client.post(
        url(world.sub("submitted"), "return/"), {"field_comments": {}}, content_type="application/json",
        **auth(world.users["verifier_x"]),
    )  # fmt: skip
    assert response.status_code == 400
    assert "field_comments" in response.json()["errors"]
    response = client.post(
        url(world.sub("submitted"), "return/"), {"field_comments": {"tidak_ada": "x"}}, content_type="application/json",
        **auth(world.users["verifier_x"]),
    )  # fmt: skip
    assert response.status_code == 400
    assert "field_comments" in response.json()["errors"]


def test_upload_and_download_attachment(client, world):
    s = world.sub("draft")
    op = auth(world.users["operator_x"])
    response = client.post(url(s, "attachments/"), {"field_path": "dokumen", "file": png_upload()}, **op)
    assert response.status_code == 201, response.json()
    meta = response.json()
    assert meta["mime"] == "image/png"
    assert meta["url"] == f"{BASE}{s.pk}/attachments/{meta['uuid']}/"
    detail = client.get(url(s), **op).json()
    assert meta["uuid"] in {a["uuid"] for a in detail["attachments"]}

    download = client.get(meta["url"], **op)
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content).startswith(b"\x89PNG")
    assert client.get(meta["url"], **auth(world.users["auditor"])).status_code == 200
    hidden = client.get(meta["url"], **auth(world.users["operator_y"]))
    assert hidden.status_code == 404
    assert client.get(f"{BASE}{s.pk}/attachments/{uuid.uuid4()}/", **op).status_code == 404
    assert client.get(meta["url"]).status_code == 401


def test_upload_is_checked_by_the_service(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    s, op = world.sub("draft"), auth(world.users["operator_x"])
    fake = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(url(s, "attachments/"), {"field_path": "dokumen", "file": fake}, **op)
    assert response.status_code == 400
    assert "dokumen" in response.json()["errors"]
    not_a_file_field = client.post(url(s, "attachments/"), {"field_path": "nama_kegiatan", "file": png_upload()}, **op)
    assert not_a_file_field.status_code == 400
    missing = client.post(url(s, "attachments/"), {"field_path": "dokumen"}, **op)
    assert missing.status_code == 400
    assert "file" in missing.json()["errors"]
    as_json = client.post(url(s, "attachments/"), {"field_path": "dokumen"}, content_type="application/json", **op)
    assert as_json.status_code == 415


def test_english_messages_on_request(client, world):
    response = client.get(BASE, {"status": "hilang"}, HTTP_ACCEPT_LANGUAGE="en", **auth(world.users["editor"]))
    assert response.status_code == 400
    assert response.json()["title"] == "Invalid data"
    s = world.sub("draft")
    stale = client.patch(
        url(s), {"answers": {"jumlah_pegawai": 2}}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en",
        HTTP_IF_MATCH=f'"s{s.pk}-r{s.revision - 1}"', **auth(world.users["operator_x"]),
    )  # fmt: skip
    assert stale.status_code == 412
    assert stale.json()["title"] == "Data has changed"
    assert stale.json()["errors"]["dokumen"] == ["Someone else changed this field."]


def test_openapi_documents_reports_without_warnings(capsys):
    from django.urls import include, path
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    from api.rest import reports

    GENERATOR_STATS.reset()
    patterns = [path("api/v1/", include(reports.urlpatterns + reports.router.urls))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    captured = capsys.readouterr()
    assert not GENERATOR_STATS, captured.err
    paths = schema["paths"]
    submit = paths["/api/v1/reports/submissions/{id}/submit/"]["post"]
    assert {p["name"] for p in submit["parameters"]} >= {"Idempotency-Key", "If-Match"}
    assert "412" in submit["responses"]
    patch = paths["/api/v1/reports/submissions/{id}/"]["patch"]
    assert "If-Match" in {p["name"] for p in patch["parameters"]}
    listing = {p["name"] for p in paths["/api/v1/reports/submissions/"]["get"]["parameters"]}
    assert {"status", "period", "form", "year", "page", "page_size"} <= listing
    assert "/api/v1/reports/current/" in paths
    assert "/api/v1/reports/submissions/{id}/attachments/{uuid}/" in paths


def test_return_reopens_more_fields_files_included(client, world):
    s = world.sub("submitted")
    ver = auth(world.users["verifier_x"])
    bad = {"field_comments": {"jumlah_pegawai": "x"}, "reopen_fields": ["tidak_ada"]}
    response = client.post(url(s, "return/"), bad, content_type="application/json", **ver)
    assert response.status_code == 400
    assert "reopen_fields" in response.json()["errors"]
    body = {"field_comments": {"jumlah_pegawai": "Lampirkan SK."}, "reopen_fields": ["dokumen"]}
    response = client.post(url(s, "return/"), body, content_type="application/json", **ver)
    assert response.status_code == 200, response.json()
    assert response.json()["returned_fields"] == {"jumlah_pegawai": "Lampirkan SK.", "dokumen": ""}
