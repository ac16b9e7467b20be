"""Lists cost the same number of queries at 5 and at 50 rows (no N+1), REST and GraphQL."""

import pytest
from rest_framework.authtoken.models import Token

from organizations.models import Membership, OPDKind
from organizations.roles import GlobalRole
from tests.api.conftest import gql
from tests.factories import OPDFactory, UserFactory, opd_user

#: token lookup, global roles, COUNT, page SELECT (+ slack for the membership subquery plan).
LIST_BOUND = 5
ME_BOUND = 5

GQL_OPDS = "{ opds(pageSize: 100) { totalCount items { id name kindLabel parent { id name acronym kind } } } }"
GQL_ME = "{ me { username globalRoles { code } memberships { role roleLabel opd { id name acronym } } } }"


def build(size: int):
    kecamatan = OPDFactory(name="Kecamatan Sebatik", kind=OPDKind.KECAMATAN)
    for i in range(size - 1):
        OPDFactory(name=f"Kelurahan Sebatik {i:02d}", kind=OPDKind.KELURAHAN, parent=kecamatan)
    return kecamatan


def auth(user) -> dict:
    token, _ = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize("who", ["opd_user", "pemda_wide"])
def test_rest_opd_list(client, db, django_assert_max_num_queries, size, who):
    root = build(size)
    user = opd_user(root) if who == "opd_user" else UserFactory(roles=[GlobalRole.AUDITOR])
    headers = auth(user)
    with django_assert_max_num_queries(LIST_BOUND):
        response = client.get("/api/v1/opds/", {"page_size": 100}, **headers)
    assert response.status_code == 200
    assert response.json()["count"] == size
    assert all(row["parent"] for row in response.json()["results"][1:] if row["name"] != root.name)


@pytest.mark.parametrize("size", [5, 50])
@pytest.mark.parametrize("who", ["opd_user", "pemda_wide"])
def test_graphql_opd_list(client, db, django_assert_max_num_queries, size, who):
    root = build(size)
    user = opd_user(root) if who == "opd_user" else UserFactory(roles=[GlobalRole.AUDITOR])
    headers = auth(user)
    with django_assert_max_num_queries(LIST_BOUND):
        status, body = gql(client, GQL_OPDS, **headers)
    assert status == 200, body
    assert body["data"]["opds"]["totalCount"] == size
    assert sum(1 for item in body["data"]["opds"]["items"] if item["parent"]) == size - 1


@pytest.mark.parametrize("memberships", [2, 20])
def test_me_rest_and_graphql(client, db, django_assert_max_num_queries, memberships):
    user = UserFactory(roles=[GlobalRole.BAPPEDA_REVIEWER])
    parent = OPDFactory()
    for _ in range(memberships):
        Membership.objects.create(user=user, opd=OPDFactory(parent=parent))
    headers = auth(user)
    with django_assert_max_num_queries(ME_BOUND):
        response = client.get("/api/v1/me/", **headers)
    assert len(response.json()["memberships"]) == memberships
    with django_assert_max_num_queries(ME_BOUND):
        _status, body = gql(client, GQL_ME, **headers)
    assert len(body["data"]["me"]["memberships"]) == memberships
