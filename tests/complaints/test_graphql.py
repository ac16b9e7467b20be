import uuid

import pytest

from audit.models import SensitiveRead
from complaints.models import Complaint, Privacy, Status
from complaints.selectors import complaint_track
from complaints.services import complaint_add_note, complaint_assign, complaint_verify
from tests.factories import ComplaintFactory, submit_complaint

pytestmark = pytest.mark.django_db

SUBMIT = """mutation($input: SubmitComplaintInput!) {
  submitComplaint(input: $input) { trackingCode secret status dueDate } }"""
STAFF = """query($id: ID!) { complaint(id: $id) { id status reporter { name hidden canReveal }
  timeline { body public } } }"""
LIST = """query { complaints(pageSize: 100) { totalCount items { id trackingCode opd { name } category { slug } } } }"""
PUBLIC = """query { publicComplaints(pageSize: 100) { totalCount items { trackingCode title media opd { name } } } }"""


def gql(client, query, variables=None, **headers):
    r = client.post("/graphql/", {"query": query, "variables": variables or {}}, format="json", **headers)
    return r.json()


def _assigned(world, **data):
    r = submit_complaint(category=world.category, reporter_name="Rudi Warga", **data)
    complaint_verify(complaint=r.complaint, actor=world.desk, door="admin")
    complaint_assign(complaint=r.complaint, actor=world.desk, door="admin", opd=world.dinas)
    return r


def test_submit_and_track(world, api_client):
    data = gql(api_client, SUBMIT, {"input": {"category": "jalan", "title": "Banjir", "description": "Air naik"}})
    out = data["data"]["submitComplaint"]
    assert out["status"] == "received"
    c = complaint_track(code=out["trackingCode"], secret=out["secret"])
    assert c is not None
    q = "query($c: String!, $s: String!) { trackComplaint(code: $c, secret: $s) { status timeline { kind } } }"
    tracked = gql(api_client, q, {"c": out["trackingCode"], "s": out["secret"]})
    assert tracked["data"]["trackComplaint"]["timeline"][0]["kind"] == "submitted"
    wrong = gql(api_client, q, {"c": out["trackingCode"], "s": "AAAA-AAAA-AAAA-AAAA"})
    assert wrong["errors"][0]["extensions"]["code"] == "not_found"


def test_submit_errors_are_field_errors(world, api_client):
    data = gql(api_client, SUBMIT, {"input": {"category": "jalan", "title": "", "description": "x", "lat": 4.0}})
    ext = data["errors"][0]["extensions"]
    assert ext["code"] == "validation"
    assert "title" in ext["errors"]
    assert "long" in ext["errors"]


def test_submit_idempotent_replay_gives_the_same_working_secret(world, api_client):
    key = str(uuid.uuid4())
    variables = {"input": {"category": "jalan", "title": "Banjir", "description": "Air naik"}}
    first = gql(api_client, SUBMIT, variables, HTTP_IDEMPOTENCY_KEY=key)
    again = gql(api_client, SUBMIT, variables, HTTP_IDEMPOTENCY_KEY=key)
    assert "errors" not in first, first
    assert "errors" not in again, again
    a, b = first["data"]["submitComplaint"], again["data"]["submitComplaint"]
    assert a == b
    assert Complaint.objects.count() == 1
    assert complaint_track(code=a["trackingCode"], secret=a["secret"]) is not None
    assert a["dueDate"]  # the verification deadline, a real date
    assert complaint_track(code=b["trackingCode"], secret=b["secret"]) is not None
    from api.models import IdempotencyKey

    record = IdempotencyKey.objects.get()
    assert key not in record.key
    assert a["secret"].encode() not in bytes(record.response_body)


@pytest.mark.parametrize(
    ("privacy", "who", "visible", "name_shown"),
    [
        (Privacy.PUBLIC, "desk", True, True),
        (Privacy.PUBLIC, "opd_op", True, True),
        (Privacy.PUBLIC, "other_op", False, False),
        (Privacy.RAHASIA, "desk", True, False),
        (Privacy.RAHASIA, "opd_op", True, False),
        (Privacy.RAHASIA, "inspektur", True, False),
        (Privacy.ANONIM, "desk", True, False),
        (Privacy.ANONIM, "opd_op", True, False),
    ],
)
def test_staff_privacy_table(world, api_client, privacy, who, visible, name_shown):
    c = _assigned(world, privacy=privacy).complaint
    complaint_add_note(complaint=c, actor=world.opd_op, door="admin", body="internal")
    api_client.force_login(getattr(world, who))
    data = gql(api_client, STAFF, {"id": c.pk})
    if not visible:
        assert data["errors"][0]["extensions"]["code"] == "not_found"
        return
    reporter = data["data"]["complaint"]["reporter"]
    assert ((reporter or {}).get("name") == "Rudi Warga") == name_shown
    if privacy == Privacy.RAHASIA:
        assert reporter["hidden"] is True
        assert reporter["canReveal"] == (who == "desk")
    listing = gql(api_client, LIST)
    assert "Rudi Warga" not in str(listing)


def test_public_query_only_public(world, api_client):
    pub = _assigned(world).complaint
    _assigned(world, privacy=Privacy.RAHASIA)
    _assigned(world, privacy=Privacy.ANONIM)
    data = gql(api_client, PUBLIC)["data"]["publicComplaints"]
    assert [i["trackingCode"] for i in data["items"]] == [pub.tracking_code]
    assert "Rudi" not in str(data)


def test_staff_actions_and_reveal(world, api_client):
    c = submit_complaint(category=world.category, privacy=Privacy.RAHASIA, reporter_name="Sari").complaint
    api_client.force_login(world.desk)
    act = """mutation($id: ID!, $a: String!, $opd: ID, $body: String) {
      complaintAction(id: $id, action: $a, opd: $opd, body: $body) { complaint { status } } }"""
    assert (
        gql(api_client, act, {"id": c.pk, "a": "verify"})["data"]["complaintAction"]["complaint"]["status"]
        == "verified"
    )
    r = gql(api_client, act, {"id": c.pk, "a": "assign", "opd": world.dinas.pk})
    assert r["data"]["complaintAction"]["complaint"]["status"] == "assigned"
    reveal = "mutation($id: ID!) { revealComplaintReporter(id: $id) { reporter { name } } }"
    assert gql(api_client, reveal, {"id": c.pk})["data"]["revealComplaintReporter"]["reporter"]["name"] == "Sari"
    assert SensitiveRead.objects.filter(door="graphql", action="complaint.reveal_reporter").count() == 1
    api_client.force_login(world.opd_op)
    denied = gql(api_client, reveal, {"id": c.pk})
    assert denied["errors"][0]["extensions"]["code"] == "permission_denied"
    denied = gql(api_client, act, {"id": c.pk, "a": "verify"})
    assert denied["errors"][0]["extensions"]["code"] in ("permission_denied", "validation")
    r = gql(api_client, act, {"id": c.pk, "a": "answer", "body": "Sudah"})
    assert r["data"]["complaintAction"]["complaint"]["status"] == "answered"


def test_anonymous_staff_query_is_401(world, api_client):
    data = gql(api_client, LIST)
    assert data["errors"][0]["extensions"]["code"] == "not_authenticated"


@pytest.mark.parametrize("size", [5, 40])
def test_staff_list_query_count_constant(world, api_client, django_assert_max_num_queries, size):
    ComplaintFactory.create_batch(size, category=world.category, opd=world.dinas, status=Status.ASSIGNED)
    api_client.force_login(world.desk)
    with django_assert_max_num_queries(8):
        data = gql(api_client, LIST)
    assert data["data"]["complaints"]["totalCount"] == size


@pytest.mark.parametrize("size", [5, 40])
def test_public_list_query_count_constant(world, api_client, django_assert_max_num_queries, size):
    ComplaintFactory.create_batch(size, category=world.category, opd=world.dinas, status=Status.ASSIGNED)
    with django_assert_max_num_queries(6):
        data = gql(api_client, PUBLIC)
    assert data["data"]["publicComplaints"]["totalCount"] == size


def test_every_complaint_mutation_payload_field_resolves(world, api_client, client):
    """Each mutation asked for every field of its payload answers without an error."""
    import datetime as dt

    from api.graphql.schema import schema

    def all_fields(type_name: str, depth: int = 0) -> str:
        t = schema.graphql_schema.get_type(type_name)
        parts = []
        for name, f in t.fields.items():
            inner = f.type
            while hasattr(inner, "of_type"):
                inner = inner.of_type
            if hasattr(inner, "fields"):
                if depth < 2:
                    parts.append(f"{name} {{ {all_fields(inner.name, depth + 1)} }}")
            else:
                parts.append(name)
        return " ".join(parts)

    mutation = schema.graphql_schema.mutation_type.fields
    payload = {
        n: mutation[n].type.name
        for n in (
            "submitComplaint",
            "complaintAction",
            "complaintReporterAction",
            "supportComplaint",
            "revealComplaintReporter",
        )
    }
    fields = all_fields(payload["submitComplaint"])
    q = f"mutation($input: SubmitComplaintInput!) {{ submitComplaint(input: $input) {{ {fields} }} }}"
    sub = gql(api_client, q, {"input": {"category": "jalan", "title": "Lampu mati", "description": "Gelap"}})
    assert "errors" not in sub, sub
    out = sub["data"]["submitComplaint"]
    assert dt.date.fromisoformat(out["dueDate"]) > dt.date(2020, 1, 1)
    code, secret = out["trackingCode"], out["secret"]
    c = Complaint.objects.get(tracking_code=code)
    api_client.force_login(world.desk)
    fields = all_fields(payload["complaintAction"])
    r = gql(api_client, f'mutation {{ complaintAction(id: "{c.pk}", action: "verify") {{ {fields} }} }}')
    assert "errors" not in r, r
    r = gql(
        api_client,
        f'mutation {{ revealComplaintReporter(id: "{c.pk}") {{ {all_fields(payload["revealComplaintReporter"])} }} }}',
    )
    assert "errors" not in r, r
    c.refresh_from_db()
    complaint_assign(complaint=c, actor=world.desk, door="admin", opd=world.dinas)
    r = gql(
        api_client, f'mutation {{ supportComplaint(code: "{code}") {{ {all_fields(payload["supportComplaint"])} }} }}'
    )
    assert "errors" not in r, r
    api_client.logout()
    fields = all_fields(payload["complaintReporterAction"])
    r = gql(
        api_client,
        f'mutation {{ complaintReporterAction(code: "{code}", secret: "{secret}", action: "information", '
        f'body: "Foto menyusul") {{ {fields} }} }}',
    )
    assert "errors" not in r, r
