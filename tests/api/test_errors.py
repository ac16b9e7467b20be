"""Every 4xx is RFC 9457 problem+json with dotted field paths, in the client's language."""

import pytest

from tests.api.conftest import token_client

PROBLEM = "application/problem+json"


def assert_problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert set(body) == {"type", "title", "status", "detail", "errors"}
    assert body["status"] == status
    assert body["type"] == f"urn:sepakat:problem:{code}"
    assert body["title"]
    assert body["detail"]
    return body


# --- 400 -----------------------------------------------------------------------------------


@pytest.mark.urls("tests.api.urls")
def test_nested_serializer_errors_are_flattened_to_dotted_paths(api_client, db):
    payload = {"title": "", "items": [{"name": "ok", "qty": 1}, {"name": "x" * 30, "qty": 0}], "tags": [1, "dua"]}
    body = assert_problem(api_client.post("/api/v1/_test/nested/", payload, format="json"), 400, "validation")
    assert set(body["errors"]) == {"title", "items.1.name", "items.1.qty", "tags.1"}
    assert body["errors"]["title"] == ["Bidang ini tidak boleh kosong."]
    assert all(isinstance(m, str) for msgs in body["errors"].values() for m in msgs)
    assert body["title"] == "Data tidak valid"


@pytest.mark.urls("tests.api.urls")
def test_django_validation_error_from_a_service_becomes_the_same_shape(api_client, db):
    body = assert_problem(api_client.post("/api/v1/_test/service/validation/"), 400, "validation")
    assert body["errors"] == {
        "items.0.name": ["Nama barang wajib diisi."],
        "non_field_errors": ["Periode sudah ditutup."],
    }


def test_bad_filter_value_is_a_field_error(users):
    client = token_client(users["auditor"])
    body = assert_problem(client.get("/api/v1/opds/", {"kind": "planet"}), 400, "validation")
    assert list(body["errors"]) == ["kind"]


def test_token_login_with_bad_credentials_is_400_in_indonesian(api_client, users):
    response = api_client.post("/api/v1/auth/token/", {"username": "auditor", "password": "salah"}, format="json")
    body = assert_problem(response, 400, "validation")
    assert body["errors"] == {"non_field_errors": ["Nama pengguna atau kata sandi salah."]}


def test_token_login_missing_fields(api_client, db):
    body = assert_problem(api_client.post("/api/v1/auth/token/", {}, format="json"), 400, "validation")
    assert set(body["errors"]) == {"username", "password"}
    assert "harus diisi" in body["errors"]["username"][0]  # Django/DRF's own Indonesian catalog


def test_malformed_json_is_a_parse_error(api_client, db):
    response = api_client.post("/api/v1/auth/token/", data="{nope", content_type="application/json")
    assert_problem(response, 400, "parse_error")


# --- 401 / 403 -----------------------------------------------------------------------------


def test_anonymous_gets_401_with_www_authenticate(api_client, db):
    response = api_client.get("/api/v1/opds/")
    body = assert_problem(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"
    assert body["detail"] == "Silakan masuk terlebih dahulu."


def test_bad_token_is_401_authentication_failed(api_client, db):
    api_client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    body = assert_problem(api_client.get("/api/v1/me/"), 401, "authentication_failed")
    assert body["detail"] == "Token tidak valid atau sudah tidak berlaku."


@pytest.mark.urls("tests.api.urls")
def test_django_permission_denied_from_a_service_is_403_with_its_message(api_client, db):
    body = assert_problem(api_client.post("/api/v1/_test/service/deny/"), 403, "permission_denied")
    assert body["detail"] == "Hanya verifikator yang boleh menyetujui."
    assert body["errors"] == {}


# --- 404 / 405 / 415 / 429 -----------------------------------------------------------------


def test_invisible_or_missing_opd_is_404(users, tree):
    client = token_client(users["operator.dinkes"])
    assert_problem(client.get(f"/api/v1/opds/{tree['disdik'].pk}/"), 404, "not_found")
    assert_problem(client.get("/api/v1/opds/987654/"), 404, "not_found")


@pytest.mark.parametrize("path", ["/api/v1/tidak-ada/", "/api/v1/opds/1/tambahan/", "/api/v1/opds"])
def test_unknown_api_url_is_a_404_problem_not_html(api_client, db, path):
    assert_problem(api_client.get(path), 404, "not_found")


def test_method_not_allowed_is_405(users, api_client):
    client = token_client(users["auditor"])
    body = assert_problem(client.put("/api/v1/me/", {}, format="json"), 405, "method_not_allowed")
    assert "PUT" in body["detail"]
    assert_problem(api_client.get("/api/v1/auth/token/"), 405, "method_not_allowed")


def test_unsupported_media_type_is_415(api_client, db):
    response = api_client.post("/api/v1/auth/token/", data="username=a", content_type="text/plain")
    body = assert_problem(response, 415, "unsupported_media_type")
    assert "text/plain" in body["detail"]


def test_anonymous_throttling_is_429_with_retry_after(api_client, db, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "1000/minute"},
    }
    for _ in range(2):
        assert api_client.post("/api/v1/auth/token/", {}, format="json").status_code == 400
    response = api_client.post("/api/v1/auth/token/", {}, format="json")
    body = assert_problem(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert response["Retry-After"] in body["detail"]


def test_problem_json_even_when_the_browser_asks_for_html(api_client, db):
    response = api_client.get("/api/v1/opds/", HTTP_ACCEPT="text/html")
    assert_problem(response, 401, "not_authenticated")


# --- Language ------------------------------------------------------------------------------


def test_english_with_accept_language(api_client, db):
    response = api_client.post("/api/v1/auth/token/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    body = assert_problem(response, 400, "validation")
    assert body["title"] == "Invalid data"
    assert body["errors"]["username"] == ["This field is required."]
    assert response["Content-Language"] == "en"
    response = api_client.get("/api/v1/opds/", HTTP_ACCEPT_LANGUAGE="en")
    assert assert_problem(response, 401, "not_authenticated")["detail"] == "Please sign in first."


def test_indonesian_is_the_default_and_explicit(api_client, users):
    for extra in ({}, {"HTTP_ACCEPT_LANGUAGE": "id"}):
        response = api_client.post("/api/v1/auth/token/", {"username": "x", "password": "y"}, format="json", **extra)
        body = assert_problem(response, 400, "validation")
        assert body["title"] == "Data tidak valid"
        assert body["errors"]["non_field_errors"] == ["Nama pengguna atau kata sandi salah."]
    response = api_client.post(
        "/api/v1/auth/token/", {"username": "x", "password": "y"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.json()["errors"]["non_field_errors"] == ["Wrong username or password."]
