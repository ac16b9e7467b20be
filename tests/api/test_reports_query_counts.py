"""Report lists cost the same number of queries at two sizes, over REST and GraphQL (no N+1)."""

import pytest
from django.utils import timezone

from organizations.roles import GlobalRole
from reporting import workflow
from reporting.models import Submission
from tests.api.conftest import gql
from tests.api.reports_world import VALID, auth, current_assignment
from tests.factories import OPDFactory, UserFactory, make_assignment, opd_user

ROW = "id status form { key } form_version: formVersion period { label } opd { acronym } dueAt isLate"
Q_LIST = f"query {{ reportSubmissions(pageSize: 100) {{ totalCount items {{ {ROW} }} }} }}"
Q_CURRENT = f"query {{ myCurrentReports(pageSize: 100) {{ totalCount items {{ {ROW} }} }} }}"

#: token, global roles, COUNT, page SELECT and one more lookup: five, at any size.
LIST_BOUND = 5


def build_rows(size: int):
    opds = [OPDFactory() for _ in range(size)]
    assignment = make_assignment(opds=opds, year=timezone.localdate().year + 1, numbers=[1])
    for s in Submission.objects.filter(assignment=assignment)[: size // 2]:
        workflow.submission_save_draft(submission=s, actor=UserFactory(is_superuser=True), answers=VALID)
    user = opd_user(opds[0])
    for opd in opds[1:]:
        user.opd_memberships.create(opd=opd)
    return user


@pytest.mark.parametrize("size", [3, 12])
@pytest.mark.parametrize("who", ["opd_user", "pemda_wide"])
def test_list_query_count_rest_and_graphql(client, db, django_assert_max_num_queries, size, who):
    user = build_rows(size)
    if who == "pemda_wide":
        user = UserFactory(roles=[GlobalRole.AUDITOR])
    headers = auth(user)
    with django_assert_max_num_queries(LIST_BOUND):
        response = client.get("/api/v1/reports/submissions/", {"page_size": 100}, **headers)
    assert response.json()["count"] == size
    assert sum(1 for r in response.json()["results"] if r["form_version"]) == size // 2
    with django_assert_max_num_queries(LIST_BOUND):
        _s, body = gql(client, Q_LIST, **headers)
    assert body["data"]["reportSubmissions"]["totalCount"] == size


@pytest.mark.parametrize("size", [3, 12])
def test_current_query_count_rest_and_graphql(client, db, django_assert_max_num_queries, size):
    opds = [OPDFactory() for _ in range(size)]
    current_assignment(opds=opds)
    user = opd_user(opds[0])
    for opd in opds[1:]:
        user.opd_memberships.create(opd=opd)
    headers = auth(user)
    with django_assert_max_num_queries(LIST_BOUND):
        response = client.get("/api/v1/reports/current/", {"page_size": 100}, **headers)
    assert response.json()["count"] == size
    with django_assert_max_num_queries(LIST_BOUND):
        _s, body = gql(client, Q_CURRENT, **headers)
    assert body["data"]["myCurrentReports"]["totalCount"] == size
