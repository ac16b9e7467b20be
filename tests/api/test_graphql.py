"""GraphQL over HTTP: same authentication as REST, CSRF for session POSTs, depth limit, errors."""

import pytest
from django.test import Client, override_settings
from rest_framework.authtoken.models import Token

from tests.api.conftest import gql

OPDS = (
    "query Opds($kind: String, $search: String, $isActive: Boolean, $parent: ID, $page: Int, $pageSize: Int) {"
    " opds(kind: $kind, search: $search, isActive: $isActive, parent: $parent, page: $page, pageSize: $pageSize) {"
    " totalCount page pageSize items { id name acronym kind kindLabel isActive parent { id name } } } }"
)
ME = (
    "{ me { id username fullName email isSuperuser globalRoles { code label }"
    " memberships { role roleLabel opd { id name acronym kind } } } }"
)
OPD = "query Opd($id: ID!) { opd(id: $id) { id name parent { name } } }"


def token_header(user) -> dict:
    token, _ = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def item_names(body) -> list[str]:
    return [item["name"] for item in body["data"]["opds"]["items"]]


def test_ping_needs_no_login(client, db):
    assert gql(client, "{ ping }") == (200, {"data": {"ping": "pong"}})


def test_token_auth(client, users):
    status, body = gql(client, ME, **token_header(users["kepala.dinkes"]))
    assert status == 200, body
    me = body["data"]["me"]
    assert me["username"] == "kepala.dinkes"
    assert me["memberships"][0]["role"] == "verifier"
    assert me["memberships"][0]["opd"]["acronym"] == "DINKES"


def test_me_lists_global_roles(client, users):
    _status, body = gql(client, ME, **token_header(users["inspektur"]))
    assert body["data"]["me"]["globalRoles"] == [{"code": "Inspektorat", "label": "Inspektorat"}]


def test_anonymous_me_is_a_401_error_in_extensions(client, db):
    status, body = gql(client, ME)
    assert status == 200  # GraphQL over HTTP: the error is in the body
    error = body["errors"][0]
    assert error["extensions"]["code"] == "not_authenticated"
    assert error["extensions"]["status"] == 401
    assert error["message"] == "Silakan masuk terlebih dahulu."
    assert error["path"] == ["me"]


def test_bad_token_is_http_401(client, db):
    status, body = gql(client, "{ ping }", HTTP_AUTHORIZATION="Token nggak-ada")
    assert status == 401
    assert body["errors"][0]["extensions"]["code"] == "authentication_failed"


def test_session_auth_with_csrf_token(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["auditor"])
    client.get("/graphql/", HTTP_ACCEPT="application/json")  # the view sets the csrftoken cookie
    csrf = client.cookies["csrftoken"].value
    status, body = gql(client, ME, HTTP_X_CSRFTOKEN=csrf)
    assert status == 200, body
    assert body["data"]["me"]["username"] == "auditor"


def test_session_post_without_csrf_is_refused(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["auditor"])
    status, body = gql(client, ME)
    assert status == 403
    assert body["errors"][0]["extensions"]["code"] == "permission_denied"
    assert "CSRF" in body["errors"][0]["message"]


def test_token_post_needs_no_csrf_even_with_a_session(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["auditor"])
    status, body = gql(client, ME, **token_header(users["kepala.dinkes"]))
    assert status == 200, body
    assert body["data"]["me"]["username"] == "kepala.dinkes"  # the token wins over the session


def test_anonymous_post_is_not_csrf_checked(db):
    status, body = gql(Client(enforce_csrf_checks=True), "{ ping }")
    assert status == 200, body


def test_session_get_query_works_without_csrf(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["auditor"])
    response = client.get("/graphql/", {"query": "{ me { username } }"}, HTTP_ACCEPT="application/json")
    assert response.json() == {"data": {"me": {"username": "auditor"}}}


def test_opds_visibility_and_pagination(client, users, tree):
    status, body = gql(client, OPDS, {"pageSize": 2}, **token_header(users["operator.dinkes"]))
    assert status == 200, body
    page = body["data"]["opds"]
    assert (page["totalCount"], page["page"], page["pageSize"]) == (3, 1, 2)
    assert [i["name"] for i in page["items"]] == ["Dinas Kesehatan", "Pustu Binusan"]
    assert page["items"][1]["parent"]["name"] == "UPT Puskesmas Nunukan"
    _status, body = gql(client, OPDS, {"page": 2, "pageSize": 2}, **token_header(users["operator.dinkes"]))
    assert item_names(body) == ["UPT Puskesmas Nunukan"]


def test_opds_filters_match_rest(client, users, tree):
    headers = token_header(users["auditor"])
    assert item_names(gql(client, OPDS, {"kind": "kecamatan"}, **headers)[1]) == ["Kecamatan Nunukan"]
    assert item_names(gql(client, OPDS, {"isActive": False}, **headers)[1]) == ["Kantor Lama"]
    assert item_names(gql(client, OPDS, {"search": "disdik"}, **headers)[1]) == ["Dinas Pendidikan dan Kebudayaan"]
    parent = {"parent": str(tree["kecamatan"].pk)}
    assert item_names(gql(client, OPDS, parent, **headers)[1]) == ["Kelurahan Nunukan Timur"]
    assert gql(client, OPDS, {}, **headers)[1]["data"]["opds"]["totalCount"] == 6


def test_bad_filter_and_page_size_are_field_errors(client, users, tree):
    headers = token_header(users["auditor"])
    _status, body = gql(client, OPDS, {"kind": "planet"}, **headers)
    error = body["errors"][0]
    assert error["extensions"]["code"] == "validation"
    assert error["extensions"]["status"] == 400
    assert list(error["extensions"]["errors"]) == ["kind"]
    _status, body = gql(client, OPDS, {"pageSize": 1000}, **headers)
    assert body["errors"][0]["extensions"]["errors"] == {"pageSize": ["Ukuran halaman harus antara 1 dan 100."]}


def test_opd_detail_invisible_is_not_found(client, users, tree):
    headers = token_header(users["operator.dinkes"])
    _status, body = gql(client, OPD, {"id": str(tree["pustu"].pk)}, **headers)
    assert body["data"]["opd"] == {
        "id": str(tree["pustu"].pk),
        "name": "Pustu Binusan",
        "parent": {"name": "UPT Puskesmas Nunukan"},
    }
    _status, body = gql(client, OPD, {"id": str(tree["disdik"].pk)}, **headers)
    assert body["data"]["opd"] is None
    assert body["errors"][0]["extensions"]["code"] == "not_found"
    assert body["errors"][0]["extensions"]["status"] == 404


def test_english_errors(client, db):
    _status, body = gql(client, ME, HTTP_ACCEPT_LANGUAGE="en")
    assert body["errors"][0]["message"] == "Please sign in first."


@override_settings(GRAPHQL_MAX_DEPTH=2)
def test_depth_limit_on_the_real_schema(client, users):
    status, body = gql(client, "query Deep { opds { items { parent { name } } } }", **token_header(users["auditor"]))
    assert status == 400
    error = body["errors"][0]
    assert error["message"] == "Kueri 'Deep' terlalu dalam: kedalaman 4 melebihi batas 2."
    assert error["extensions"]["code"] == "query_too_deep"
    assert "data" not in body


@pytest.mark.urls("tests.api.urls")
def test_depth_limit_default_is_eight_and_counts_fragments(client, db):
    def nested(levels: int) -> str:
        return "node { " + "child { " * (levels - 2) + "value" + " }" * (levels - 2) + " }"

    ok = gql(client, "{ " + nested(8) + " }", path="/graphql-test/")
    assert ok[0] == 200, ok
    status, body = gql(client, "{ " + nested(9) + " }", path="/graphql-test/")
    assert status == 400
    assert "kedalaman 9 melebihi batas 8" in body["errors"][0]["message"]
    fragments = (
        "query F { node { ...A } } fragment A on Node { child { ...B } } "
        "fragment B on Node { child { child { child { child { child { child { child { value } } } } } } } }"
    )
    status, body = gql(client, fragments, path="/graphql-test/")
    assert status == 400
    assert "kedalaman 10" in body["errors"][0]["message"]


def test_introspection_is_not_limited_by_depth(client, db):
    from graphql import get_introspection_query

    status, body = gql(client, get_introspection_query())
    assert status == 200
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


def test_graphiql_only_in_debug(client, db):
    from django.urls import resolve

    assert resolve("/graphql/").func.view_initkwargs["graphiql"] is False
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert b"graphiql" not in response.content.lower()
