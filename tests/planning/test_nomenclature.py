import pytest
from django.core.exceptions import ValidationError

from planning.demo import demo_nomenclature_version
from planning.models import NomenclatureLevel, NomenclatureNode, NomenclatureVersion, level_of_code, parent_code
from planning.nomenclature import nomenclature_rows_check, nomenclature_rows_load


@pytest.mark.parametrize(
    ("code", "level", "parent"),
    [
        ("1", NomenclatureLevel.URUSAN, None),
        ("1.02", NomenclatureLevel.BIDANG, "1"),
        ("1.02.02", NomenclatureLevel.PROGRAM, "1.02"),
        ("1.02.02.2.01", NomenclatureLevel.KEGIATAN, "1.02.02"),
        ("1.02.02.2.01.0001", NomenclatureLevel.SUB_KEGIATAN, "1.02.02.2.01"),
    ],
)
def test_code_shape_names_level_and_parent(code, level, parent):
    assert level_of_code(code) == level
    assert parent_code(code) == parent


@pytest.mark.parametrize("code", ["", "1.02.x", "1.02.02.2", "a"])
def test_bad_code_has_no_level(code):
    assert level_of_code(code) is None


@pytest.mark.django_db
def test_demo_nomenclature_loads_twice_without_duplicates():
    version = demo_nomenclature_version()
    count = version.nodes.count()
    assert count > 60
    demo_nomenclature_version()
    assert version.nodes.count() == count
    sub = NomenclatureNode.objects.get(version=version, code="1.02.02.2.02.0001")
    assert sub.level == NomenclatureLevel.SUB_KEGIATAN
    assert sub.parent.code == "1.02.02.2.02"
    assert sub.parent.parent.code == "1.02.02"


@pytest.mark.django_db
def test_a_bad_row_refuses_the_whole_file_and_names_the_line():
    version = NomenclatureVersion.objects.create(name="Uji", decree="uji/1")
    rows = [("1", "URUSAN"), ("1.02", "KESEHATAN"), ("1.02.09.2.01", "Kegiatan tanpa program")]
    preview = nomenclature_rows_check(version=version, rows=rows)
    assert [e.line for e in preview.errors] == [4]
    with pytest.raises(ValidationError) as caught:
        nomenclature_rows_load(version=version, rows=rows)
    assert "Baris 4" in str(caught.value)
    assert not version.nodes.exists()
