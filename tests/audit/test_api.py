"""REST /api/v1/audit/events/ and GraphQL auditEvents: same filters, auditors only, flat query counts."""

import json

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from audit.actors import Door, acting_as
from audit.models import AuditEvent
from audit.registry import RESTRICTED_MODELS
from organizations.models import Membership
from tests.factories import OPDFactory, UserFactory

pytestmark = pytest.mark.django_db
EVENTS = "/api/v1/audit/events/"


def token_client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def gql(client, query, variables=None, **extra):
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **extra,
    )
    return response.status_code, response.json()


def token_header(user):
    token, _ = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


QUERY = """query($model: String, $door: String, $dateFrom: Date, $opd: ID, $page: Int, $pageSize: Int) {
  auditEvents(model: $model, door: $door, dateFrom: $dateFrom, opd: $opd, page: $page, pageSize: $pageSize) {
    totalCount items { id seq action model objectId door actor username opdId changedFields reason }
  }
}"""


# --- REST -------------------------------------------------------------------------------


def test_rest_permissions_anonymous_401_opd_user_403(api_client, opd_member):
    response = api_client.get(EVENTS)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    response = token_client(opd_member).get(EVENTS)
    assert response.status_code == 403
    assert response.json()["type"].endswith("permission_denied")


@pytest.mark.parametrize("who", ["auditor", "inspector"])
def test_rest_lists_events_for_audit_roles(request, who):
    user = request.getfixturevalue(who)
    opd = OPDFactory(name="Dinas Pariwisata")
    with acting_as("job:sinkron", door=Door.JOB, reason="Sinkronisasi SIPD"):
        opd.acronym = "DISPAR"
        opd.save()
    response = token_client(user).get(EVENTS, {"model": "organizations.opd", "door": "job"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert (item["action"], item["object_id"], item["actor"], item["reason"]) == (
        "update",
        str(opd.pk),
        "job:sinkron",
        "Sinkronisasi SIPD",
    )
    assert item["changed_fields"] == ["acronym"]
    assert item["opd_id"] == opd.pk


@pytest.mark.urls("tests.audit.urls")
def test_writes_through_rest_over_http_record_the_rest_door_and_token_user(opd_member, opd):
    response = token_client(opd_member).post(
        f"/api/v1/_audit_test/opd/{opd.pk}/rename/",
        {"name": "Dinas Kesehatan Daerah", "reason": "Perbup 12"},
        format="json",
    )
    assert response.status_code == 200, response.content
    event = AuditEvent.objects.filter(model="organizations.opd", object_id=str(opd.pk), action="update").get()
    assert (event.door, event.actor, event.user_id, event.reason) == (
        Door.REST,
        "operator.dinkes",
        opd_member.pk,
        "Perbup 12",
    )


@pytest.mark.urls("tests.audit.urls")
def test_writes_through_graphql_over_http_record_the_graphql_door(client, opd_member, opd):
    mutation = 'mutation($id: ID!) { renameOpd(id: $id, name: "Dinas Kesehatan Kab.") { id } }'
    status, body = gql(client, mutation, {"id": str(opd.pk)}, **token_header(opd_member))
    assert status == 200
    assert "errors" not in body, body
    event = AuditEvent.objects.filter(model="organizations.opd", object_id=str(opd.pk), action="update").get()
    assert (event.door, event.actor, event.user_id) == (Door.GRAPHQL, "operator.dinkes", opd_member.pk)


def test_rest_bad_filters_are_400_with_field_errors_in_indonesian(auditor):
    response = token_client(auditor).get(EVENTS, {"door": "jendela", "date_from": "kemarin", "opd": "x"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) >= {"door", "date_from", "opd"}
    assert "valid" in " ".join(errors["door"]).lower()


def test_rest_hides_restricted_models_from_auditor(auditor, inspector, opd, monkeypatch):
    monkeypatch.setitem(RESTRICTED_MODELS, "organizations.Membership", ("Inspektorat",))
    m = Membership.objects.create(user=UserFactory(), opd=opd)
    params = {"model": "organizations.membership"}
    assert token_client(auditor).get(EVENTS, params).json()["count"] == 0
    assert token_client(auditor).get(f"/api/v1/audit/records/organizations.membership/{m.pk}/").status_code == 404
    assert token_client(inspector).get(EVENTS, params).json()["count"] == 1
    record = token_client(inspector).get(f"/api/v1/audit/records/organizations.membership/{m.pk}/")
    assert record.status_code == 200


def test_rest_record_history_with_diffs(auditor):
    opd = OPDFactory(name="Dinas Perikanan")
    opd.name = "Dinas Kelautan dan Perikanan"
    opd.save()
    body = token_client(auditor).get(f"/api/v1/audit/records/organizations.opd/{opd.pk}/").json()
    assert [e["event"]["action"] for e in body["entries"]] == ["create", "update"]
    diff = body["entries"][1]["diffs"][0]
    assert (diff["field"], diff["old"], diff["new"]) == ("name", "Dinas Perikanan", "Dinas Kelautan dan Perikanan")


def test_rest_is_read_only(auditor):
    client = token_client(auditor)
    assert client.post(EVENTS, {"action": "x"}, format="json").status_code == 405
    event_id = AuditEvent.objects.order_by("id").first().pk
    assert client.delete(f"{EVENTS}{event_id}/").status_code == 405
    assert client.patch(f"{EVENTS}{event_id}/", {"actor": "x"}, format="json").status_code == 405


@pytest.mark.parametrize("size", [5, 40])
def test_rest_query_count_is_flat(auditor, size, django_assert_max_num_queries):
    users = [UserFactory() for _ in range(3)]
    for i in range(size):
        with acting_as(f"u{i}", door=Door.ADMIN, user=users[i % 3]):
            OPDFactory(name=f"Kampung {i}")
    client = token_client(auditor)
    with django_assert_max_num_queries(8):
        response = client.get(EVENTS, {"model": "organizations.opd", "page_size": 50})
    assert response.json()["count"] == size


# --- GraphQL ----------------------------------------------------------------------------


def test_graphql_permissions(client, opd_member):
    _status, body = gql(client, QUERY)
    assert body["errors"][0]["extensions"]["status"] == 401
    _status, body = gql(client, QUERY, **token_header(opd_member))
    assert body["errors"][0]["extensions"]["status"] == 403


def test_graphql_filters_like_rest(client, auditor):
    a = OPDFactory(name="Kecamatan Sebatik")
    with acting_as("job:x", door=Door.JOB):
        OPDFactory(name="Kecamatan Lumbis")
    status, body = gql(
        client, QUERY, {"model": "organizations.opd", "door": "shell", "opd": str(a.pk)}, **token_header(auditor)
    )
    assert status == 200, body
    page = body["data"]["auditEvents"]
    assert page["totalCount"] == 1
    assert page["items"][0]["objectId"] == str(a.pk)
    _status, body = gql(client, QUERY, {"door": "pintu"}, **token_header(auditor))
    assert body["errors"][0]["extensions"]["code"] == "validation"
    assert "door" in body["errors"][0]["extensions"]["errors"]


def test_graphql_record_history(client, auditor):
    opd = OPDFactory(name="Dinas Koperasi")
    opd.name = "Dinas Koperasi dan UKM"
    opd.save()
    query = """query($id: String!) { auditRecord(model: "organizations.opd", objectId: $id) {
        entries { event { action } diffs { field old new kind } } } }"""
    _status, body = gql(client, query, {"id": str(opd.pk)}, **token_header(auditor))
    entries = body["data"]["auditRecord"]["entries"]
    assert entries[1]["diffs"][0]["field"] == "name"
    assert json.loads(entries[1]["diffs"][0]["new"]) == "Dinas Koperasi dan UKM"


@pytest.mark.parametrize("size", [5, 40])
def test_graphql_query_count_is_flat(client, auditor, size, django_assert_max_num_queries):
    users = [UserFactory() for _ in range(3)]
    for i in range(size):
        with acting_as(f"u{i}", door=Door.ADMIN, user=users[i % 3]):
            OPDFactory(name=f"Desa {i}")
    headers = token_header(auditor)
    with django_assert_max_num_queries(8):
        _status, body = gql(client, QUERY, {"model": "organizations.opd", "pageSize": 50}, **headers)
    assert body["data"]["auditEvents"]["totalCount"] == size
