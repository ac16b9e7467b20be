"""GraphQL door: the same services and rules as REST."""

import uuid

import pytest

from audit.models import SensitiveRead
from wbs.models import WbsReport

from .doors import CASE_QUERY, CASES_QUERY, FOLLOW_UP_QUERY, REPLY_MUTATION, SUBMIT_MUTATION, client_for, gql, gql_input

pytestmark = pytest.mark.django_db


def test_submit_follow_up_reply(opds, category):
    client = client_for()
    data = gql(client, SUBMIT_MUTATION, {"input": gql_input(opds["dinkes"], category)})
    assert "errors" not in data, data
    code = data["data"]["wbsSubmitReport"]["receiptCode"]
    follow = gql(client, FOLLOW_UP_QUERY, {"code": code})["data"]["wbsFollowUp"]
    assert follow["status"] == "diterima"
    assert follow["title"] == "Dugaan gratifikasi perizinan"
    reply = gql(client, REPLY_MUTATION, {"code": code, "body": "Tambahan info."})
    assert reply["data"]["wbsReporterReply"]["followUp"]["messages"][0]["body"] == "Tambahan info."


def test_submit_validation_errors_in_extensions(opds, category):
    data = gql(client_for(), SUBMIT_MUTATION, {"input": gql_input(opds["dinkes"], category, title="")})
    error = data["errors"][0]
    assert error["extensions"]["code"] == "validation"
    assert error["extensions"]["errors"]["title"] == ["Wajib diisi."]
    assert not WbsReport.objects.exists()


def test_wrong_code_is_validation_error(db):
    data = gql(client_for(), FOLLOW_UP_QUERY, {"code": "ABCD"})
    assert data["errors"][0]["extensions"]["code"] == "validation"
    assert "receiptCode" in data["errors"][0]["extensions"]["errors"]


def test_idempotent_submit(opds, category):
    client, key = client_for(), str(uuid.uuid4())
    variables = {"input": gql_input(opds["dinkes"], category)}
    first = gql(client, SUBMIT_MUTATION, variables, HTTP_IDEMPOTENCY_KEY=key)["data"]["wbsSubmitReport"]
    second = gql(client, SUBMIT_MUTATION, variables, HTTP_IDEMPOTENCY_KEY=key)["data"]["wbsSubmitReport"]
    assert first["receiptCode"] == second["receiptCode"]
    assert second["replayed"]
    assert not first["replayed"]
    assert WbsReport.objects.count() == 1


def test_inspector_reads_and_acts(report, inspector_a, inspector_b):
    obj, code = report
    client = client_for(inspector_a)
    cases = gql(client, CASES_QUERY)["data"]["wbsCases"]
    assert cases["totalCount"] == 1
    assert cases["items"][0]["number"] == obj.lookup_id
    assert not SensitiveRead.objects.exists()
    case = gql(client, CASE_QUERY, {"id": obj.pk})["data"]["wbsCase"]
    assert case["description"].startswith("Pemohon izin")
    assert SensitiveRead.objects.filter(action="wbs.read", door="graphql", user=inspector_a).count() == 1

    assign = gql(
        client,
        "mutation($id: ID!, $a: ID!){ wbsAssign(id: $id, assignee: $a){ case{ assignee } } }",
        {"id": obj.pk, "a": inspector_b.pk},
    )
    assert assign["data"]["wbsAssign"]["case"]["assignee"] == "inspektur.b"
    msg = gql(
        client, 'mutation($id: ID!){ wbsSendMessage(id: $id, body: "Mohon bukti."){ case{ id } } }', {"id": obj.pk}
    )
    assert "errors" not in msg
    note = gql(client, 'mutation($id: ID!){ wbsAddNote(id: $id, body: "Internal."){ case{ id } } }', {"id": obj.pk})
    assert "errors" not in note
    status = gql(
        client, 'mutation($id: ID!){ wbsChangeStatus(id: $id, status: "terbukti"){ case{ status } } }', {"id": obj.pk}
    )
    assert status["errors"][0]["extensions"]["errors"] == {"reason": ["Wajib diisi."]}
    follow = gql(client_for(), FOLLOW_UP_QUERY, {"code": code})["data"]["wbsFollowUp"]
    assert [m["body"] for m in follow["messages"]] == ["Mohon bukti."]


def test_four_eyes_over_graphql(report, inspector_a, inspector_b):
    obj, _ = report
    a, b = client_for(inspector_a), client_for(inspector_b)
    req = gql(
        a,
        'mutation($id: ID!){ wbsRequestIdentity(id: $id, reason: "Saksi kunci perlu klarifikasi.")'
        "{ identityRequest{ id } } }",
        {"id": obj.pk},
    )["data"]["wbsRequestIdentity"]["identityRequest"]["id"]
    reveal = "mutation($id: ID!){ wbsRevealIdentity(id: $id){ identity{ name contact } } }"
    assert gql(a, reveal, {"id": obj.pk})["errors"][0]["extensions"]["code"] == "permission_denied"
    decide = "mutation($id: ID!){ wbsDecideIdentityRequest(id: $id, approve: true){ identityRequest{ status } } }"
    assert gql(a, decide, {"id": req})["errors"][0]["extensions"]["code"] == "not_found"
    pending = gql(b, "{ wbsPendingIdentityRequests{ id } }")["data"]["wbsPendingIdentityRequests"]
    assert [p["id"] for p in pending] == [req]
    assert gql(b, decide, {"id": req})["data"]["wbsDecideIdentityRequest"]["identityRequest"]["status"] == "disetujui"
    identity = gql(a, reveal, {"id": obj.pk})["data"]["wbsRevealIdentity"]["identity"]
    assert identity == {"name": "Siti Pelapor", "contact": "0812-0000-1111"}
    assert SensitiveRead.objects.filter(action="wbs.reveal_identity", door="graphql").count() == 1


def test_anonymous_gets_401(report):
    obj, _ = report
    data = gql(client_for(), CASE_QUERY, {"id": obj.pk})
    assert data["errors"][0]["extensions"]["code"] == "not_authenticated"
    assert data["data"]["wbsCase"] is None
