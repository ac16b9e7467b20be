"""The public Renaksi: the progress page, REST and GraphQL show the same public data, flat in
queries at two sizes; evidence upload refuses a bad file."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.renaksi.models import Action, ActionEvidence, ActionProgress
from complaints.renaksi.services import progress_report
from home.renaksi_pages import RenaksiPage
from tests.complaints.renaksi_world import add_progress, make_world, png_upload, travel
from tests.complaints.uploads import upload
from tests.factories import site_home
from tests.factories.home import _publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    return _publish(site_home(), RenaksiPage(title="Kemajuan Renaksi", slug="renaksi-pengaduan"))


def test_page_lists_actions_with_opd_due_date_progress_and_status(client, pemda, page):
    w = make_world()
    add_progress(w.action, 2026, 1, 20)
    add_progress(w.action, 2026, 2, 45)
    add_progress(w.other_actions[0], 2026, 2, 100)
    with travel(2026, 7, 15):
        html = client.get(page.url).content.decode()
    assert "Renaksi 2025–2027" in html
    assert "Aksi draf" not in html
    card = html.split(f'id="aksi-{w.action.pk}"')[1].split("</li>")[0]
    assert "Dinas Kesehatan" in card
    assert "31 Desember 2026" in card
    assert 'value="45"' in card
    assert "45%" in card
    assert "TW 2 2026" in card
    assert "Berjalan" in card
    late = html.split(f'id="aksi-{w.other_actions[1].pk}"')[1].split("</li>")[0]
    assert "Terlambat" in late
    assert 'value="0"' in late
    done = html.split(f'id="aksi-{w.other_actions[0].pk}"')[1].split("</li>")[0]
    assert "Selesai" in done
    assert "Kemajuan" not in card  # narratives are not public


def test_rest_and_graphql_serve_the_page_data(client, api_client, pemda):
    w = make_world()
    add_progress(w.action, 2026, 1, 20)
    with travel(2026, 7, 15):
        rest = api_client.get(f"/api/v1/renaksi/plans/{w.plan.pk}/").json()
        query = (
            f'{{ renaksiPlan(id: "{w.plan.pk}") {{ title '
            "summary { actions averagePercent byStatus { status count } } "
            "actions { code opd dueDate latestPercent status progress { year quarter percent } } } }"
        )
        gql = client.post("/graphql/", json.dumps({"query": query}), content_type="application/json").json()
    assert "errors" not in gql
    plan = gql["data"]["renaksiPlan"]
    assert [a["code"] for a in plan["actions"]] == [a["code"] for a in rest["actions"]]
    first = rest["actions"][0]
    assert (first["code"], first["opd"], first["due_date"], first["latest_percent"], first["status"]) == (
        "1.1", "Dinas Kesehatan", "2026-12-31", 20, "berjalan")  # fmt: skip
    assert plan["actions"][0]["status"] == "berjalan"
    assert plan["actions"][0]["progress"] == [{"year": 2026, "quarter": 1, "percent": 20}]
    assert rest["summary"]["by_status"]["terlambat"] == 2  # both Disdik actions were due 30 June
    assert "narrative" not in json.dumps(rest)
    assert "reported_by" not in json.dumps(rest)
    assert api_client.get("/api/v1/renaksi/plans/999999/").status_code == 404
    with travel(2026, 7, 15):
        late = api_client.get(f"/api/v1/renaksi/plans/{w.plan.pk}/", {"status": "terlambat"}).json()
    assert [a["code"] for a in late["actions"]] == ["2.1", "2.2"]
    assert late["summary"]["actions"] == 4  # the summary stays the whole plan's
    bad = api_client.get(f"/api/v1/renaksi/plans/{w.plan.pk}/", {"status": "macet"})
    assert bad.status_code == 400
    assert bad["Content-Type"].startswith("application/problem+json")


def _grow(w, size):
    for i in range(size):
        a = Action.objects.create(plan=w.plan, code=f"9.{i}", title=f"Aksi {i}", opd=w.dinas if i % 2 else w.other,
                                  output="-", indicator="-", due_date=dt.date(2027, 6, 30), order=100 + i)  # fmt: skip
        add_progress(a, 2026, 1, 10)
        add_progress(a, 2026, 2, 30)


#: Page, REST detail, GraphQL list with actions: the same bound at 4 and 40 extra actions.
BOUNDS = (12, 3, 4)


@pytest.mark.parametrize("size", [4, 40])
def test_page_rest_and_graphql_are_flat_in_queries(client, api_client, pemda, page, size):
    w = make_world()
    _grow(w, size)
    client.get(page.url)  # warm the site/page caches
    with CaptureQueriesContext(connection) as page_q:
        assert client.get(page.url).status_code == 200
    with CaptureQueriesContext(connection) as rest_q:
        assert len(api_client.get(f"/api/v1/renaksi/plans/{w.plan.pk}/").json()["actions"]) == size + 4
    query = "{ renaksiPlans { title actions { code progress { percent } } } }"
    with CaptureQueriesContext(connection) as gql_q:
        client.post("/graphql/", json.dumps({"query": query}), content_type="application/json")
    counts = (len(page_q), len(rest_q), len(gql_q))
    assert all(c <= bound for c, bound in zip(counts, BOUNDS, strict=True)), counts


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("bukti.pdf", b"MZ\x90\x00 this is a windows program", "application/pdf"),
        ("bukti.png", b"<script>alert(1)</script>", "image/png"),
    ],
)
def test_evidence_refuses_a_bad_file_and_saves_nothing(pemda, name, data, content_type):
    w = make_world()
    with travel(2026, 5, 2), pytest.raises(ValidationError) as exc:
        progress_report(action=w.action, actor=w.operator, year=2026, quarter=1, percent=30, narrative="Rapat",
                        files=[upload(name, data, content_type)])  # fmt: skip
    assert "attachments" in exc.value.message_dict
    assert not ActionProgress.objects.exists()
    assert not ActionEvidence.objects.exists()


def test_good_evidence_is_kept_cleaned_and_a_correction_needs_a_reason(pemda):
    w = make_world()
    with travel(2026, 5, 2):
        p = progress_report(action=w.action, actor=w.operator, year=2026, quarter=1, percent=30, narrative="Rapat",
                            files=[png_upload("foto rahasia.png")])  # fmt: skip
        evidence = p.evidence.get()
        assert evidence.content_type == "image/png"
        assert "rahasia" not in evidence.file.name
        with pytest.raises(ValidationError) as exc:
            progress_report(action=w.action, actor=w.operator, year=2026, quarter=1, percent=40, narrative="Lagi")
        assert "reason" in exc.value.message_dict
        progress_report(action=w.action, actor=w.head, year=2026, quarter=1, percent=40, narrative="Lagi",
                        reason="Salah hitung")  # fmt: skip
        with pytest.raises(ValidationError) as exc:  # a quarter that has not started
            progress_report(action=w.action, actor=w.operator, year=2026, quarter=3, percent=50, narrative="x",
                            files=[png_upload()])  # fmt: skip
        assert "quarter" in exc.value.message_dict
    p.refresh_from_db()
    assert (p.percent, p.reported_by, p.history.first().history_change_reason) == (40, w.head, "Salah hitung")


def test_openapi_describes_every_renaksi_operation_and_response(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    detail = schema["paths"]["/api/v1/renaksi/plans/{id}/"]["get"]
    listing = schema["paths"]["/api/v1/renaksi/plans/"]["get"]
    for operation in (detail, listing):
        assert operation["description"]
        assert "security" not in operation or {} in operation["security"]  # anonymous
        for code, response in operation["responses"].items():
            assert response["description"], code
    assert {"200", "404", "429"} <= set(detail["responses"])
    assert "Rencana aksi tidak ada" in detail["responses"]["404"]["description"]


def test_the_page_is_kept_in_the_page_cache_until_the_renaksi_changes(client, pemda, page):
    from home.page_cache import HEADER

    w = make_world()
    add_progress(w.action, 2026, 1, 20)
    with travel(2026, 7, 15):
        assert client.get(page.url)[HEADER] == "miss"
        with CaptureQueriesContext(connection) as queries:
            kept = client.get(page.url)
        assert (kept[HEADER], len(queries)) == ("hit", 0)
        assert client.get(page.url, {"rencana": w.plan.pk})[HEADER] == "miss"  # each plan its own copy
        assert client.get(page.url, {"rencana": w.plan.pk})[HEADER] == "hit"
        assert client.get(page.url, {"utm_source": "wa"})[HEADER] == "miss"  # answered, not kept
        add_progress(w.action, 2026, 2, 45)
        fresh = client.get(page.url)
    assert fresh[HEADER] == "miss"
    card = fresh.content.decode().split(f'id="aksi-{w.action.pk}"')[1].split("</li>")[0]
    assert "45%" in card
