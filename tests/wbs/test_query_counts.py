"""The Inspektorat's lists use a constant number of queries (5 and 40 reports, same bound)."""

import pytest

from tests.factories import OPDFactory, inspector, wbs_report
from wbs.investigation import report_assign

from .doors import CASES_QUERY, client_for, gql

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cheap_hash(settings):
    settings.WBS_SCRYPT_N = 2**4  # the list never hashes; seeding 40 reports should not take seconds
    settings.WBS_SUBMISSIONS_PER_MINUTE = 1000


def _seed(n: int, category, actor):
    for i in range(n):
        report, _ = wbs_report(opd=OPDFactory(), category=category, title=f"Laporan {i}")
        if i % 2:
            report_assign(report=report, assignee=actor, actor=actor)


@pytest.mark.parametrize("size", [5, 40])
def test_rest_list(size, category, django_assert_max_num_queries):
    user = inspector(username="inspektur.qc")
    _seed(size, category, user)
    client = client_for(user)
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/wbs/cases/?page_size=100")
    assert response.json()["count"] == size


@pytest.mark.parametrize("size", [5, 40])
def test_graphql_list(size, category, django_assert_max_num_queries):
    user = inspector(username="inspektur.qc")
    _seed(size, category, user)
    client = client_for(user)
    with django_assert_max_num_queries(6):
        data = gql(client, CASES_QUERY)
    assert data["data"]["wbsCases"]["totalCount"] == size


@pytest.mark.parametrize("size", [5, 40])
def test_admin_list(size, category, django_assert_max_num_queries):
    user = inspector(username="inspektur.qc")
    _seed(size, category, user)
    client = client_for(user)
    client.get("/admin/wbs/")  # warms the per-process caches (content types), whichever test ran first
    with django_assert_max_num_queries(17):
        response = client.get("/admin/wbs/")
    assert response.status_code == 200


@pytest.mark.parametrize("size", [5, 40])
def test_follow_up_messages(size, report, inspector_a, django_assert_max_num_queries):
    from wbs.investigation import message_send

    obj, code = report
    for i in range(size):
        message_send(report=obj, actor=inspector_a, body=f"Pesan {i}")
    client = client_for()
    with django_assert_max_num_queries(3):
        response = client.post("/api/v1/wbs/follow-up/", {"receipt_code": code}, content_type="application/json")
    assert len(response.json()["messages"]) == size
