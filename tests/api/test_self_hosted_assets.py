"""Every admin/API asset is served by the site itself; absolute URLs name the configured host."""

import base64
import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import RequestFactory, override_settings
from graphene_django.views import GraphQLView

from api.graphql.views import SepakatGraphQLView

ASSETS = {
    "fetch.umd.js": GraphQLView.whatwg_fetch_sri,
    "react.production.min.js": GraphQLView.react_sri,
    "react-dom.production.min.js": GraphQLView.react_dom_sri,
    "graphiql.min.js": GraphQLView.graphiql_sri,
    "graphiql.min.css": GraphQLView.graphiql_css_sri,
    "graphiql-plugin-explorer.umd.js": GraphQLView.graphiql_plugin_explorer_sri,
    "graphql-ws.min.js": None,
    "graphiql-plugin-explorer.css": None,
}


@pytest.mark.parametrize(("name", "sri"), ASSETS.items())
def test_graphiql_assets_are_vendored_with_graphene_djangos_hashes(name, sri):
    path = finders.find(f"api/graphiql/{name}")
    assert path, name
    if sri:
        digest = base64.b64encode(hashlib.sha256(Path(path).read_bytes()).digest()).decode()
        assert sri == f"sha256-{digest}"


def test_graphiql_page_loads_nothing_from_another_origin(db):
    request = RequestFactory().get("/graphql/", HTTP_ACCEPT="text/html")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = SepakatGraphQLView.as_view(graphiql=True)(request)
    body = response.content.decode()
    assert response.status_code == 200
    assert "cdn.jsdelivr.net" not in body
    assert "https://" not in body
    assert "http://" not in body
    for name in ASSETS:
        assert f"/static/api/graphiql/{name}" in body


def test_graphiql_csp_has_no_cdn():
    from cms.csp import extra_sources

    with override_settings(DEBUG=True):
        sources = extra_sources("/graphql/")
    assert not [s for values in sources.values() for s in values if s.startswith("http")]


def test_swagger_and_redoc_come_from_the_sidecar():
    assert settings.SPECTACULAR_SETTINGS["SWAGGER_UI_DIST"] == "SIDECAR"
    assert settings.SPECTACULAR_SETTINGS["REDOC_DIST"] == "SIDECAR"


@override_settings(WAGTAILADMIN_BASE_URL="https://sepakat.nunukankab.go.id")
def test_pages_api_html_url_uses_the_configured_host(client, db):
    from wagtail.models import Site

    from home.demo import configure_site_host

    site = Site.objects.get(is_default_site=True)
    configure_site_host(site)
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("sepakat.nunukankab.go.id", 443)
    data = client.get("/api/v2/pages/", {"fields": "html_url"}).json()
    urls = [item["meta"]["html_url"] for item in data["items"]]
    assert urls
    assert all(url.startswith("https://sepakat.nunukankab.go.id/") for url in urls), urls
    assert client.get("/", HTTP_HOST="localhost").status_code in (200, 302)  # other hosts still served
