import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organizations.models import OPD_MAX_DEPTH, OPDKind, Pemda, PemdaKind
from tests.factories import OPDFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "code", "ok"),
    [
        (PemdaKind.KABUPATEN, "65.03", True),
        (PemdaKind.KOTA, "65.71", True),
        (PemdaKind.PROVINSI, "65", True),
        (PemdaKind.KOTA, "65.03", False),  # kota codes start at 71
        (PemdaKind.KABUPATEN, "65", False),
        (PemdaKind.PROVINSI, "65.03", False),
        (PemdaKind.KABUPATEN, "6503", False),
        (PemdaKind.KABUPATEN, "65.3", False),
    ],
)
def test_pemda_region_code(kind, code, ok):
    pemda = Pemda(name="Pemda Uji", kind=kind, region_code=code)
    if ok:
        pemda.full_clean()
    else:
        with pytest.raises(ValidationError) as exc:
            pemda.full_clean()
        assert "region_code" in exc.value.message_dict


def test_opd_cannot_be_its_own_ancestor():
    top = OPDFactory(kind=OPDKind.KECAMATAN)
    child = OPDFactory(parent=top)
    top.parent = child
    with pytest.raises(ValidationError) as exc:
        top.full_clean()
    assert "parent" in exc.value.message_dict


def test_opd_depth_is_bounded():
    node = None
    for _ in range(OPD_MAX_DEPTH):
        node = OPDFactory(parent=node)
    too_deep = OPDFactory.build(parent=node)
    with pytest.raises(ValidationError) as exc:
        too_deep.full_clean()
    assert "4" in exc.value.message_dict["parent"][0]


def test_opd_names_are_unique_ignoring_case():
    OPDFactory(name="Dinas Kesehatan")
    with pytest.raises(IntegrityError), transaction.atomic():
        OPDFactory(name="dinas kesehatan")


def test_opd_history_is_tracked():
    opd = OPDFactory(name="Dinas Perikanan")
    opd.acronym = "Diskan"
    opd.save()
    assert [h.history_type for h in opd.history.order_by("history_id")] == ["+", "~"]
