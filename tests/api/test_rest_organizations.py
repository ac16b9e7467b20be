"""REST: token login, ``me`` and the OPD list/detail through the visibility selectors."""

import pytest
from rest_framework.authtoken.models import Token

from tests.api.conftest import token_client


def names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


def test_token_login_then_token_auth(api_client, users):
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "operator.dinkes", "password": "rahasia-uji-123"}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert token == Token.objects.get(user=users["operator.dinkes"]).key
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api_client.get("/api/v1/me/").json()["username"] == "operator.dinkes"
    # Logging in again gives the same token.
    again = api_client.post(
        "/api/v1/auth/token/", {"username": "operator.dinkes", "password": "rahasia-uji-123"}, format="json"
    )
    assert again.json()["token"] == token


def test_inactive_user_cannot_log_in(api_client, users):
    users["auditor"].is_active = False
    users["auditor"].save()
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "auditor", "password": "rahasia-uji-123"}, format="json"
    )
    assert response.status_code == 400


def test_session_auth_for_the_browser(client, users):
    client.force_login(users["auditor"])
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["global_roles"] == [{"code": "Auditor", "label": "Auditor"}]


def test_session_post_without_csrf_is_rejected(users):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users["auditor"])
    # The token endpoint ignores the session (no authentication classes), so use ``me`` via PUT: 403 CSRF first.
    response = client.put("/api/v1/me/", data="{}", content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "CSRF" in response.json()["detail"]


def test_me_shows_memberships_and_roles(users, tree):
    body = token_client(users["kepala.dinkes"]).get("/api/v1/me/").json()
    assert body["username"] == "kepala.dinkes"
    assert body["global_roles"] == []
    assert body["memberships"] == [
        {
            "opd": {"id": tree["dinkes"].pk, "name": "Dinas Kesehatan", "acronym": "DINKES", "kind": "dinas"},
            "role": "verifier",
            "role_label": "Verifikator / Kepala OPD",
        }
    ]
    me = token_client(users["operator.dinkes"]).get("/api/v1/me/").json()
    assert me["full_name"] == "Sari Dewi"
    assert me["email"] == "operator.dinkes@nunukankab.go.id"


def test_me_anonymous_is_401(api_client, db):
    assert api_client.get("/api/v1/me/").status_code == 401


def test_opd_user_sees_own_opd_and_subtree_only(users, tree):
    response = token_client(users["operator.dinkes"]).get("/api/v1/opds/")
    assert response.status_code == 200
    assert names(response) == ["Dinas Kesehatan", "Pustu Binusan", "UPT Puskesmas Nunukan"]
    assert response.json()["count"] == 3


def test_pemda_wide_role_sees_all_active(users, tree):
    response = token_client(users["bappeda"]).get("/api/v1/opds/")
    assert response.json()["count"] == 6
    assert "Kantor Lama" not in names(response)


def test_opd_list_filters(users, tree):
    client = token_client(users["auditor"])
    assert names(client.get("/api/v1/opds/", {"kind": "kecamatan"})) == ["Kecamatan Nunukan"]
    assert names(client.get("/api/v1/opds/", {"parent": tree["kecamatan"].pk})) == ["Kelurahan Nunukan Timur"]
    assert names(client.get("/api/v1/opds/", {"is_active": "false"})) == ["Kantor Lama"]
    assert len(names(client.get("/api/v1/opds/", {"is_active": "true"}))) == 6
    assert names(client.get("/api/v1/opds/", {"search": "disdik"})) == ["Dinas Pendidikan dan Kebudayaan"]
    assert names(client.get("/api/v1/opds/", {"search": "puskesmas"})) == ["UPT Puskesmas Nunukan"]
    assert names(client.get("/api/v1/opds/", {"ordering": "-acronym", "kind": "dinas"})) == [
        "Dinas Pendidikan dan Kebudayaan",
        "Dinas Kesehatan",
    ]


def test_filters_never_widen_visibility(users, tree):
    client = token_client(users["operator.kecamatan"])
    assert names(client.get("/api/v1/opds/", {"kind": "dinas"})) == []
    assert names(client.get("/api/v1/opds/", {"search": "Dinas"})) == []


def test_opd_list_is_paginated(users, tree):
    client = token_client(users["auditor"])
    body = client.get("/api/v1/opds/", {"page_size": 2}).json()
    assert body["count"] == 6
    assert len(body["results"]) == 2
    assert body["next"].endswith("page=2&page_size=2")
    assert client.get("/api/v1/opds/", {"page": 99}).status_code == 404


def test_opd_detail_shape(users, tree):
    body = token_client(users["operator.dinkes"]).get(f"/api/v1/opds/{tree['puskesmas'].pk}/").json()
    assert body == {
        "id": tree["puskesmas"].pk,
        "name": "UPT Puskesmas Nunukan",
        "acronym": "PKM-NNK",
        "kind": "lainnya",
        "kind_label": "Lainnya",
        "parent": {"id": tree["dinkes"].pk, "name": "Dinas Kesehatan", "acronym": "DINKES", "kind": "dinas"},
        "region_code": None,
        "is_active": True,
        "email": "",
        "phone": "",
        "address": "",
        "website": "",
    }


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_opds_are_read_only(users, tree, method):
    client = token_client(users["superuser"])
    url = "/api/v1/opds/" if method == "post" else f"/api/v1/opds/{tree['dinkes'].pk}/"
    assert getattr(client, method)(url, {}, format="json").status_code == 405
