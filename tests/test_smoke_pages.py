"""The doors a newcomer opens first, through the test client: site, admin, API docs, GraphQL.

Also the security headers every response carries (CSP strict on the public site, relaxed
only where a third-party screen needs it) and the Indonesian error pages.
"""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"


def directives(response) -> dict[str, list[str]]:
    policy = response[CSP]
    parts = [part.strip().split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def test_home_page_is_served_with_a_strict_policy(client):
    response = client.get("/")
    assert response.status_code == 200
    csp = directives(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response[CSP]
    assert "'unsafe-eval'" not in response[CSP]


def test_admin_login_gets_the_admin_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    csp = directives(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert "'unsafe-inline'" in csp["style-src"]
    assert csp["frame-ancestors"] == ["'self'"], "the preview panel frames admin pages"
    assert "'unsafe-eval'" not in response[CSP]


def test_admin_dashboard_renders_for_a_superuser(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"wagtailadmin/js/core.js" in response.content


def test_openapi_schema_and_swagger_ui_are_served_from_our_origin(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"openapi: 3" in schema.content
    assert b"/admin/api/" not in schema.content, "the Wagtail admin's private API is not published"
    assert b"/ops/" not in schema.content

    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    body = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in body
    assert "cdn.jsdelivr.net" not in body
    assert "cdn.jsdelivr.net" not in docs[CSP]


def test_graphql_answers_over_http(client):
    response = client.post("/graphql/", {"query": "{ __typename }"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {"data": {"__typename": "Query"}}


def test_graphiql_is_not_served_outside_debug(client):
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")
    assert b"graphiql" not in response.content.lower()
    assert "cdn.jsdelivr.net" not in response.get(CSP, "")


def test_unknown_page_is_an_indonesian_404(client):
    response = client.get("/halaman-yang-tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_server_error_page_is_indonesian_and_standalone():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in response.content.decode()


def test_footer_links_are_a_list_with_no_separator_to_strand(client):
    """At phone width the footer's links wrap; a "·" between them would be left at a line's edge."""
    html = client.get("/").content.decode()
    footer = html[html.index('<footer class="site-footer">') : html.index("</footer>")]
    assert '<ul class="footer-links' in footer
    assert "/search/" in footer
    assert "/api/v2/pages/" in footer
    assert "·" not in footer
