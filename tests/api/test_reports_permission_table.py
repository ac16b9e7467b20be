"""(role, door, operation) -> outcome for periodic reports of OPD X, over REST and GraphQL.

The table is the specification. An OPD user never reads or touches another OPD's reports
through any door: they are "not found" (no existence leak). Members of X fill and submit;
X's verifier and Reviewer Bappeda return and verify; Editor Kominfo and Reviewer Bappeda
publish; Pemda-wide readers (Editor, Bappeda, Auditor) read everything but may not fill;
anonymous callers are asked to sign in.

Each operation works on its own report of X in the state it needs, inside the test's savepoint.
"""

import pytest

from tests.api import reports_world
from tests.api.conftest import gql
from tests.api.reports_world import auth
from tests.factories import png_upload

shared_world = reports_world.shared_world  # module-scoped fixture

ALLOWED, HIDDEN, FORBIDDEN, LOGIN = "allowed", "hidden", "forbidden", "login"
BASE = "/api/v1/reports/submissions/"

READ = ("list", "detail", "attachment")
FILL = ("save", "attach", "submit")
REVIEW = ("return", "verify")
OPERATIONS = (*READ, *FILL, *REVIEW, "publish")
GRAPHQL_OPERATIONS = tuple(op for op in OPERATIONS if op != "attach")  # uploads are REST only

#: role -> (reads, fills, reviews, publishes) over X's reports.
RIGHTS = {
    "operator_x": (ALLOWED, ALLOWED, FORBIDDEN, FORBIDDEN),
    "verifier_x": (ALLOWED, ALLOWED, ALLOWED, FORBIDDEN),
    "operator_y": (HIDDEN, HIDDEN, HIDDEN, HIDDEN),
    "editor": (ALLOWED, FORBIDDEN, FORBIDDEN, ALLOWED),
    "bappeda": (ALLOWED, FORBIDDEN, ALLOWED, ALLOWED),
    "auditor": (ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "anonymous": (LOGIN, LOGIN, LOGIN, LOGIN),
}


def expected_for(role: str, door: str) -> dict[str, str]:
    reads, fills, reviews, publishes = RIGHTS[role]
    table = dict.fromkeys(READ, reads) | dict.fromkeys(FILL, fills) | dict.fromkeys(REVIEW, reviews)
    table["publish"] = publishes
    return {op: table[op] for op in (OPERATIONS if door == "rest" else GRAPHQL_OPERATIONS)}


TABLE = [(role, door, expected_for(role, door)) for role in RIGHTS for door in ("rest", "graphql")]

#: operation -> the state of X's report it acts on (see ``build_world``).
TARGET = {
    "list": "draft",
    "detail": "draft",
    "attachment": "draft",
    "save": "draft",
    "attach": "draft",
    "submit": "ready",
    "return": "submitted",
    "verify": "submitted_2",
    "publish": "verified",
}

_REST_STATUS = {404: HIDDEN, 403: FORBIDDEN, 401: LOGIN}


def _rest(client, headers, world, op: str) -> str:
    s = world.sub(TARGET[op])
    if op == "list":
        response = client.get(BASE, {"page_size": 100}, **headers)
        if response.status_code == 200:
            return ALLOWED if s.pk in {row["id"] for row in response.json()["results"]} else HIDDEN
    elif op == "detail":
        response = client.get(f"{BASE}{s.pk}/", **headers)
    elif op == "attachment":
        response = client.get(f"{BASE}{s.pk}/attachments/{world.attachment.uuid}/", **headers)
    elif op == "save":
        response = client.patch(
            f"{BASE}{s.pk}/", {"answers": {"jumlah_pegawai": 3}}, content_type="application/json", **headers
        )
    elif op == "attach":
        response = client.post(f"{BASE}{s.pk}/attachments/", {"field_path": "dokumen", "file": png_upload()}, **headers)
    else:
        data = {"field_comments": {"jumlah_pegawai": "Periksa lagi."}} if op == "return" else {}
        response = client.post(f"{BASE}{s.pk}/{op}/", data, content_type="application/json", **headers)
    if response.status_code in (200, 201):
        return ALLOWED
    assert response["Content-Type"] == "application/problem+json", response.content
    return _REST_STATUS[response.status_code]


FIELDS = "id status answers attachments { uuid url }"
GQL = {
    "list": "{ reportSubmissions(pageSize: 100) { items { id } } }",
    "detail": f"query($id: ID!) {{ reportSubmission(id: $id) {{ {FIELDS} }} }}",
    "attachment": "query($id: ID!) { reportSubmission(id: $id) { attachments { uuid } } }",
    "save": (
        "mutation($id: ID!) { saveReportDraft(id: $id, answers: {jumlah_pegawai: 3}) "
        f"{{ submission {{ {FIELDS} }} }} }}"
    ),
    "submit": "mutation($id: ID!) { submitReport(id: $id) { submission { id status } } }",
    "return": (
        'mutation($id: ID!) { returnReport(id: $id, fieldComments: {jumlah_pegawai: "Periksa lagi."}) '
        "{ submission { id status } } }"
    ),
    "verify": "mutation($id: ID!) { verifyReport(id: $id) { submission { id status } } }",
    "publish": "mutation($id: ID!) { publishReport(id: $id) { submission { id status } } }",
}


def _graphql(client, headers, world, op: str) -> str:
    s = world.sub(TARGET[op])
    variables = {} if op == "list" else {"id": str(s.pk)}
    status, body = gql(client, GQL[op], variables, **headers)
    assert status == 200, body
    if not body.get("errors"):
        data = next(iter(body["data"].values()))
        if op == "list":
            return ALLOWED if str(s.pk) in {item["id"] for item in data["items"]} else HIDDEN
        if op == "attachment":
            assert str(world.attachment.uuid) in {a["uuid"] for a in data["attachments"]}
        return ALLOWED
    return _REST_STATUS[body["errors"][0]["extensions"]["status"]]


@pytest.mark.parametrize(("role", "door", "expected"), TABLE, ids=[f"{r}-{d}" for r, d, _ in TABLE])
def test_report_permission_table(client, shared_world, db, role, door, expected):
    world = shared_world
    headers = auth(world.users[role])
    check = _rest if door == "rest" else _graphql
    actual = {op: check(client, headers, world, op) for op in expected}
    assert actual == expected


@pytest.mark.parametrize("door", ["rest", "graphql"])
def test_other_opds_user_sees_none_of_xs_data_anywhere(client, shared_world, db, door):
    """Operator of Y: every list, filter and detail answers only Y's report."""
    world = shared_world
    headers = auth(world.users["operator_y"])
    if door == "rest":
        rows = client.get(BASE, {"opd": world.opd_x.pk, "page_size": 100}, **headers).json()["results"]
        assert rows == []
        rows = client.get(BASE, {"page_size": 100}, **headers).json()["results"]
        current = client.get("/api/v1/reports/current/", **headers).json()["results"]
    else:
        _s, body = gql(
            client,
            "query($opd: ID) { reportSubmissions(opd: $opd) { items { id } } }",
            {"opd": world.opd_x.pk},
            **headers,
        )
        assert body["data"]["reportSubmissions"]["items"] == []
        _s, body = gql(client, "{ reportSubmissions(pageSize: 100) { items { id opd { id } } } }", **headers)
        rows = body["data"]["reportSubmissions"]["items"]
        _s, body = gql(client, "{ myCurrentReports { items { id opd { id } } } }", **headers)
        current = body["data"]["myCurrentReports"]["items"]
    assert {str(r["opd"]["id"]) for r in rows} == {str(world.opd_y.pk)}
    assert all(str(r["opd"]["id"]) == str(world.opd_y.pk) for r in current)
