"""Every door of Serap: who may pass (a table), what each shows, and constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from budget.models import Contract
from organizations.models import OPD
from tests.factories import budget_world

pytestmark = pytest.mark.django_db

GQL_DASHBOARD = (
    "{ budgetDashboard { year month total { pct } opds { label pct status } critical { number state } "
    "slow { role daysLate } } }"
)
GQL_CONTRACTS = (
    "{ budgetContracts(pageSize: 100) { totalCount items { number state penaltyAmount lateStages { days } } } }"
)


def _other_opd():
    return OPD.objects.exclude(acronym="Dinkes").order_by("pk").first()


DOORS = {
    "page": lambda c, p: c.get("/serap/"),
    "page_own_opd": lambda c, p: c.get(f"/serap/opd/{p['dinkes'].pk}/"),
    "page_other_opd": lambda c, p: c.get(f"/serap/opd/{_other_opd().pk}/"),
    "rest_dashboard": lambda c, p: c.get("/api/v1/budget/dashboard/"),
    "rest_contracts": lambda c, p: c.get("/api/v1/budget/contracts/"),
    "graphql": lambda c, p: c.post("/graphql/", {"query": GQL_DASHBOARD}, format="json"),
}

# role → expected status at each door, in DOORS' order (GraphQL: True when it answers without error)
ORDER = ["page", "page_own_opd", "page_other_opd", "rest_dashboard", "rest_contracts", "graphql"]
ROWS = {
    "leader": (200, 200, 200, 200, 200, True),
    "manager": (200, 200, 200, 200, 200, True),
    "auditor": (200, 200, 200, 200, 200, True),
    "head": (200, 200, 404, 200, 200, True),
    "operator": (403, 403, 403, 403, 403, False),
    "desk": (403, 403, 403, 403, 403, False),
    "anonymous": (302, 302, 302, 401, 401, False),
}
TABLE = {role: dict(zip(ORDER, row, strict=True)) for role, row in ROWS.items()}


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(people, role):
    client = APIClient()
    if role != "anonymous":
        client.force_login(people[role])
    for door, expected in TABLE[role].items():
        response = DOORS[door](client, people)
        if door == "graphql":
            body = response.json()
            assert (not body.get("errors")) is expected, (role, door, body.get("errors"))
        else:
            assert response.status_code == expected, (role, door, response.status_code)


def test_opd_head_sees_only_their_opd(people):
    client = APIClient()
    client.force_login(people["head"])
    body = client.get("/api/v1/budget/dashboard/").json()
    assert [row["label"] for row in body["opds"]] == ["Dinas Kesehatan"]
    contracts = client.get("/api/v1/budget/contracts/").json()
    assert {c["opd_name"] for c in contracts["results"]} == {"Dinas Kesehatan"}


def test_leader_dashboard_shows_the_slowest_opd_first_and_critical_contracts(people):
    client = APIClient()
    client.force_login(people["leader"])
    body = client.get("/api/v1/budget/dashboard/").json()
    pcts = [float(r["pct"]) for r in body["opds"]]
    assert pcts == sorted(pcts)
    states = {c["state"] for c in body["critical"]}
    assert states == {"critical", "penalised"}
    assert {s["side"] for s in body["slow"]} == {"pemda", "provider"}
    page = client.get("/serap/")
    html = page.content.decode()
    for text in ("OPD paling lambat", "Kritis", "Data per"):
        assert text in html
    assert 'rel="manifest"' in html


def test_every_contract_state_is_in_the_demo(people):
    client = APIClient()
    client.force_login(people["leader"])
    body = client.get("/api/v1/budget/contracts/?page_size=100").json()
    assert {c["state"] for c in body["results"]} == {
        "done", "on_time", "late_treasurer", "late_provider", "critical", "penalised"
    }  # fmt: skip


def test_contract_page_shows_the_scurve_stages_and_penalty(people):
    client = APIClient()
    client.force_login(people["leader"])
    contract = Contract.objects.order_by("pk").first()
    html = client.get(f"/serap/kontrak/{contract.pk}/").content.decode()
    for text in ("Kurva S", "<svg", "Penandatanganan kontrak"):
        assert text in html


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/budget/dashboard/?year=abc", 400),
        ("/api/v1/budget/dashboard/?year=1999", 400),
        ("/api/v1/budget/dashboard/?year=2030", 404),
        ("/api/v1/budget/absorption/?by=kecamatan", 400),
        ("/api/v1/budget/contracts/999999/", 404),
        ("/api/v1/budget/ocds/", 400),
        ("/api/v1/budget/ocds/?year=2031", 404),
    ],
)
def test_bad_input_is_a_problem_not_a_500(people, url, status):
    client = APIClient()
    client.force_login(people["leader"])
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")


def test_absorption_by_programme_and_funding_source(people):
    client = APIClient()
    client.force_login(people["manager"])
    programmes = client.get("/api/v1/budget/absorption/?by=program").json()
    assert programmes
    assert all(row["key"].count(".") == 2 for row in programmes)
    sources = client.get("/api/v1/budget/absorption/?by=funding_source").json()
    assert sum(r["pagu"] for r in sources) == sum(r["pagu"] for r in programmes)


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = fn()
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_counts_do_not_grow_with_the_data(on_budget_day, django_user_model):
    from organizations.roles import GlobalRole
    from tests.factories import UserFactory

    budget_world(opds=2, with_contracts=1)
    leader = UserFactory(username="bupati.hitung", roles=[GlobalRole.LEADER])
    client = APIClient()
    client.force_login(leader)
    doors = {
        "page": lambda: client.get("/serap/"),
        "rest_dashboard": lambda: client.get("/api/v1/budget/dashboard/"),
        "rest_contracts": lambda: client.get("/api/v1/budget/contracts/?page_size=100"),
        "graphql_contracts": lambda: client.post("/graphql/", {"query": GQL_CONTRACTS}, format="json"),
        "ocds": lambda: client.get("/api/v1/budget/ocds/?year=2026"),
    }
    for fn in doors.values():  # warm the per-process caches (current Pemda, session)
        fn()
    small = {name: _count(fn) for name, fn in doors.items()}
    budget_world(opds=6, with_contracts=4)
    assert Contract.objects.count() > 3 * 8
    large = {name: _count(fn) for name, fn in doors.items()}
    assert small == large, (small, large)
