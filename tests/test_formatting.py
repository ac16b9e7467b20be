"""Rupiah and Indonesian date formatting (cms/formatting.py) and its template filters."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from cms.formatting import format_date, format_datetime, format_rupiah, zone_abbreviation


@pytest.mark.parametrize(
    ("amount", "kwargs", "expected"),
    [
        (Decimal("1234567.89"), {}, "Rp 1.234.567,89"),
        (Decimal("1234567.891"), {}, "Rp 1.234.567,89"),
        (Decimal("0.005"), {}, "Rp 0,01"),
        (Decimal("999.995"), {}, "Rp 1.000,00"),
        (0, {}, "Rp 0,00"),
        (1500000, {"decimals": 0}, "Rp 1.500.000"),
        (Decimal("1234567.5"), {"decimals": 0}, "Rp 1.234.568"),
        (Decimal("-2500.5"), {}, "-Rp 2.500,50"),
        ("750000", {}, "Rp 750.000,00"),
        (12.3, {}, "Rp 12,30"),
        (Decimal("1000000000000"), {"decimals": 0}, "Rp 1.000.000.000.000"),
        (None, {}, ""),
        ("bukan angka", {}, ""),
        (Decimal("NaN"), {}, ""),
        (True, {}, ""),
    ],
)
def test_format_rupiah(amount, kwargs, expected):
    assert format_rupiah(amount, **kwargs) == expected


def test_format_rupiah_ignores_the_page_language():
    with translation.override("en"):
        assert format_rupiah(Decimal("1234.5")) == "Rp 1.234,50"


def test_format_date_in_indonesian_and_english():
    day = datetime.date(2026, 5, 3)
    with translation.override("id"):
        assert format_date(day) == "3 Mei 2026"
    assert format_date(day, language="en") == "3 May 2026"
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Jakarta", "2 Januari 2027 06.30 WIB"),
        ("Asia/Makassar", "2 Januari 2027 07.30 WITA"),
        ("Asia/Jayapura", "2 Januari 2027 08.30 WIT"),
    ],
)
def test_format_datetime_in_each_indonesian_zone(zone, expected):
    moment = datetime.datetime(2027, 1, 1, 23, 30, tzinfo=datetime.UTC)
    with translation.override("id"):
        assert format_datetime(moment, tz=zone) == expected


def test_format_datetime_uses_the_active_pemda_zone():
    moment = datetime.datetime(2026, 8, 17, 3, 0, tzinfo=datetime.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Asia/Jayapura")), translation.override("id"):
        assert format_datetime(moment) == "17 Agustus 2026 12.00 WIT"
        assert format_date(moment) == "17 Agustus 2026"
        assert zone_abbreviation() == "WIT"


def test_date_of_a_datetime_is_the_local_date():
    """23:30 UTC on 1 January is already 2 January in Makassar."""
    moment = datetime.datetime(2027, 1, 1, 23, 30, tzinfo=datetime.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Asia/Makassar")), translation.override("id"):
        assert format_date(moment) == "2 Januari 2027"


def test_unknown_zone_keeps_its_name():
    assert zone_abbreviation(zoneinfo.ZoneInfo("Europe/Amsterdam")) == "Europe/Amsterdam"


def test_template_filters():
    template = Template("{% load sepakat_format %}{{ amount|rupiah }} | {{ amount|rupiah:0 }} | {{ day|tanggal }}")
    with translation.override("id"):
        rendered = template.render(Context({"amount": Decimal("2500000.4"), "day": datetime.date(2026, 12, 25)}))
    assert rendered == "Rp 2.500.000,40 | Rp 2.500.000 | 25 Desember 2026"


def test_waktu_filter():
    template = Template("{% load sepakat_format %}{{ moment|waktu }}")
    moment = datetime.datetime(2026, 8, 17, 3, 0, tzinfo=datetime.UTC)
    with timezone.override(zoneinfo.ZoneInfo("Asia/Makassar")), translation.override("id"):
        assert template.render(Context({"moment": moment})) == "17 Agustus 2026 11.00 WITA"


def test_month_names_not_numbers():
    from cms.formatting import format_month

    assert format_month(12) == "Desember"
    assert format_month("3") == "Maret"
    assert format_month(12, language="en") == "December"
    assert format_month(13) == format_month(None) == format_month("x") == ""
