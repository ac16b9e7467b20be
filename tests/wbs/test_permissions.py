"""Permission table: (role, door, action) → allowed or denied, over every WBS door.

Public doors (submit, follow-up) are open to everyone, signed in or not. Reading WBS
reports (list, detail, menu) is for the Inspektorat only: not superusers without the role,
not Auditors, not the complaint desk, not the reported OPD.
"""

import pytest

from audit.models import SensitiveRead
from wbs.models import WbsReport

from .doors import (
    CASE_QUERY,
    CASES_QUERY,
    FOLLOW_UP_QUERY,
    SUBMIT_MUTATION,
    client_for,
    gql,
    gql_input,
    page_form,
    submit_payload,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "opd_operator", "opd_head", "auditor", "complaint_desk", "editor", "inspectorate", "superuser"]
READS = [
    ("admin", "menu"),
    ("admin", "list"),
    ("admin", "detail"),
    ("rest", "list"),
    ("rest", "detail"),
    ("graphql", "list"),
    ("graphql", "detail"),
]
PUBLIC = [
    ("page", "submit"),
    ("page", "follow_up"),
    ("rest", "submit"),
    ("rest", "follow_up"),
    ("graphql", "submit"),
    ("graphql", "follow_up"),
]

TABLE = [(role, door, action, role == "inspectorate") for role in ROLES for door, action in READS] + [
    (role, door, action, True) for role in ROLES for door, action in PUBLIC
]


def _allowed(response_code: int) -> bool:
    assert response_code < 500, response_code
    return response_code == 200


def attempt(door: str, action: str, client, ctx) -> bool:
    report, code = ctx["report"]
    opd, category = ctx["opds"]["dinkes"], ctx["category"]
    if door == "admin":
        if action == "menu":
            response = client.get("/admin/")
            return response.status_code == 200 and "/admin/wbs/" in response.content.decode()
        url = "/admin/wbs/" if action == "list" else f"/admin/wbs/{report.pk}/"
        response = client.get(url)
        allowed = _allowed(response.status_code)
        if not allowed:
            assert response.status_code in (302, 403)
        return allowed
    if door == "rest":
        if action == "submit":
            return (
                client.post(
                    "/api/v1/wbs/reports/", submit_payload(opd, category), content_type="application/json"
                ).status_code
                == 201
            )
        if action == "follow_up":
            return _allowed(
                client.post(
                    "/api/v1/wbs/follow-up/", {"receipt_code": code}, content_type="application/json"
                ).status_code
            )
        url = "/api/v1/wbs/cases/" if action == "list" else f"/api/v1/wbs/cases/{report.pk}/"
        response = client.get(url)
        allowed = _allowed(response.status_code)
        if not allowed:
            assert response.status_code in (401, 403)
        return allowed
    if door == "graphql":
        if action == "submit":
            data = gql(client, SUBMIT_MUTATION, {"input": gql_input(opd, category)})
            return "errors" not in data
        if action == "follow_up":
            return "errors" not in gql(client, FOLLOW_UP_QUERY, {"code": code})
        data = gql(
            client, CASES_QUERY if action == "list" else CASE_QUERY, {} if action == "list" else {"id": report.pk}
        )
        if "errors" in data:
            assert data["errors"][0]["extensions"]["code"] in ("not_authenticated", "permission_denied")
            return False
        return True
    if door == "page":
        if action == "submit":
            response = client.post(ctx["pages"]["form"].url, page_form(opd, category))
            return response.status_code == 200 and 'id="receipt-code"' in response.content.decode()
        response = client.post(ctx["pages"]["follow"].url, {"receipt_code": code})
        return response.status_code == 200 and 'id="wbs-status"' in response.content.decode()
    raise AssertionError(door)


@pytest.mark.parametrize(("role", "door", "action", "expected"), TABLE, ids=[f"{r}-{d}-{a}" for r, d, a, _ in TABLE])
def test_permission_table(role, door, action, expected, users, report, opds, category, wbs_pages):
    client = client_for(users[role])
    ctx = {"report": report, "opds": opds, "category": category, "pages": wbs_pages}
    before = WbsReport.objects.count()
    assert attempt(door, action, client, ctx) is expected
    if action == "detail":
        assert SensitiveRead.objects.filter(action="wbs.read").count() == (1 if expected else 0)
    if action == "submit":
        assert WbsReport.objects.count() == before + 1
