"""Published SAKIP, SPBE and SPM results through REST, GraphQL and the public pages.

Page = API for each kind (the page's HTML and its JSON download against ``/api/v1/results/…``
and GraphQL), exact band edges (a value shown rounded onto a band edge keeps the band of its
exact value), only published reports, problem+json for bad queries, a clean OpenAPI document,
and query counts at two sizes.
"""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import include, path
from django.utils import timezone

from forms_builder.form_templates import sakip, spbe, spm
from home.result_pages import SakipResultsPage
from home.spbe_spm_pages import SpbeResultsPage, SpmResultsPage
from reporting import workflow
from reporting.models import PeriodType
from tests.factories import OPDFactory, make_assignment, make_form, site_home
from tests.factories.home import _publish
from tests.factories.public_results import publish_submission, sakip_answers, superuser

pytestmark = pytest.mark.django_db

SERVICES = [k for k, _label in spm.SERVICES]


def keys_of(aspect: str) -> list[str]:
    return [key for a, key, _w in spbe.indicator_keys() if a == aspect]


def spbe_answers(year: int, levels: dict, default: int) -> dict:
    answers = {key: str(default) for _a, key, _w in spbe.indicator_keys()}
    answers.update({k: str(v) for k, v in levels.items()})
    return {"tahun": year, **answers}


def spm_answers(year: int, rows: dict) -> dict:
    """``rows``: service key → (sasaran, terlayani); the others 100 / 100."""
    return {
        "tahun": year,
        "layanan": {k: dict(zip(("sasaran", "terlayani"), rows.get(k, (100, 100)), strict=True)) for k in SERVICES},
    }


# SPBE 2025: all 2; Layanan (45.5) + 5 × 1.3 + 5 × 1.5 at 3 → 2 + 59.5 / 100 = 2.595: shown 2.6, Cukup (not Baik)
SPBE_EDGE = {
    **dict.fromkeys(keys_of("layanan_administrasi") + keys_of("layanan_publik"), 3),
    **dict.fromkeys(keys_of("kebijakan_tata_kelola")[:5], 3),
    **dict.fromkeys(keys_of("penerapan_manajemen")[:5], 3),
}


def publish(form, opds, year, answers_for, *, actor, period_type=PeriodType.ANNUAL, numbers=None, stop=None):
    assignment = make_assignment(
        form=form, opds=opds, year=year, period_type=period_type, numbers=numbers, actor=actor,
        title=f"{form.key} {year} {len(opds)}",
    )  # fmt: skip
    for sub in assignment.submissions.select_related("opd", "period").order_by("pk"):
        answers = answers_for(sub.opd)
        if stop is not None and sub.opd in stop:  # left submitted: never public
            until = timezone.now() + datetime.timedelta(days=2)
            sub = workflow.submission_reopen(submission=sub, actor=actor, until=until, reason="Data uji")
            workflow.submission_save_draft(submission=sub, actor=actor, answers=answers)
            workflow.submission_submit(submission=sub, actor=actor)
            continue
        publish_submission(sub, answers=answers, actor=actor)


def world(size: int = 2):
    actor = superuser()
    opds = [OPDFactory(name=f"Dinas Uji {i:02d}", acronym=f"DU{i:02d}") for i in range(size)]
    kominfo = OPDFactory(name="Dinas Kominfo", acronym="Diskominfo")
    forms = {"sakip": make_form(sakip.schema()), "spbe": make_form(spbe.schema()), "spm": make_form(spm.schema())}
    # SAKIP: 2024 all 70; 2025: the first 80.0025 (shown 80, grade A: above the BB edge), the rest 65
    publish(forms["sakip"], opds, 2024, lambda o: sakip_answers(70, year=2024), actor=actor)
    scores_2025 = {opds[0].pk: {"evaluasi_internal_nilai": 80.01, **dict.fromkeys(sakip_keys(), 80)}}
    publish(
        forms["sakip"], opds, 2025,
        lambda o: sakip_answers(65, year=2025, **scores_2025.get(o.pk, {})), actor=actor,
    )  # fmt: skip
    publish(forms["spbe"], [kominfo], 2024, lambda o: spbe_answers(2024, {}, 2), actor=actor)
    publish(forms["spbe"], [kominfo], 2025, lambda o: spbe_answers(2025, SPBE_EDGE, 2), actor=actor)
    # SPM 2025 Q1: kesehatan 19 999 of 20 000 in the first OPD (99.995 %: shown 100, Tuntas Utama);
    # the last OPD's report is only submitted, so it never counts
    rows = {opds[0].pk: {"kesehatan": (20000, 19999), "sosial": (50, 30)}}
    publish(
        forms["spm"], opds, 2025, lambda o: spm_answers(2025, rows.get(o.pk, {})), actor=actor,
        period_type=PeriodType.QUARTERLY, numbers=[1], stop=opds[-1:] if size > 1 else None,
    )  # fmt: skip
    return forms, opds


def sakip_keys():
    return ["perencanaan_kinerja_nilai", "pengukuran_kinerja_nilai", "pelaporan_kinerja_nilai"]


def pages(forms):
    home = site_home()
    return {
        "sakip": _publish(home, SakipResultsPage(title="Hasil SAKIP", slug="hasil-sakip", form=forms["sakip"])),
        "spbe": _publish(home, SpbeResultsPage(title="Hasil SPBE", slug="hasil-spbe", form=forms["spbe"])),
        "spm": _publish(home, SpmResultsPage(title="Capaian SPM", slug="capaian-spm", form=forms["spm"])),
    }


def gql(client, query: str) -> dict:
    body = client.post("/graphql/", {"query": query}, content_type="application/json").json()
    assert "errors" not in body, body
    return body["data"]


def id_number(value: float) -> str:
    """How the page prints a figure with ``floatformat:2`` in Indonesian."""
    return f"{value:.2f}".replace(".", ",")


def test_sakip_api_matches_the_page_and_reads_grades_on_exact_totals(client):
    forms, opds = world()
    page = pages(forms)["sakip"]
    body = client.get("/api/v1/results/sakip/?tahun=2025").json()
    assert body["year"] == 2025
    rows = {r["opd"]: r for r in body["opds"]}
    first = rows[opds[0].name]
    assert (first["score"], first["grade"]) == (80.0, "A")  # 80.0025: shown 80, above the edge → A, not BB
    assert first["change"] == 10.0
    assert (rows[opds[1].name]["score"], rows[opds[1].name]["grade"]) == (65.0, "B")
    # the page: same numbers in its HTML and its JSON download
    html = client.get(page.url).content.decode()
    table = json.loads(client.get(page.url + "data/hasil/json/").content)
    shown = {r["opd"]: (r["nilai"], r["predikat"]) for r in table["rows"]}
    for row in body["opds"]:
        assert shown[row["opd"]] == (row["score"], row["grade"])
    assert f'<td class="num">{id_number(first["score"])}</td>' in html
    data = gql(client, "{ sakipResults(year: 2025) { year opds { opd score grade change history { year score } } } }")
    assert data["sakipResults"]["opds"] == [
        {k: r[k] for k in ("opd", "score", "grade", "change", "history")} for r in body["opds"]
    ]


def test_spbe_api_matches_the_page_with_domains_and_aspects(client):
    forms, _opds = world()
    page = pages(forms)["spbe"]
    body = client.get("/api/v1/results/spbe/").json()
    assert body["year"] == 2025
    assert body["years"] == [2024, 2025]
    (entry,) = body["results"]
    assert (entry["index"], entry["predikat"]) == (2.6, "Cukup")  # 2.595 exact: Baik starts at 2.6
    assert [h["index"] for h in body["history"]] == [2.0, 2.6]
    assert len(entry["domains"]) == 4
    assert len(entry["aspects"]) == 8
    aspects = {a["key"]: a for a in entry["aspects"]}
    assert aspects["layanan_administrasi"]["index"] == 3.0
    assert aspects["layanan_administrasi"]["domain"] == "Domain Layanan"
    assert aspects["penerapan_manajemen"]["index"] == 2.63  # 2.625 shown half up
    html = client.get(page.url).content.decode()
    assert f'id="indeks-spbe">{id_number(entry["index"])}<' in html
    assert 'id="predikat-spbe">Cukup<' in html
    domains = json.loads(client.get(page.url + "data/domain/json/?tahun=2025").content)["rows"]
    assert [(r["domain"], r["indeks"], r["predikat"]) for r in domains] == [
        (d["label"], d["index"], d["predikat"]) for d in entry["domains"]
    ]
    aspect_rows = json.loads(client.get(page.url + "data/aspek/json/?tahun=2025").content)["rows"]
    assert [(r["aspek"], r["indeks"]) for r in aspect_rows] == [(a["label"], a["index"]) for a in entry["aspects"]]
    # the visitor chooses 2024
    older = client.get(page.url + "?tahun=2024").content.decode()
    assert 'id="indeks-spbe">2,00<' in older
    assert 'id="predikat-spbe">Cukup<' in older
    data = gql(
        client, "{ spbeResults(year: 2025) { year results { index predikat domains { label index predikat } } } }"
    )
    assert data["spbeResults"]["results"][0]["domains"] == [
        {k: d[k] for k in ("label", "index", "predikat")} for d in entry["domains"]
    ]


def test_spm_api_matches_the_page_and_reads_categories_on_exact_values(client):
    forms, opds = world(3)
    page = pages(forms)["spm"]
    body = client.get("/api/v1/results/spm/?tahun=2025").json()
    reports = {r["opd"]: r for r in body["reports"]}
    assert set(reports) == {opds[0].name, opds[1].name}  # the submitted (not published) report is left out
    first = {s["key"]: s for s in reports[opds[0].name]["services"]}
    assert (first["kesehatan"]["achievement"], first["kesehatan"]["category"]) == (100.0, "Tuntas Utama")
    assert (first["sosial"]["achievement"], first["sosial"]["category"]) == (60.0, "Tuntas Muda")
    assert first["pendidikan"]["category"] == "Tuntas Paripurna"
    services = {s["key"]: s for s in body["services"]}
    # Pemda: Σ served / Σ targeted: (19 999 + 100) / (20 000 + 100) = 99.995 %
    assert (services["kesehatan"]["target"], services["kesehatan"]["served"]) == (20100.0, 20099.0)
    assert services["kesehatan"]["category"] == "Tuntas Utama"
    assert (services["sosial"]["achievement"], services["sosial"]["category"]) == (86.67, "Tuntas Madya")
    html = client.get(page.url + "?tahun=2025").content.decode()
    assert 'id="kategori-kesehatan">Tuntas Utama<' in html
    assert 'id="capaian-sosial">86,67%<' in html
    table = json.loads(client.get(page.url + "data/layanan/json/?tahun=2025").content)["rows"]
    assert [(r["layanan"], r["capaian"], r["kategori"]) for r in table] == [
        (s["label"], s["achievement"], s["category"]) for s in body["services"]
    ]
    per_opd = json.loads(client.get(page.url + "data/opd/json/?tahun=2025").content)["rows"]
    assert len(per_opd) == 12
    data = gql(client, "{ spmResults { year services { key achievement category } } }")
    assert data["spmResults"]["services"] == [
        {k: s[k] for k in ("key", "achievement", "category")} for s in body["services"]
    ]
    # nothing private reaches the page or the API (the internal note column)
    assert "keterangan" not in json.dumps(body)


@pytest.mark.parametrize("kind", ["sakip", "spbe", "spm"])
@pytest.mark.parametrize("query", ["tahun=abc", "tahun=1999", "tahun=2101", "tahun=", "tahun=2025&tahun=2024"])
def test_a_bad_query_is_a_problem_not_a_500(client, kind, query):
    response = client.get(f"/api/v1/results/{kind}/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "tahun" in response.json()["errors"]


@pytest.mark.parametrize("kind", ["sakip", "spbe", "spm"])
def test_nothing_published_is_a_404_problem(client, kind):
    response = client.get(f"/api/v1/results/{kind}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    world(1)
    missing = client.get(f"/api/v1/results/{kind}/?tahun=2030")
    assert missing.status_code == 404
    assert missing["Content-Type"].startswith("application/problem+json")
    assert client.get(f"/api/v1/results/{kind}/?tahun=2025").status_code == 200


def test_graphql_rejects_a_year_out_of_range(client):
    body = client.post(
        "/graphql/", {"query": "{ spmResults(year: 1900) { year } }"}, content_type="application/json"
    ).json()
    assert body["errors"][0]["extensions"]["status"] == 400
    assert "2000" in json.dumps(body["errors"][0]["extensions"])


def test_openapi_documents_the_results_without_warnings(capsys):
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    from api.rest import published_results

    GENERATOR_STATS.reset()
    schema = SchemaGenerator(patterns=[path("api/v1/", include(published_results.urlpatterns))]).get_schema(
        request=None, public=True
    )
    captured = capsys.readouterr()
    assert not GENERATOR_STATS, captured.err
    assert "Warning" not in captured.err, captured.err
    assert "Error" not in captured.err, captured.err
    for kind in ("sakip", "spbe", "spm"):
        operation = schema["paths"][f"/api/v1/results/{kind}/"]["get"]
        assert [p["name"] for p in operation["parameters"]] == ["tahun"]
        assert {"200", "400", "404"} <= set(operation["responses"])


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx)


@pytest.mark.parametrize("size", [2, 5])
def test_query_counts_do_not_grow_with_reports(client, size, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    forms, _opds = world(size)
    made = pages(forms)
    counts = {
        "sakip": _count(client, "/api/v1/results/sakip/?tahun=2025"),
        "spbe": _count(client, "/api/v1/results/spbe/?tahun=2025"),
        "spm": _count(client, "/api/v1/results/spm/?tahun=2025"),
        "spbe-page": _count(client, made["spbe"].url + "?tahun=2025"),
        "spm-page": _count(client, made["spm"].url + "?tahun=2025"),
    }
    bounds = {"sakip": 4, "spbe": 4, "spm": 4, "spbe-page": 25, "spm-page": 25}
    for door, count in counts.items():
        assert count <= bounds[door], (door, size, count)
