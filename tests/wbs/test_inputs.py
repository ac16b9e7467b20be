"""The WBS services' input contracts (wbs/inputs.py on inputs.fields): malformed input of any
kind is a field error (a 400 through REST), never a 500 and never stored."""

import pytest
from django.core.exceptions import ValidationError

from inputs.fields import IdField, LatitudeField, TextField, validated
from wbs import services
from wbs.models import WbsReport

from .doors import client_for, submit_payload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("category", -1),
        ("category", 1.5),
        ("category", 10**30),
        ("category", True),
        ("reported_opd", "satu"),
        ("title", ["daftar"]),
        ("title", {"a": 1}),
        ("title", "judul\x00nul"),
        ("title", "x" * 201),
        ("description", "pendek"),
        ("incident_date", "2999-01-01"),
        ("incident_date", "bukan tanggal"),
    ],
)
def test_malformed_submissions_are_field_errors_over_rest(opds, category, field, value):
    payload = {**submit_payload(opds["dinkes"], category), field: value}
    response = client_for().post("/api/v1/wbs/reports/", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    assert not WbsReport.objects.exists()


def test_service_validates_every_field_at_once(opds, category):
    with pytest.raises(ValidationError) as info:
        services.report_submit(
            category_id=None, reported_opd_id=0, reported_person="", title="", description="x", incident_date=None
        )
    assert set(info.value.message_dict) >= {"category", "reported_opd", "reported_person", "title", "description"}


def test_shared_field_kinds():
    from django import forms

    class Probe(forms.Form):
        text = TextField(max_length=5)
        ident = IdField(invalid_message="Pilih yang tersedia.")
        lat = LatitudeField()

    assert validated(Probe, {"text": "  abc ", "ident": "7", "lat": "-3.5"}) == {
        "text": "abc",
        "ident": 7,
        "lat": pytest.approx(-3.5),
    }
    with pytest.raises(ValidationError) as info:
        validated(Probe, {"text": "abcdef", "ident": 2**64, "lat": "91"})
    errors = info.value.message_dict
    assert errors["text"] == ["Paling banyak 5 karakter."]
    assert errors["ident"] == ["Pilih yang tersedia."]
    assert "lat" in errors
