"""Admin imports: upload → preview with row errors → confirm; all or nothing; tampering refused."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from planning.models import Indicator, NodeLevel, NomenclatureNode, NomenclatureVersion, PlanNode
from tests.factories import OPDFactory, bappeda_user, opd_user, plan_world

pytestmark = pytest.mark.django_db


def _data(html: str) -> str:
    match = re.search(r'name="data" value="([^"]+)"', html)
    return match.group(1) if match else ""


@pytest.fixture
def planner_client(client):
    client.force_login(bappeda_user())
    return client


def test_nomenclature_import_preview_refuses_a_bad_file_then_saves_a_good_one(planner_client):
    url = "/admin/perencanaan/impor-nomenklatur/"
    bad = SimpleUploadedFile("n.csv", b"kode;nama\n1;URUSAN\n1.02;KESEHATAN\n1.02.09.2.01;Tanpa program\n")
    html = planner_client.post(url, {"step": "upload", "file": bad, "name": "Uji", "decree": "uji/1"}).content.decode()
    assert "Induk “1.02.09” belum ada" in html
    assert _data(html) == ""
    assert not NomenclatureVersion.objects.exists()
    good = SimpleUploadedFile("n.csv", b"kode,nama\n1,URUSAN\n1.02,KESEHATAN\n")
    html = planner_client.post(url, {"step": "upload", "file": good, "name": "Uji", "decree": "uji/1"}).content.decode()
    assert "2 baris siap disimpan." in html
    assert not NomenclatureNode.objects.exists()  # a preview writes nothing
    response = planner_client.post(url, {"step": "confirm", "data": _data(html)}, follow=True)
    assert "2 kode nomenklatur disimpan." in response.content.decode()
    assert NomenclatureNode.objects.filter(version__decree="uji/1").count() == 2
    tampered = planner_client.post(url, {"step": "confirm", "data": _data(html)[:-3] + "abc"}, follow=True)
    assert "kedaluwarsa atau rusak" in tampered.content.decode()


def _sheet(rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("renstra.xlsx", buffer.getvalue())


HEADER = ["Jenjang", "Kode", "Uraian", "Kode Induk", "OPD", "Sasaran daerah", "Indikator", "Satuan", "Arah",
          "Target 2026"]  # fmt: skip


def test_plan_import_maps_columns_previews_errors_and_saves_all_or_nothing(planner_client):
    world = plan_world(opds=0)
    opd = OPDFactory(name="Dinas Uji Impor")
    url = "/admin/perencanaan/impor/"
    rows = [
        HEADER,
        ["Tujuan", "T1", "Tujuan OPD", "", opd.name, "", "", "", "", ""],
        ["Sasaran", "T1.S1", "Sasaran OPD", "T1", opd.name, "S1", "Indikator A", "%", "naik", "80"],
        ["Sasaran", "T1.S2", "Sasaran lain", "T1", "OPD Tak Dikenal", "", "", "", "", ""],
        ["Sasaran", "T1.S3", "Sasaran rentang", "T1", opd.name, "S9", "Indikator B", "%", "rentang", "10-20"],
        ["Sasaran", "T1.S4", "Sasaran angka rusak", "T1", opd.name, "", "Indikator C", "%", "naik", "delapan"],
    ]
    html = planner_client.post(url, {"step": "upload", "rpjmd": world.rpjmd.pk, "file": _sheet(rows)}).content.decode()
    data = _data(html)
    assert 'name="col_level"' in html
    keys = ["level", "code", "name", "parent", "opd", "supports", "indicator", "unit", "direction", "target_2026"]
    mapping = {f"col_{k}": str(i) for i, k in enumerate(keys)}
    html = planner_client.post(url, {"step": "preview", "data": data, **mapping}).content.decode()
    assert "OPD “OPD Tak Dikenal” tidak dikenal." in html
    assert "Sasaran daerah “S9” tidak ada." in html
    assert "Angka “delapan” tidak terbaca." in html
    assert "Simpan semua" not in html
    planner_client.post(url, {"step": "confirm", "data": data, **mapping})
    assert not PlanNode.objects.filter(opd=opd).exists()  # refused as a whole

    ranged_row = ["Sasaran", "T1.S3", "Sasaran rentang", "T1", opd.name, "S1", "Indikator B", "%", "rentang", "10-20"]
    good = [*rows[:3], ranged_row]
    upload = planner_client.post(url, {"step": "upload", "rpjmd": world.rpjmd.pk, "file": _sheet(good)})
    data = _data(upload.content.decode())
    html = planner_client.post(url, {"step": "preview", "data": data, **mapping}).content.decode()
    assert "3 baris siap disimpan." in html
    response = planner_client.post(url, {"step": "confirm", "data": data, **mapping}, follow=True)
    assert "3 simpul rencana disimpan." in response.content.decode()
    s1 = PlanNode.objects.get(opd=opd, level=NodeLevel.SASARAN_OPD, code="T1.S1")
    assert list(s1.supports.all()) == [world.sasaran]
    ranged = Indicator.objects.get(name="Indikator B").targets.get(year=2026)
    assert (ranged.value_min, ranged.value_max) == (10, 20)


def test_imports_are_for_planners_only(client):
    world = plan_world(opds=1)
    client.force_login(opd_user(world.opds[0]))
    # Wagtail answers a refused admin view with a redirect to the dashboard: never the page itself
    assert client.get("/admin/perencanaan/impor/").status_code == 302
    assert client.get("/admin/perencanaan/impor-nomenklatur/").status_code == 302
