"""OpenAPI 3 (drf-spectacular) and Swagger UI."""

from django.urls import include, path

from api.rest import organizations


def test_schema_endpoint_serves_our_paths(client, db):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for api_path in ("/api/v1/auth/token/", "/api/v1/me/", "/api/v1/opds/", "/api/v1/opds/{id}/"):
        assert api_path in schema["paths"], api_path
    params = {p["name"] for p in schema["paths"]["/api/v1/opds/"]["get"]["parameters"]}
    assert {"kind", "is_active", "parent", "search", "page", "page_size", "ordering"} <= params
    assert not any("_test" in p or p.endswith("{path}") for p in schema["paths"])
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_swagger_ui(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


def test_our_endpoints_generate_without_warnings(capsys):
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    patterns = [path("api/v1/", include(organizations.urlpatterns + organizations.router.urls))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    assert "/api/v1/opds/{id}/" in schema["paths"]
    captured = capsys.readouterr()
    assert not GENERATOR_STATS, captured.err
    assert "Warning" not in captured.err, captured.err
    assert "Error" not in captured.err, captured.err


def test_idempotent_views_document_the_header(capsys):
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    from tests.api import urls as test_urls

    GENERATOR_STATS.reset()
    patterns = [p for p in test_urls.urlpatterns[:4] if "idempotent" in str(p.pattern) or "required" in str(p.pattern)]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    capsys.readouterr()
    GENERATOR_STATS.reset()
    params = {path: {p["name"]: p for p in op["post"].get("parameters", [])} for path, op in schema["paths"].items()}
    assert params["/api/v1/_test/idempotent/"]["Idempotency-Key"]["in"] == "header"
    assert not params["/api/v1/_test/idempotent/"]["Idempotency-Key"].get("required", False)
    assert params["/api/v1/_test/required-key/"]["Idempotency-Key"]["required"] is True


def test_every_operation_has_its_own_description(client, db):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    seen: dict[str, str] = {}
    for api_path, item in schema["paths"].items():
        for method, operation in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            name = f"{method.upper()} {api_path}"
            text = (operation.get("description") or "").strip()
            assert text, f"{name} has no description"
            assert text not in seen, f"{name} shares its description with {seen[text]}"
            seen[text] = name
