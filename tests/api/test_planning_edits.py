"""Planning edits over REST and GraphQL: link an OPD sasaran to a Pemda sasaran, submit a quarter's
realisation, Bappeda's review. A permission table (role × door × action → allowed), least
privilege (an OPD operator only their OPD; linking and verifying only Bappeda), problem+json."""

import json
from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from planning.models import NodeLevel, NodeSupport, PlanNode, Realisation, RealisationStatus
from tests.factories import add_indicator, bappeda_user, opd_user, plan_world

pytestmark = pytest.mark.django_db

YEAR = 2026


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def world():
    w = plan_world(opds=2, linked=False)
    second = PlanNode.objects.create(
        rpjmd=w.rpjmd, level=NodeLevel.SASARAN_PEMDA, code="S2", name="Sasaran uji 2", parent=w.tujuan
    )
    ind = add_indicator(w.opd_sasaran[0], target=100, year=YEAR)
    users = {
        "bappeda": bappeda_user(),
        "operator_own": opd_user(w.opds[0]),
        "operator_other": opd_user(w.opds[1]),
        "anonymous": None,
    }
    return w, second, ind, users


def gql(client, query: str, variables: dict):
    response = client.post("/graphql/", {"query": query, "variables": variables}, format="json")
    return response.json()


LINK = (
    'mutation($n: Int!, $t: [Int!]!) { planningLinkSupports(node: $n, targets: $t, reason: "uji") { supports { id } } }'
)
SUBMIT = (
    "mutation($i: Int!, $y: Int!, $q: Int!, $v: Float!) { planningSubmitRealisation(indicator: $i, year: $y, "
    "quarter: $q, value: $v) { realisation { quarter value status } } }"
)
REVIEW = (
    'mutation($id: Int!, $a: Boolean!) { planningReviewRealisation(id: $id, approve: $a, note: "ok") '
    "{ realisation { status } } }"
)


def do_link(door, client, node, targets):
    if door == "rest":
        r = client.post(
            f"/api/v1/planning/nodes/{node.pk}/supports/", {"targets": [t.pk for t in targets]}, format="json"
        )
        return r.status_code, r
    body = gql(client, LINK, {"n": node.pk, "t": [t.pk for t in targets]})
    return (200 if "errors" not in body else body["errors"][0]["extensions"]["status"]), body


def do_submit(door, client, ind, value=42):
    if door == "rest":
        r = client.post(
            "/api/v1/planning/realisations/",
            {"indicator": ind.pk, "year": YEAR, "quarter": 1, "value": value},
            format="json",
        )
        return (200 if r.status_code == 201 else r.status_code), r
    body = gql(client, SUBMIT, {"i": ind.pk, "y": YEAR, "q": 1, "v": value})
    return (200 if "errors" not in body else body["errors"][0]["extensions"]["status"]), body


def do_review(door, client, real):
    if door == "rest":
        r = client.post(f"/api/v1/planning/realisations/{real.pk}/review/", {"approve": True}, format="json")
        return r.status_code, r
    body = gql(client, REVIEW, {"id": real.pk, "a": True})
    return (200 if "errors" not in body else body["errors"][0]["extensions"]["status"]), body


# (role, action) → allowed; everything else is denied with 401 (anonymous) or 403
ALLOWED = {("bappeda", "link"), ("bappeda", "submit"), ("operator_own", "submit"), ("bappeda", "review")}


@pytest.mark.parametrize("door", ["rest", "graphql"])
@pytest.mark.parametrize("role", ["bappeda", "operator_own", "operator_other", "anonymous"])
@pytest.mark.parametrize("action", ["link", "submit", "review"])
def test_permission_table(world, door, role, action):
    w, second, ind, users = world
    client = client_for(users[role])
    if action == "link":
        status, _r = do_link(door, client, w.opd_sasaran[0], [w.sasaran, second])
        linked = set(NodeSupport.objects.filter(node=w.opd_sasaran[0]).values_list("target_id", flat=True))
        changed = linked == {w.sasaran.pk, second.pk}
    elif action == "submit":
        status, _r = do_submit(door, client, ind)
        changed = Realisation.objects.filter(indicator=ind, quarter=1, value=Decimal(42)).exists()
    else:
        real = Realisation.objects.create(
            indicator=ind, year=YEAR, quarter=2, value=50, status=RealisationStatus.SUBMITTED
        )
        status, _r = do_review(door, client, real)
        real.refresh_from_db()
        changed = real.status == RealisationStatus.VERIFIED
    allowed = (role, action) in ALLOWED
    assert changed is allowed, (door, role, action, status)
    if allowed:
        assert status == 200
    else:
        assert status == (401 if role == "anonymous" else 403), (door, role, action, status)


def test_link_then_the_public_api_counts_the_opd(world, client):
    """The "done when" chain over the API: link, submit Q1, verify, and the results API shows it."""
    w, _second, ind, users = world
    bappeda, operator = client_for(users["bappeda"]), client_for(users["operator_own"])
    assert do_link("rest", bappeda, w.opd_sasaran[0], [w.sasaran])[0] == 200
    status, body = do_submit("graphql", operator, ind, value=80)
    assert status == 200, body
    real = Realisation.objects.get(indicator=ind, quarter=1)
    assert do_review("graphql", bappeda, real)[0] == 200
    figures = client.get(f"/api/v1/results/performance/?tahun={YEAR}").json()
    assert {o["opd_id"]: o["achievement"] for o in figures["opds"]}[w.opds[0].pk] == 80.0


def test_bad_input_is_a_problem(world):
    w, _second, ind, users = world
    bappeda = client_for(users["bappeda"])
    url = f"/api/v1/planning/nodes/{w.opd_sasaran[0].pk}/supports/"
    for body in ({"targets": "S1"}, {"targets": [0]}, {}, {"targets": [999999]}):
        r = bappeda.post(url, body, format="json")
        assert r.status_code == 400, body
        assert r["Content-Type"].startswith("application/problem+json")
        assert any(key.startswith("targets") for key in r.json()["errors"]), r.json()
    # an OPD sasaran cannot support another OPD's sasaran (the service's rule)
    r = bappeda.post(url, {"targets": [w.opd_sasaran[1].pk]}, format="json")
    assert r.status_code == 400
    assert "supports" in r.json()["errors"]
    assert bappeda.post("/api/v1/planning/nodes/999999/supports/", {"targets": []}, format="json").status_code == 404
    body = gql(bappeda, SUBMIT, {"i": ind.pk, "y": 1900, "q": 1, "v": 1})
    assert body["errors"][0]["extensions"]["status"] == 400
    body = gql(bappeda, SUBMIT, {"i": ind.pk, "y": YEAR, "q": 5, "v": 1})
    assert body["errors"][0]["extensions"]["status"] == 400
    assert json.dumps(body)  # a clear error, not a 500
