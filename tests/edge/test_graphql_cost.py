"""Issue 12 item 6: GraphQL cost limits, body size before parsing, REST's throttles, introspection."""

import json

import pytest
from django.test import Client

from tests.api.conftest import gql, token_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_three_thousand_aliases_are_refused_before_full_validation(settings):
    """Refused by the token bound while parsing; with a larger bound, by the alias rule alone."""
    query = "{ " + " ".join(f"a{n}: wbsCategories {{ id name }}" for n in range(3000)) + " }"
    status, body = gql(Client(), query)
    assert status == 400
    assert "data" not in body or body["data"] is None
    # Only the cheap cost rule answered: graphql-core's own (quadratic) rules never ran.
    assert {e["extensions"]["code"] for e in body["errors"]} == {"query_too_costly"}
    assert "lebih dari 5000 token" in body["errors"][0]["message"]
    settings.GRAPHQL_MAX_TOKENS = 100_000
    status, body = gql(Client(), query)
    assert status == 400
    assert {e["extensions"]["code"] for e in body["errors"]} == {"query_too_costly"}
    assert any("3000 alias" in e["message"] for e in body["errors"])


def test_fragments_that_multiply_are_counted_and_refused(settings):
    settings.GRAPHQL_MAX_ALIASES = 10_000
    fragments = (
        " ".join(f"fragment F{n} on WbsCategoryType {{ ...F{n + 1} ...F{n + 1} id }}" for n in range(20))
        + " fragment F20 on WbsCategoryType { id name }"
    )
    status, body = gql(Client(), "query Bom { wbsCategories { ...F0 } } " + fragments)
    assert status == 400
    assert body["errors"][0]["extensions"]["code"] == "query_too_costly"


def test_a_normal_query_passes():
    status, body = gql(Client(), "{ wbsCategories { id name } }")
    assert status == 200, body


def test_four_megabyte_body_is_refused_before_parsing():
    body = b'{"query": "' + b"{" * (4 * 1024 * 1024) + b'"}'  # not even valid GraphQL: never parsed
    response = Client().post("/graphql/", data=body, content_type="application/json")
    assert response.status_code == 413
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "payload_too_large"
    assert "terlalu besar" in error["message"]


def test_graphql_is_throttled_like_rest(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "5/minute", "user": "100/minute"},
    }
    client = Client()
    statuses = [gql(client, "{ wbsCategories { id } }", REMOTE_ADDR="203.0.113.50")[0] for _ in range(7)]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": "{ wbsCategories { id } }"}),
        content_type="application/json",
        REMOTE_ADDR="203.0.113.50",
    )
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["errors"][0]["extensions"]["code"] == "throttled"
    # A forged X-Forwarded-For from an untrusted client does not open a new bucket.
    assert gql(client, "{ wbsCategories { id } }", REMOTE_ADDR="203.0.113.50", HTTP_X_FORWARDED_FOR="1.2.3.4")[0] == 429
    # Another client is not affected.
    assert gql(client, "{ wbsCategories { id } }", REMOTE_ADDR="203.0.113.51")[0] == 200


def test_anonymous_introspection_follows_the_setting(settings):
    from graphql import get_introspection_query

    settings.GRAPHQL_INTROSPECTION_ANONYMOUS = False
    status, body = gql(Client(), get_introspection_query())
    assert status == 400
    assert "introspection" in body["errors"][0]["message"].lower()
    status, body = gql(token_client(UserFactory(username="staf.skema")), get_introspection_query())
    assert status == 200
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"
