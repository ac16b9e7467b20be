"""GraphQL door for periodic reports: the same services as REST, the same errors in ``extensions``."""

import uuid

import pytest

from reporting.models import Submission, SubmissionStatus, SubmissionTransition
from tests.api import reports_world
from tests.api.conftest import gql
from tests.api.reports_world import auth, current_assignment
from tests.factories import OPDFactory, opd_user

shared_world = reports_world.shared_world  # module-scoped fixture

ROW = "id status statusLabel revision etag round form { key } period { label year } opd { acronym } dueAt isLate"
DETAIL = f"""{ROW} answers returnedFields attachments {{ uuid url mime }}
    transitions {{ fromStatus toStatus actor fieldComments diff }} permissions {{ edit review publish }}"""

Q_LIST = f"""query($status: String, $year: Int, $form: ID, $period: ID, $page: Int, $pageSize: Int) {{
  reportSubmissions(status: $status, year: $year, form: $form, period: $period, page: $page, pageSize: $pageSize) {{
    totalCount page pageSize items {{ {ROW} }} }} }}"""
Q_DETAIL = f"query($id: ID!) {{ reportSubmission(id: $id) {{ {DETAIL} }} }}"
M_SAVE = f"""mutation($id: ID!, $answers: GenericScalar!, $rev: Int) {{
  saveReportDraft(id: $id, answers: $answers, expectedRevision: $rev) {{ replayed submission {{ {DETAIL} }} }} }}"""
M_SUBMIT = f"""mutation($id: ID!, $rev: Int) {{
  submitReport(id: $id, expectedRevision: $rev) {{ replayed submission {{ {DETAIL} }} }} }}"""
M_RETURN = """mutation($id: ID!, $comments: GenericScalar!, $comment: String) {
  returnReport(id: $id, fieldComments: $comments, comment: $comment) {
    replayed submission { status returnedFields } } }"""
M_VERIFY = 'mutation($id: ID!) { verifyReport(id: $id, comment: "Sesuai") { replayed submission { status } } }'
M_PUBLISH = "mutation($id: ID!) { publishReport(id: $id) { replayed submission { status publishedAt } } }"


@pytest.fixture
def world(shared_world, db):
    return shared_world


def ext(body) -> dict:
    return body["errors"][0]["extensions"]


def test_list_filters_and_pagination(client, world):
    headers = auth(world.users["operator_x"])
    _s, body = gql(client, Q_LIST, {"pageSize": 4}, **headers)
    page = body["data"]["reportSubmissions"]
    assert page["totalCount"] == 6
    assert len(page["items"]) == 4
    assert {item["opd"]["acronym"] for item in page["items"]} == {"DINKES"}
    _s, body = gql(client, Q_LIST, {"status": "submitted"}, **headers)
    assert {i["id"] for i in body["data"]["reportSubmissions"]["items"]} == {
        str(world.sub("submitted").pk),
        str(world.sub("submitted_2").pk),
    }
    draft = world.sub("draft")
    _s, body = gql(client, Q_LIST, {"period": str(draft.period_id), "form": str(world.form.pk)}, **headers)
    assert [i["id"] for i in body["data"]["reportSubmissions"]["items"]] == [str(draft.pk)]
    _s, body = gql(client, Q_LIST, {"status": "hilang"}, **headers)
    assert ext(body)["code"] == "validation"
    assert "status" in ext(body)["errors"]


def test_my_current_reports(client, db):
    opd = OPDFactory(acronym="KEC-A")
    current_assignment(opds=[opd, OPDFactory()])
    _s, body = gql(
        client, "{ myCurrentReports { totalCount items { status opd { acronym } } } }", **auth(opd_user(opd))
    )
    assert body["data"]["myCurrentReports"] == {
        "totalCount": 1,
        "items": [{"status": "not_started", "opd": {"acronym": "KEC-A"}}],
    }


def test_anonymous_gets_401_and_other_opd_404(client, world):
    _s, body = gql(client, Q_LIST)
    assert ext(body)["code"] == "not_authenticated"
    _s, body = gql(client, Q_DETAIL, {"id": str(world.sub("draft").pk)}, **auth(world.users["operator_y"]))
    assert ext(body)["status"] == 404
    assert body["data"]["reportSubmission"] is None
    _s, body = gql(client, Q_DETAIL, {"id": "9" * 30}, **auth(world.users["operator_x"]))
    assert ext(body)["status"] == 404
    _s, body = gql(client, Q_LIST, {"year": 2**31 - 1, "period": "9" * 30}, **auth(world.users["operator_x"]))
    assert set(ext(body)["errors"]) == {"year", "period"}
    _s, body = gql(client, Q_DETAIL, {"id": "abc"}, **auth(world.users["operator_x"]))
    assert ext(body)["errors"] == {"id": ["ID harus berupa angka."]}


def test_detail_matches_rest(client, world):
    s = world.sub("draft")
    headers = auth(world.users["operator_x"])
    _s, body = gql(client, Q_DETAIL, {"id": str(s.pk)}, **headers)
    detail = body["data"]["reportSubmission"]
    rest = client.get(f"/api/v1/reports/submissions/{s.pk}/", **headers).json()
    assert detail["etag"] == rest["etag"] == s.etag
    assert detail["answers"] == rest["answers"]
    assert detail["attachments"][0]["url"] == rest["attachments"][0]["url"]
    assert detail["permissions"] == rest["permissions"] == {"edit": True, "review": False, "publish": False}


def test_save_with_stale_expected_revision_is_412_with_changed_fields(client, world):
    s = world.sub("draft")
    op, ver = auth(world.users["operator_x"]), auth(world.users["verifier_x"])
    _s, first = gql(client, M_SAVE, {"id": str(s.pk), "answers": {"jumlah_pegawai": 30}, "rev": s.revision}, **ver)
    assert first["data"]["saveReportDraft"]["submission"]["revision"] == s.revision + 1
    _s, stale = gql(client, M_SAVE, {"id": str(s.pk), "answers": {"nama_kegiatan": "X"}, "rev": s.revision}, **op)
    assert stale["data"] is None or stale["data"]["saveReportDraft"] is None
    assert ext(stale)["code"] == "stale_revision"
    assert ext(stale)["status"] == 412
    assert list(ext(stale)["errors"]) == ["jumlah_pegawai"]
    assert "diubah orang lain" in stale["errors"][0]["message"]
    assert Submission.objects.get(pk=s.pk).answers["nama_kegiatan"] == "A"


def test_save_type_errors_use_dotted_paths(client, world):
    s = world.sub("draft")
    answers = {"realisasi": [{"kegiatan": "Posyandu", "pagu": "banyak"}]}
    _s, body = gql(client, M_SAVE, {"id": str(s.pk), "answers": answers}, **auth(world.users["operator_x"]))
    assert ext(body)["code"] == "validation"
    assert "realisasi.0.pagu" in ext(body)["errors"]
    _s, body = gql(client, M_SAVE, {"id": str(s.pk), "answers": [1]}, **auth(world.users["operator_x"]))
    assert ext(body)["status"] == 400


def test_submit_replayed_idempotency_key_makes_one_transition(client, world):
    s = world.sub("ready")
    headers = {**auth(world.users["operator_x"]), "HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}
    _s, first = gql(client, M_SUBMIT, {"id": str(s.pk), "rev": s.revision}, **headers)
    assert first["data"]["submitReport"]["replayed"] is False, first
    assert first["data"]["submitReport"]["submission"]["status"] == "submitted"
    _s, again = gql(client, M_SUBMIT, {"id": str(s.pk), "rev": s.revision}, **headers)
    assert again["data"]["submitReport"]["replayed"] is True
    assert again["data"]["submitReport"]["submission"] == first["data"]["submitReport"]["submission"]
    assert SubmissionTransition.objects.filter(submission=s, to_status=SubmissionStatus.SUBMITTED).count() == 1
    # the same key for another report is a different request
    _s, reused = gql(client, M_SUBMIT, {"id": str(world.sub("draft").pk)}, **headers)
    assert ext(reused)["code"] == "idempotency_key_reused"


def test_submit_with_stale_revision_is_412(client, world):
    s = world.sub("ready")
    headers = auth(world.users["operator_x"])
    gql(client, M_SAVE, {"id": str(s.pk), "answers": {"jumlah_pegawai": 1}}, **headers)
    _s, body = gql(client, M_SUBMIT, {"id": str(s.pk), "rev": s.revision}, **headers)
    assert ext(body)["code"] == "stale_revision"
    assert Submission.objects.get(pk=s.pk).status == SubmissionStatus.DRAFT


def test_review_round_trip(client, world):
    s = world.sub("submitted")
    op, ver, bappeda = (auth(world.users[r]) for r in ("operator_x", "verifier_x", "bappeda"))
    comments = {"jumlah_pegawai": "Tidak sesuai SIMPEG."}
    _s, body = gql(client, M_RETURN, {"id": str(s.pk), "comments": comments, "comment": "Perbaiki"}, **ver)
    assert body["data"]["returnReport"]["submission"] == {"status": "returned", "returnedFields": comments}
    _s, body = gql(client, M_SAVE, {"id": str(s.pk), "answers": {"nama_kegiatan": "Lain"}}, **op)
    assert "nama_kegiatan" in ext(body)["errors"]
    gql(client, M_SAVE, {"id": str(s.pk), "answers": {"jumlah_pegawai": 15}}, **op)
    _s, body = gql(client, M_SUBMIT, {"id": str(s.pk)}, **op)
    submitted = body["data"]["submitReport"]["submission"]
    assert submitted["round"] == 2
    assert submitted["transitions"][-1]["diff"]
    assert submitted["transitions"][2]["fieldComments"] == comments
    _s, body = gql(client, M_VERIFY, {"id": str(s.pk)}, **op)
    assert ext(body)["code"] == "permission_denied"
    _s, body = gql(client, M_VERIFY, {"id": str(s.pk)}, **bappeda)
    assert body["data"]["verifyReport"]["submission"]["status"] == "verified"
    _s, body = gql(client, M_PUBLISH, {"id": str(s.pk)}, **bappeda)
    assert body["data"]["publishReport"]["submission"]["status"] == "published"
    _s, body = gql(client, M_RETURN, {"id": str(s.pk), "comments": comments}, **ver)
    assert ext(body)["code"] == "validation"
    assert "status" in ext(body)["errors"]


def test_return_without_comments_is_a_field_error(client, world):
    s = world.sub("submitted")
    _s, body = gql(client, M_RETURN, {"id": str(s.pk), "comments": {}}, **auth(world.users["verifier_x"]))
    assert "field_comments" in ext(body)["errors"]


def test_return_reopens_more_fields_files_included(client, world):
    s = world.sub("submitted")
    query = """mutation($id: ID!, $comments: GenericScalar!, $reopen: [String!]) {
      returnReport(id: $id, fieldComments: $comments, reopenFields: $reopen) { submission { returnedFields } } }"""
    ver = auth(world.users["verifier_x"])
    bad = {"id": str(s.pk), "comments": {"jumlah_pegawai": "x"}, "reopen": ["tidak_ada"]}
    _s, body = gql(client, query, bad, **ver)
    assert "reopen_fields" in ext(body)["errors"]
    comments = {"jumlah_pegawai": "Lampirkan SK."}
    _s, body = gql(client, query, {"id": str(s.pk), "comments": comments, "reopen": ["dokumen"]}, **ver)
    assert body["data"]["returnReport"]["submission"]["returnedFields"] == {**comments, "dokumen": ""}
