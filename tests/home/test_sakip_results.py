"""The SAKIP results page: scores, grades, change, indicators, downloads, caching — published data only."""

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone

from forms_builder.capaian import capaian
from forms_builder.form_templates import sakip
from home.result_pages import SakipResultsPage
from reporting.models import PeriodType, Submission, SubmissionStatus
from reporting.workflow import submission_reopen, submission_save_draft, submission_submit, submission_verify
from tests.factories import OPDFactory, make_assignment, make_form, site_home
from tests.factories.home import _publish
from tests.factories.public_results import publish_submission, sakip_answers, superuser

pytestmark = pytest.mark.django_db

INDICATOR_TABLE = {
    "key": "indikator_kinerja",
    "type": "table",
    "label": "Indikator kinerja",
    "public": True,
    "max_rows": 20,
    "columns": [
        {"key": "indikator", "type": "short_text", "label": "Indikator", "required": True},
        {"key": "satuan", "type": "short_text", "label": "Satuan"},
        {
            "key": "arah",
            "type": "single_choice",
            "label": "Arah",
            "choices": [{"value": "naik", "label": "Naik"}, {"value": "turun", "label": "Turun"}],
        },
        {"key": "target", "type": "decimal", "label": "Target"},
        {"key": "target_min", "type": "decimal", "label": "Target bawah"},
        {"key": "target_max", "type": "decimal", "label": "Target atas"},
        {"key": "realisasi", "type": "decimal", "label": "Realisasi"},
    ],
}


def sakip_form(*, with_indicators: bool = False, key: str = "lke_sakip"):
    schema = sakip.schema()
    schema["key"] = key
    if with_indicators:
        schema["fields"].append(INDICATOR_TABLE)
    return make_form(schema)


def publish_year(form, opds, year, scores, actor, **extra_for):
    assignment = make_assignment(form=form, opds=opds, period_type=PeriodType.ANNUAL, year=year, actor=actor)
    by_opd = {s.opd_id: s for s in assignment.submissions.all()}
    for opd, score in zip(opds, scores, strict=True):
        if score is None:
            continue
        extra = extra_for.get(opd.acronym, {})
        publish_submission(by_opd[opd.pk], answers=sakip_answers(score, year=year, **extra), actor=actor)
    return assignment


def results_page(form, **kwargs) -> SakipResultsPage:
    page = SakipResultsPage(title="Hasil Evaluasi SAKIP", slug="hasil-sakip", form=form, **kwargs)
    return _publish(site_home(), page)


@pytest.fixture
def world():
    actor = superuser()
    dinkes = OPDFactory(name="Dinas Kesehatan", acronym="Dinkes")
    disdik = OPDFactory(name="Dinas Pendidikan", acronym="Disdik")
    setda = OPDFactory(name="Sekretariat Daerah", acronym="Setda", kind="setda")
    return {"actor": actor, "dinkes": dinkes, "disdik": disdik, "setda": setda}


def test_scores_grades_and_change_from_published_submissions_only(client, world):
    form = sakip_form()
    opds = [world["dinkes"], world["disdik"]]
    publish_year(form, opds, 2024, [75, 62], world["actor"])
    publish_year(form, opds, 2025, [90.01, 60], world["actor"])
    page = results_page(form, year=2025, years_back=2)

    r = client.get(page.url)
    assert r.status_code == 200
    html = r.content.decode()
    table = html[html.index('id="sakip-table"') :]
    assert "Dinas Kesehatan" in table
    assert "Dinas Pendidikan" in table
    # 90.01 is AA (lower bound 90 excluded), 60 is CC (upper bound 60 included)
    assert ">AA<" in table
    assert ">CC<" in table
    assert "+15,01" in table  # 75 → 90.01
    assert "-2" in table  # 62 → 60
    # the Pemda row is the mean of the OPDs (documented), with its own grade
    assert 'id="pemda-score">75,01<' in html  # (90.01 + 60) / 2 = 75.005 → 75.01
    assert 'id="pemda-grade">BB<' in html
    assert "Rata-rata OPD" in html
    assert html.count('<svg class="chart') == 3  # scores, Pemda trend, grade distribution
    assert "Formulir SAKIP ini belum memuat tabel indikator kinerja" in html


def test_unpublished_submissions_never_count(client, world):
    form = sakip_form()
    actor = world["actor"]
    assignment = publish_year(form, [world["dinkes"], world["disdik"]], 2025, [85, None], actor)
    verified = assignment.submissions.get(opd=world["disdik"])
    verified = submission_reopen(
        submission=verified, actor=actor, until=timezone.now() + datetime.timedelta(days=1), reason="uji"
    )
    verified = submission_save_draft(submission=verified, actor=actor, answers=sakip_answers(41.5))
    verified = submission_verify(submission=submission_submit(submission=verified, actor=actor), actor=actor)
    assert verified.status == SubmissionStatus.VERIFIED
    page = results_page(form)
    html = client.get(page.url).content.decode()
    assert "Dinas Kesehatan" in html
    assert "Dinas Pendidikan" not in html
    assert "41,5" not in html


def test_pemda_row_from_the_chosen_opd(client, world):
    form = sakip_form()
    publish_year(form, [world["dinkes"], world["setda"]], 2025, [70, 82.5], world["actor"])
    page = results_page(form, pemda_opd=world["setda"])
    html = client.get(page.url).content.decode()
    assert 'id="pemda-score">82,50<' in html
    assert 'id="pemda-grade">A<' in html
    assert "dinilai melalui Sekretariat Daerah" in html
    table = html[html.index('id="sakip-table"') : html.index("</table>", html.index('id="sakip-table"'))]
    assert "Sekretariat Daerah" not in table


def test_indicators_with_achievement_rules(client, world):
    form = sakip_form(with_indicators=True)
    rows = [
        {"indikator": "Cakupan imunisasi", "satuan": "%", "arah": "naik", "target": 95, "realisasi": 76},
        {"indikator": "Angka kematian bayi", "satuan": "per 1000", "arah": "turun", "target": 10, "realisasi": 12},
        {
            "indikator": "Rasio dokter",
            "satuan": "rasio",
            "arah": "naik",
            "target_min": 1,
            "target_max": 2,
            "realisasi": 1.5,
        },
    ]
    publish_year(form, [world["dinkes"]], 2025, [80], world["actor"], Dinkes={"indikator_kinerja": rows})
    page = results_page(form)
    r = client.get(page.url)
    html = r.content.decode()
    assert "Cakupan imunisasi" in html
    assert "80,00%" in html  # 76 / 95
    assert "80,00%" in html
    assert "Baik" in html
    assert "Angka kematian bayi" in html
    assert "80,00%" in html
    assert "100,00%" in html  # inside the range
    assert "1–2" in html
    assert "belum memuat tabel indikator" not in html

    data = client.get(page.url + "data/indikator/csv/")
    assert data.status_code == 200
    lines = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
    assert lines[0] == ["OPD", "Indikator", "Satuan", "Target", "Realisasi", "Capaian", "Kategori"]
    assert ["Dinas Kesehatan", "Angka kematian bayi", "per 1000", "10", "12", "80", "Baik"] in lines


def test_capaian_rule_edges():
    assert capaian(realisasi=90, target=100) == 90
    assert capaian(realisasi=12, target=10, direction="turun") == 80  # not target/realisasi (83.33)
    assert capaian(realisasi=8, target=10, direction="turun") == 120
    assert capaian(realisasi=1.5, target_min=1, target_max=2) == 100
    assert capaian(realisasi=3, target_min=1, target_max=2) == 50  # above b: (2 − 3/2) × 100
    assert capaian(realisasi=0.5, target_min=1, target_max=2) == 50
    assert capaian(realisasi=5, target=0) is None
    assert capaian(realisasi=None, target=5) is None


def test_downloads_csv_and_json(client, world):
    form = sakip_form()
    publish_year(form, [world["dinkes"], world["disdik"]], 2025, [81, 55.5], world["actor"])
    page = results_page(form)
    r = client.get(page.url + "data/hasil/csv/")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/csv")
    assert "attachment" in r["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert lines[0][:4] == ["OPD", "Nilai 2025", "Predikat", "Keterangan"]
    assert lines[2][:4] == ["Dinas Kesehatan", "81", "A", "Memuaskan"]
    chart = json.loads(client.get(page.url + "data/nilai/json/").content)
    assert chart["labels"] == ["Dinas Kesehatan", "Dinas Pendidikan"]
    assert chart["series"][0]["values"] == [81.0, 55.5]
    assert client.get(page.url + "data/nilai/xml/").status_code == 404
    assert client.get(page.url + "data/tidak-ada/csv/").status_code == 404


def test_empty_page_and_editor_validation(client, world):
    from django.core.exceptions import ValidationError

    form = sakip_form()
    page = results_page(form)
    r = client.get(page.url)
    assert r.status_code == 200
    assert "Belum ada hasil evaluasi SAKIP yang dipublikasikan" in r.content.decode()
    bad = SakipResultsPage(title="x", slug="x", form=None, years_back=0)
    with pytest.raises(ValidationError) as exc:
        bad.clean()
    assert {"form", "years_back"} <= set(exc.value.message_dict)


@pytest.mark.parametrize("size", [3, 12])
def test_query_count_is_flat(client, world, django_assert_max_num_queries, size):
    form = sakip_form(with_indicators=True)
    opds = [OPDFactory() for _ in range(size)]
    rows = [{"indikator": "Indeks kepuasan", "arah": "naik", "target": 80, "realisasi": 84}]
    extra = {o.acronym: {"indikator_kinerja": rows} for o in opds}
    publish_year(form, opds, 2024, [60 + i for i in range(size)], world["actor"], **extra)
    publish_year(form, opds, 2025, [70 + i for i in range(size)], world["actor"], **extra)
    page = results_page(form)
    with django_assert_max_num_queries(16):
        r = client.get(page.url)
    assert r.status_code == 200
    assert r.content.decode().count("Indeks kepuasan") == size


def test_cached_briefly_and_purged_on_publish(client, world, django_capture_on_commit_callbacks):
    form = sakip_form()
    actor = world["actor"]
    assignment = publish_year(form, [world["dinkes"], world["disdik"]], 2025, [81, None], actor)
    page = results_page(form)
    first = client.get(page.url)
    assert "public" in first["Cache-Control"]
    assert "max-age=60" in first["Cache-Control"]
    # a change that bypasses the services (and their signals) is not seen: the figures are cached
    Submission.objects.filter(opd=world["dinkes"]).update(score={"total": {"score": 45}})
    assert 'id="pemda-score">81,00<' in client.get(page.url).content.decode()
    # publishing a report purges the cache: both the new OPD and the changed score show at once
    with django_capture_on_commit_callbacks(execute=True):
        publish_submission(assignment.submissions.get(opd=world["disdik"]), answers=sakip_answers(65), actor=actor)
    html = client.get(page.url).content.decode()
    assert "Dinas Pendidikan" in html
    assert 'id="pemda-score">55,00<' in html  # (45 + 65) / 2


def test_publish_signal_purges(client, world, django_capture_on_commit_callbacks):
    from reporting.signals import submission_published

    form = sakip_form()
    publish_year(form, [world["dinkes"]], 2025, [81], world["actor"])
    page = results_page(form)
    client.get(page.url)
    Submission.objects.filter(opd=world["dinkes"]).update(score={"total": {"score": 71}})
    assert 'id="pemda-score">81,00<' in client.get(page.url).content.decode()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission_published.send(sender=Submission, submission=Submission.objects.first())
    # the purge waits for the commit: until then the cached figures stay
    assert len(callbacks) == 1
    assert 'id="pemda-score">81,00<' in client.get(page.url).content.decode()
    callbacks[0]()
    html = client.get(page.url).content.decode()
    assert 'id="pemda-score">71,00<' in html


def test_sakip_providers_for_the_home_page(world, client):
    from home import providers
    from tests.factories import make_chart_page

    form = sakip_form()
    publish_year(form, [world["dinkes"], world["disdik"]], 2025, [81, 60.5], world["actor"])
    data = providers.chart_data("sakip_nilai_opd")
    assert data.labels == ("Dinas Kesehatan", "Dinas Pendidikan")
    assert data.series[0].values == (81.0, 60.5)
    assert providers.figure_value("sakip_nilai_rata_rata").value == 70.75
    page = make_chart_page(title="Sorotan", provider="sakip_nilai_opd")
    assert "Dinas Pendidikan" in client.get(page.url).content.decode()


def test_a_visitor_chooses_the_year(client, world):
    form = sakip_form()
    opds = [world["dinkes"], world["disdik"]]
    publish_year(form, opds, 2024, [75, 62], world["actor"])
    publish_year(form, opds, 2025, [90.01, 60], world["actor"])
    page = results_page(form, years_back=2)  # the editor fixed no year: the latest is shown

    html = client.get(page.url).content.decode()
    assert 'id="pemda-score">75,01<' in html  # 2025
    assert '<option value="2024">2024</option>' in html
    assert '<option value="2025" selected>2025</option>' in html

    html = client.get(page.url, {"tahun": "2024"}).content.decode()
    assert 'id="pemda-score">68,50<' in html  # (75 + 62) / 2
    assert '<option value="2024" selected>2024</option>' in html
    assert "data/hasil/csv/?tahun=2024" in html
    rows = list(
        csv.reader(io.StringIO(client.get(page.url + "data/hasil/csv/", {"tahun": "2024"}).content.decode("utf-8-sig")))
    )
    assert rows[0][1] == "Nilai 2024"

    # a year without results, or not a year, shows the default (latest) year, never an error
    for asked in ("2019", "abcd", "20255", ""):
        html = client.get(page.url, {"tahun": asked}).content.decode()
        assert 'id="pemda-score">75,01<' in html, asked
