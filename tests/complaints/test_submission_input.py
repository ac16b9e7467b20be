"""The submit service's input contract (``complaints.submission.ComplaintInput``): each kind of bad
input gets exactly its field key and Indonesian message, the same every door shows."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from complaints.models import Complaint, Privacy
from complaints.services import complaint_add_information, complaint_submit
from tests.factories import submit_complaint

pytestmark = pytest.mark.django_db

FUTURE = dt.date.today() + dt.timedelta(days=3)

CASES = [
    ({"title": 123}, {"title": ["Harus berupa teks."]}),
    ({"title": "x" * 201}, {"title": ["Paling banyak 200 karakter."]}),
    ({"description": "   "}, {"description": ["Wajib diisi."]}),
    ({"location_text": ["a"]}, {"location_text": ["Harus berupa teks."]}),
    ({"kind": "lain"}, {"kind": ["Jenis tidak dikenal."]}),
    ({"privacy": "x"}, {"privacy": ["Pilihan kerahasiaan tidak dikenal."]}),
    ({"category": "tidak-ada"}, {"category": ["Pilih kategori yang tersedia."]}),
    ({"kecamatan": "dinas"}, {"kecamatan": ["Pilih kecamatan."]}),
    ({"kelurahan": "kec"}, {"kelurahan": ["Pilih kelurahan/desa."]}),
    ({"kelurahan": "dinas"}, {"kelurahan": ["Pilih kelurahan/desa."]}),
    ({"lat": "abc", "long": "1"}, {"lat": ["Koordinat tidak valid."]}),
    ({"lat": True, "long": "1"}, {"lat": ["Koordinat tidak valid."]}),
    ({"lat": "91", "long": "1"}, {"lat": ["Koordinat di luar jangkauan."]}),
    ({"lat": "1", "long": "-180.5"}, {"long": ["Koordinat di luar jangkauan."]}),
    ({"lat": "1"}, {"long": ["Isi lintang dan bujur bersama-sama."]}),
    ({"long": "1"}, {"lat": ["Isi lintang dan bujur bersama-sama."]}),
    ({"incident_date": FUTURE}, {"incident_date": ["Tanggal kejadian tidak boleh di masa depan."]}),
    ({"reporter_email": "bukan-email"}, {"reporter_email": ["Alamat email tidak valid."]}),
    ({"reporter_phone": "1" * 31}, {"reporter_phone": ["Paling banyak 30 karakter."]}),
    ({"reporter_name": 5}, {"reporter_name": ["Harus berupa teks."]}),
]


def _resolve(world, data: dict) -> dict:
    """OPD cases name a row of the test world (``"dinas"`` -> ``world.dinas``)."""
    return {k: getattr(world, v) if k in ("kecamatan", "kelurahan") else v for k, v in data.items()}


@pytest.mark.parametrize(("data", "expected"), CASES, ids=[str(sorted(c[0])) for c in CASES])
def test_bad_input_is_one_field_error_with_its_message(world, data, expected):
    payload = {"title": "Lampu jalan mati", "description": "Lampu mati sejak seminggu.", "category": "jalan"}
    with pytest.raises(ValidationError) as exc:
        complaint_submit(data={**payload, **_resolve(world, data)}, client="127.0.0.1", door="web")
    assert exc.value.message_dict == expected
    assert not Complaint.objects.exists()


def test_an_anonymous_complaint_ignores_the_identity_fields(world):
    c = submit_complaint(
        category=world.category, privacy=Privacy.ANONIM, reporter_email="bukan-email", reporter_name=5
    ).complaint
    assert c.privacy == Privacy.ANONIM


def test_cleaned_values(world):
    c = submit_complaint(
        category=world.category,
        title="  Lampu mati  ",
        lat="-3.9876543",
        long=117.1,
        kind="",
        incident_date=dt.datetime(2026, 1, 2, 10, 0),
        kelurahan=world.kel,
    ).complaint
    assert c.title == "Lampu mati"
    assert str(c.lat) == "-3.987654"
    assert c.kind == "pengaduan"
    assert c.privacy == Privacy.PUBLIC
    assert c.incident_date == dt.date(2026, 1, 2)
    assert c.kecamatan == world.kec


def test_information_body_is_required_text(world):
    c = submit_complaint(category=world.category).complaint
    for body, message in (
        ("  ", "Wajib diisi."),
        (7, "Harus berupa teks."),
        ("x" * 5001, "Paling banyak 5000 karakter."),
    ):
        with pytest.raises(ValidationError) as exc:
            complaint_add_information(complaint=c, body=body, door="web")
        assert exc.value.message_dict == {"body": [message]}
