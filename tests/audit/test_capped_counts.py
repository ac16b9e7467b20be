"""No exact COUNT(*) on unbounded lists (cms/counting.py, ADR 0019): REST audit events, GraphQL
pages and the auditor's timeline count at most ``LIST_COUNT_CAP + 1`` rows and say when they stopped."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.actors import Door, acting_as
from tests.audit.test_api import EVENTS, gql, token_client, token_header
from tests.factories import OPDFactory

pytestmark = pytest.mark.django_db
CAP = 8
PAGE = """query($pageSize: Int) { auditEvents(model: "organizations.opd", pageSize: $pageSize, page: 3) {
    totalCount totalCountCapped items { objectId } } }"""


@pytest.fixture
def cap(settings):
    settings.LIST_COUNT_CAP = CAP


def make_events(size: int) -> None:
    with acting_as("penguji", door=Door.ADMIN):
        for i in range(size):
            OPDFactory(name=f"Kelurahan {i}")


def counts_are_capped(queries) -> None:
    # (the unsealed backlog, ``seq IS NULL``, is counted exactly: it is the sealing job's queue, not the list)
    counts = [
        q["sql"]
        for q in queries
        if "COUNT(" in q["sql"].upper() and "audit_auditevent" in q["sql"] and '"seq" IS NULL' not in q["sql"]
    ]
    assert counts, "the list was not counted at all"
    for sql in counts:
        assert f"LIMIT {CAP + 1}" in sql.upper(), sql


@pytest.mark.parametrize(("size", "count", "capped"), [(5, 5, False), (20, CAP + 1, True)])
def test_rest_audit_events_count_up_to_the_cap(cap, auditor, size, count, capped, django_assert_max_num_queries):
    make_events(size)
    client = token_client(auditor)
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(8):
        body = client.get(EVENTS, {"model": "organizations.opd", "page_size": 2}).json()
    assert (body["count"], body["count_capped"]) == (count, capped)
    assert len(body["results"]) == 2
    counts_are_capped(queries)


@pytest.mark.parametrize(("size", "count", "capped"), [(5, 5, False), (20, CAP + 1, True)])
def test_graphql_pages_count_up_to_the_cap(client, cap, auditor, size, count, capped, django_assert_max_num_queries):
    make_events(size)
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(10):
        _status, body = gql(client, PAGE, {"pageSize": 2}, **token_header(auditor))
    page = body["data"]["auditEvents"]
    assert (page["totalCount"], page["totalCountCapped"]) == (count, capped)
    assert len(page["items"]) == min(2, max(size - 4, 0))  # page 3 of 2 rows: rows 5 and 6
    counts_are_capped(queries)


def test_graphql_pages_past_the_cap_still_have_rows(client, cap, auditor):
    make_events(20)
    query = PAGE.replace("page: 3", "page: 6")  # rows 11-12, beyond the counted 9
    _status, body = gql(client, query, {"pageSize": 2}, **token_header(auditor))
    assert len(body["data"]["auditEvents"]["items"]) == 2


@pytest.mark.parametrize(("size", "text"), [(5, "5 peristiwa cocok."), (20, f"Lebih dari {CAP} peristiwa cocok")])
def test_timeline_says_more_than_the_cap(client, cap, auditor, size, text):
    make_events(size)
    client.force_login(auditor)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/audit/", {"model": "organizations.opd"})
    assert text in response.content.decode()
    counts_are_capped(queries)
