"""(role, door, object) -> allowed/denied for OPD detail, over REST and GraphQL.

The table is the specification: an OPD user sees its OPD and the OPDs below it; the
Pemda-wide global roles and superusers see every OPD; anyone else sees none; anonymous
callers are asked to sign in. Denied objects are "not found" (no existence leak).
"""

import pytest
from rest_framework.authtoken.models import Token

from tests.api.conftest import gql

ALLOWED, DENIED, LOGIN = "allowed", "denied", "login"

OBJECTS = ["dinkes", "puskesmas", "pustu", "disdik", "kecamatan", "kelurahan", "inactive"]

#: role -> the objects it may see (everything else is denied).
SEES = {
    "superuser": set(OBJECTS),
    "auditor": set(OBJECTS),
    "editor": set(OBJECTS),
    "bappeda": set(OBJECTS),
    "inspektur": set(OBJECTS),
    "pengaduan": set(OBJECTS),
    "operator.dinkes": {"dinkes", "puskesmas", "pustu"},
    "kepala.dinkes": {"dinkes", "puskesmas", "pustu"},
    "operator.puskesmas": {"puskesmas", "pustu"},
    "operator.kecamatan": {"kecamatan", "kelurahan"},
    "nobody": set(),
}

#: (role, door) -> {object: expected}; one test per (role, door) checks every object.
TABLE = [
    (role, door, {obj: (ALLOWED if obj in seen else DENIED) for obj in OBJECTS})
    for role, seen in SEES.items()
    for door in ("rest", "graphql")
] + [("anonymous", door, dict.fromkeys(OBJECTS, LOGIN)) for door in ("rest", "graphql")]


def _rest(client, headers, opd_id) -> str:
    response = client.get(f"/api/v1/opds/{opd_id}/", **headers)
    if response.status_code == 200:
        assert response.json()["id"] == opd_id
        return ALLOWED
    return {404: DENIED, 401: LOGIN}[response.status_code]


def _graphql(client, headers, opd_id) -> str:
    status, body = gql(client, "query($id: ID!) { opd(id: $id) { id } }", {"id": str(opd_id)}, **headers)
    assert status == 200
    if body["data"]["opd"] is not None:
        assert body["data"]["opd"]["id"] == str(opd_id)
        return ALLOWED
    return {404: DENIED, 401: LOGIN}[body["errors"][0]["extensions"]["status"]]


@pytest.mark.parametrize(("role", "door", "expected"), TABLE, ids=[f"{r}-{d}" for r, d, _ in TABLE])
def test_opd_detail_permission_table(client, users, tree, role, door, expected):
    headers = {}
    if role != "anonymous":
        token, _ = Token.objects.get_or_create(user=users[role])
        headers["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    check = _rest if door == "rest" else _graphql
    actual = {obj: check(client, headers, tree[obj].pk) for obj in OBJECTS}
    assert actual == expected
