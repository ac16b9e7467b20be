"""Issue 12 item 12: malformed input is a 4xx problem+json at every door, never a 500."""

import pytest
from rest_framework.test import APIClient

from tests.api.conftest import token_client
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_JSON_POSTS = [
    "/api/v1/wbs/follow-up/",
    "/api/v1/wbs/follow-up/reply/",
    "/api/v1/wbs/reports/",
    "/api/v1/complaints/",
    "/api/v1/complaints/track/",
    "/api/v1/auth/token/",
]
BODIES = [b"[]", b'["a", "b"]', b'"teks"', b"7", b"null", b"true", b"\xff\xfe{", b'{"a": "\xc3\x28"}', b"{"]


def _assert_problem(response, *codes):
    assert response.status_code in codes, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("path", PUBLIC_JSON_POSTS)
@pytest.mark.parametrize("body", BODIES, ids=repr)
def test_non_object_or_broken_json_bodies_are_400(path, body):
    response = APIClient().post(path, data=body, content_type="application/json")
    _assert_problem(response, 400)


@pytest.mark.parametrize(
    "value", ["-1.7976931348623155e+308", "1e400", "1.5", "-3", "0", "9" * 30, "abc", "NaN", "Infinity"]
)
def test_opd_parent_filter_validates_ids(value):
    client = token_client(UserFactory(is_superuser=True))
    _assert_problem(client.get("/api/v1/opds/", {"parent": value}), 400)


@pytest.mark.parametrize("pk", ["9" * 30, "-1", "1.5", str(2**63), "%00"])
def test_huge_negative_or_float_ids_in_paths_are_404(pk):
    client = token_client(UserFactory(is_superuser=True))
    for path in (f"/api/v1/opds/{pk}/", f"/api/v1/wbs/cases/{pk}/", f"/api/v1/audit/events/{pk}/"):
        response = client.get(path)
        _assert_problem(response, 400, 403, 404)


def test_oversized_fields_are_field_errors():
    response = APIClient().post("/api/v1/wbs/follow-up/", {"receipt_code": "A" * 100_000}, format="json")
    _assert_problem(response, 400)
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "u" * 10_000, "password": "p" * 10_000}, format="json"
    )
    _assert_problem(response, 400)


@pytest.mark.parametrize("query", [{"kind": ""}, {"is_active": "-1"}, {"is_active": "ya"}, "kind=dinas&kind=badan"])
def test_opd_filters_are_strict(query):
    client = token_client(UserFactory(is_superuser=True))
    path = "/api/v1/opds/" + (f"?{query}" if isinstance(query, str) else "")
    response = client.get(path, query if isinstance(query, dict) else None)
    _assert_problem(response, 400)


def test_complaint_staff_opd_filter_is_bounded():
    from organizations.roles import GlobalRole

    client = token_client(UserFactory(username="meja.uji", roles=[GlobalRole.COMPLAINT_DESK]))
    _assert_problem(client.get("/api/v1/complaints/staff/", {"opd": "9" * 30}), 400)
