"""Published results: capaian edge cases through the results API, page = API, only published
data, query counts at two sizes for the page, the APIs and the admin screens."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.planning_pages import PerformancePage
from planning.models import NodeLevel, PlanNode
from tests.factories import add_indicator, bappeda_user, plan_world, site_home
from tests.factories.home import _publish

pytestmark = pytest.mark.django_db

# (direction, target, a, b, realised) → (shown achievement, rating)
EDGES = [
    (("rentang", None, 10, 20, 5), (50.0, "Sangat Kurang")),  # below a: 5 / 10
    (("rentang", None, 10, 20, 15), (100.0, "Sangat Baik")),  # inside
    (("rentang", None, 10, 20, 30), (50.0, "Sangat Kurang")),  # above b: (2 − 30/20)
    (("rentang", None, 10, 20, 25), (75.0, "Cukup")),
    (("turun", 10, None, None, 12), (80.0, "Baik")),  # not 10/12
    (("turun", 10, None, None, 8), (120.0, "Sangat Baik")),
    (("naik", 100, None, None, 50), (50.0, "Sangat Kurang")),
    (("naik", 100, None, None, 51), (51.0, "Kurang")),
    (("naik", 100, None, None, 65), (65.0, "Kurang")),
    (("naik", 100, None, None, 66), (66.0, "Cukup")),
    (("naik", 100, None, None, 75), (75.0, "Cukup")),
    (("naik", 100, None, None, 76), (76.0, "Baik")),
    (("naik", 100, None, None, 90), (90.0, "Baik")),
    (("naik", 100, None, None, 91), (91.0, "Sangat Baik")),
    (("naik", 100, None, None, 90.996), (91.0, "Baik")),  # shown 91, rated on 90.996
]


def edge_world():
    world = plan_world(opds=len(EDGES))
    for node, ((direction, target, a, b, real), _expected) in zip(world.opd_sasaran, EDGES, strict=True):
        add_indicator(node, direction=direction, target=target, a=a, b=b, realised=real)
    return world


def test_capaian_edges_through_the_results_api(client):
    world = edge_world()
    body = client.get("/api/v1/results/performance/?tahun=2026").json()
    by_opd = {o["opd_id"]: o for o in body["opds"]}
    for opd, (_row, (shown, rating)) in zip(world.opds, EDGES, strict=True):
        assert by_opd[opd.pk]["achievement"] == shown, opd.name
        assert by_opd[opd.pk]["rating"] == rating, opd.name
        assert by_opd[opd.pk]["efficiency"] is None  # no Serap data: empty, not zero


def test_only_published_plans_and_verified_realisation_are_shown(client):
    world = plan_world(opds=2, published=False)
    add_indicator(world.opd_sasaran[0], target=100, realised=90)
    response = client.get("/api/v1/results/performance/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    world.rpjmd.is_published = True
    world.rpjmd.save()
    add_indicator(world.opd_sasaran[1], target=100, realised=10, status="submitted")
    body = client.get("/api/v1/results/performance/?tahun=2026").json()
    figures = {o["opd_id"]: o["achievement"] for o in body["opds"]}
    assert figures == {world.opds[0].pk: 90.0, world.opds[1].pk: None}  # the submitted 10 is not counted


def make_page():
    return _publish(site_home(), PerformancePage(title="Kinerja Daerah", slug="kinerja-daerah"))


def test_page_shows_the_same_figures_as_rest_and_graphql(client):
    edge_world()
    page = make_page()
    html = client.get(page.url + "?tahun=2026").content.decode()
    rest = client.get("/api/v1/results/performance/?tahun=2026").json()
    data = json.loads(client.get(page.url + "data/opd/json/?tahun=2026").content)
    query = "{ performanceResults(year: 2026) { summary { achievement rating } opds } }"
    gql = client.post("/graphql/", {"query": query}, content_type="application/json").json()["data"]
    assert gql["performanceResults"]["opds"] == json.loads(json.dumps(rest["opds"]))
    assert gql["performanceResults"]["summary"]["achievement"] == rest["summary"]["achievement"]
    page_rows = {row["opd"]: row["capaian"] for row in data["rows"]}
    for opd in rest["opds"]:
        assert page_rows[opd["opd"]] == opd["achievement"]
    shown = f"{rest['summary']['achievement']:.2f}".replace(".", ",").rstrip("0").rstrip(",")
    assert f'id="capaian-pemda">{shown}%' in html
    assert 'role="img"' in html
    assert "Pohon kinerja dalam bentuk teks" in html


def _count(client, url, **kwargs):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return len(ctx)


@pytest.mark.parametrize("door", ["page", "rest", "tree", "graphql"])
def test_public_doors_constant_queries(client, door):
    counts = []
    page = make_page()
    for size in (2, 12):
        PlanNode.objects.all().delete()
        from planning.models import Rpjmd

        Rpjmd.objects.all().delete()
        world = plan_world(opds=size, programmes=3)
        for node in world.opd_sasaran:
            add_indicator(node, target=100, realised=88)
        url = {
            "page": page.url + "?tahun=2026&jenjang=7",
            "rest": "/api/v1/results/performance/?tahun=2026",
            "tree": "/api/v1/results/performance/tree/?tahun=2026",
        }.get(door)
        if door == "graphql":
            with CaptureQueriesContext(connection) as ctx:
                client.post("/graphql/", {"query": "{ performanceResults { tree } }"}, content_type="application/json")
            counts.append(len(ctx))
        else:
            counts.append(_count(client, url))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("screen", ["/admin/perencanaan/pohon/?jenjang=7", "/admin/perencanaan/verifikasi/",
                                    "/admin/perencanaan/realisasi/?tahun=2026&triwulan=4"])  # fmt: skip
def test_admin_screens_constant_queries(client, screen):
    user = bappeda_user()
    client.force_login(user)
    counts = []
    from planning.models import Rpjmd

    for size in (2, 10):
        Rpjmd.objects.all().delete()
        world = plan_world(opds=size, programmes=2)
        for node in world.opd_sasaran:
            add_indicator(node, target=100, realised=70, status="submitted")
        client.get(screen)  # warm the per-process caches (menus, permissions) before counting
        counts.append(_count(client, screen))
    assert counts[0] == counts[1], counts


def test_unlinked_opd_sasaran_is_flagged_on_the_tree(client):
    world = plan_world(opds=1, linked=False)
    client.force_login(bappeda_user())
    html = client.get("/admin/perencanaan/pohon/").content.decode()
    assert "belum mendukung sasaran daerah" in html
    assert f"/admin/perencanaan/simpul/{world.opd_sasaran[0].pk}/kaitkan/" in html
    assert PlanNode.objects.filter(level=NodeLevel.SASARAN_OPD).count() == 1


@pytest.mark.parametrize(
    "query",
    ["tahun=null", "tahun=2026&tahun=2026", "tahun=1", "tahun=2026.5", "jenjang=abc", "jenjang=0", "jenjang=99"],
)
def test_a_malformed_query_is_a_clear_400(client, query):
    """Found by the API fuzzer: ``?tahun=null`` was read as "the current year" and answered 200."""
    plan_world(opds=1)
    for url in ("/api/v1/results/performance/", "/api/v1/results/performance/tree/"):
        if url.endswith("performance/") and query.startswith("jenjang"):
            continue
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400, (url, query)
        assert response["Content-Type"].startswith("application/problem+json")
    assert client.get("/api/v1/results/performance/tree/?tahun=2026&jenjang=2").status_code == 200
