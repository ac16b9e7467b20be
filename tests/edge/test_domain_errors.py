"""Issue 18 (domain errors) and issue 17 (429 with the real wait): one base class, mapped once."""

import ast
from pathlib import Path

import pytest

from api.errors import problem_from_exception
from api.graphql.errors import format_graphql_error
from complaints.errors import RateLimitedError as ComplaintRateLimited
from organizations.errors import DomainError, RateLimitedError, format_wait
from wbs.errors import RateLimitedError as WbsRateLimited
from wbs.errors import ReceiptNotFoundError

ROOT = Path(__file__).resolve().parents[2]


def test_one_rate_limited_error_class():
    assert ComplaintRateLimited is RateLimitedError is WbsRateLimited
    assert issubclass(ReceiptNotFoundError, DomainError)


def test_rate_limited_maps_to_429_with_retry_after_and_matching_message():
    problem = problem_from_exception(RateLimitedError("Terlalu banyak pengaduan.", retry_after=754))
    assert problem.status == 429
    assert problem.headers["Retry-After"] == "754"
    assert "13 menit" in problem.detail
    assert format_wait(45) == "45 detik"
    assert format_wait(900) == "15 menit"
    assert format_wait(3 * 3600) == "3 jam"


def test_field_error_is_snake_case_in_rest_and_camel_case_in_graphql():
    problem = problem_from_exception(ReceiptNotFoundError())
    assert problem.status == 400
    assert list(problem.errors) == ["receipt_code"]

    from graphql import GraphQLError

    error = GraphQLError("x", original_error=ReceiptNotFoundError())
    assert list(format_graphql_error(error)["extensions"]["errors"]) == ["receiptCode"]
    throttled = format_graphql_error(GraphQLError("x", original_error=RateLimitedError(retry_after=30)))
    assert throttled["extensions"]["status"] == 429
    assert throttled["extensions"]["retryAfter"] == 30


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize(
    "path", sorted((ROOT / "api" / "graphql").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT / "api" / "graphql"))
)
def test_graphql_never_imports_rest(path):
    assert not {name for name in _imports(path) if name.startswith("api.rest")}


def test_no_door_flattens_domain_errors_again():
    """The WBS doors let api/errors.py map domain errors (no second mapping in the door)."""
    paths = [ROOT / "api" / "rest" / "wbs.py", *sorted((ROOT / "api" / "graphql" / "wbs").glob("*.py"))]
    assert len(paths) > 3  # the GraphQL package is found
    for path in paths:
        text = path.read_text()
        assert "except RateLimitedError" not in text
        assert "Throttled(" not in text


def test_complaint_track_limit_answers_429_with_the_real_wait(db, settings):
    from rest_framework.test import APIClient

    client = APIClient()
    for _ in range(60):
        client.post("/api/v1/complaints/track/", {"code": "X", "secret": "Y"}, format="json", REMOTE_ADDR="203.0.113.9")
    refused = client.post(
        "/api/v1/complaints/track/", {"code": "X", "secret": "Y"}, format="json", REMOTE_ADDR="203.0.113.9"
    )
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 590 <= wait <= 600
    assert "10 menit" in refused.json()["detail"]
    other = client.post(
        "/api/v1/complaints/track/", {"code": "X", "secret": "Y"}, format="json", REMOTE_ADDR="203.0.113.10"
    )
    assert other.status_code == 404
