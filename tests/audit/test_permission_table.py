"""(role, door) → allowed or denied, for every door into the audit trail."""

import json

import pytest
from rest_framework.authtoken.models import Token

from organizations.roles import GlobalRole
from tests.factories import UserFactory, opd_user

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "auditor": [GlobalRole.AUDITOR],
    "inspektorat": [GlobalRole.INSPECTORATE],
    "editor": [GlobalRole.KOMINFO_EDITOR],
    "bappeda": [GlobalRole.BAPPEDA_REVIEWER],
    "meja_pengaduan": [GlobalRole.COMPLAINT_DESK],
    "opd_operator": "opd",
    "superuser": "superuser",
}
#: role -> (admin timeline, REST events, GraphQL auditEvents)
TABLE = {
    "anonymous": ("login", 401, 401),
    "auditor": (200, 200, 200),
    "inspektorat": (200, 200, 200),
    "editor": ("denied", 403, 403),
    "bappeda": ("denied", 403, 403),
    "meja_pengaduan": ("denied", 403, 403),
    "opd_operator": ("denied", 403, 403),
    "superuser": (200, 200, 200),
}


def make_user(role, opd):
    spec = ROLES[role]
    if spec is None:
        return None
    if spec == "opd":
        return opd_user(opd, username="op.tabel")
    if spec == "superuser":
        return UserFactory(username="super.tabel", is_superuser=True, is_staff=True)
    return UserFactory(username=f"{role}.tabel", roles=spec)


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(client, role, opd):
    user = make_user(role, opd)
    admin_expected, rest_expected, gql_expected = TABLE[role]
    headers = {}
    if user is not None:
        client.force_login(user)
        token, _ = Token.objects.get_or_create(user=user)
        headers = {"HTTP_AUTHORIZATION": f"Token {token.key}"}

    response = client.get("/admin/audit/")
    if admin_expected == "login":
        assert response.status_code == 302
        assert "/login/" in response.url
    elif admin_expected == "denied":
        assert response.status_code == 302
        assert response.url == "/admin/"
    else:
        assert response.status_code == 200

    client.logout()
    assert client.get("/api/v1/audit/events/", **headers).status_code == rest_expected

    body = client.post(
        "/graphql/",
        json.dumps({"query": "{ auditEvents { totalCount } }"}),
        content_type="application/json",
        **headers,
    ).json()
    if gql_expected == 200:
        assert "errors" not in body, body
    else:
        assert body["errors"][0]["extensions"]["status"] == gql_expected
