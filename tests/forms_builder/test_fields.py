"""Every field type: good values clean to JSON-ready values, bad values give Indonesian errors."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from forms_builder.fields import FIELD_TYPES
from forms_builder.validation import validate_answers

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32


def _check(spec, value):
    spec = {"key": "x", "label": "X", **spec}
    result = validate_answers(schema={"fields": [spec]}, answers={"x": value})
    return result.cleaned.get("x"), result.errors.get("x")


GOOD = [
    ({"type": "short_text"}, "  Dinas Kesehatan ", "Dinas Kesehatan"),
    ({"type": "short_text", "pattern": r"[A-Z]{3}-\d+"}, "ABC-12", "ABC-12"),
    ({"type": "long_text", "max_length": 50}, "baris satu\nbaris dua", "baris satu\nbaris dua"),
    ({"type": "integer"}, "42", 42),
    ({"type": "integer", "min_value": 0, "max_value": 10}, 10, 10),
    ({"type": "decimal"}, "12,5", 12.5),
    ({"type": "decimal", "decimals": 2}, 3.25, 3.25),
    ({"type": "rupiah"}, "Rp 1.500.000", 1500000),
    ({"type": "rupiah"}, 2500000, 2500000),
    ({"type": "percentage"}, "99,99", 99.99),
    ({"type": "percentage", "max_value": 150}, 120, 120),
    ({"type": "date"}, "2026-02-28", "2026-02-28"),
    ({"type": "year"}, 2026, 2026),
    ({"type": "yes_no"}, "ya", True),
    ({"type": "yes_no"}, False, False),
    ({"type": "single_choice", "choices": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]}, "b", "b"),
    (
        {"type": "multiple_choice", "choices": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]},
        ["a", "b"],
        ["a", "b"],
    ),
    ({"type": "email"}, "Kominfo@NunukanKab.go.id", "kominfo@nunukankab.go.id"),
    ({"type": "phone"}, "0812-3456-7890", "+6281234567890"),
    ({"type": "phone"}, "(0556) 21234", "+6255621234"),
    ({"type": "nik"}, "6503 0112 3456 0001", "6503011234560001"),
    ({"type": "url"}, "https://nunukankab.go.id/lapor", "https://nunukankab.go.id/lapor"),
    (
        {"type": "file", "allowed_types": ["pdf"]},
        {"name": "a.pdf", "size": 10, "mime": "application/pdf"},
        {"name": "a.pdf", "size": 10, "mime": "application/pdf"},
    ),
]

BAD = [
    ({"type": "short_text", "max_length": 5}, "terlalu panjang", "Paling banyak 5 karakter"),
    ({"type": "short_text", "min_length": 3}, "ab", "Paling sedikit 3"),
    (
        {"type": "short_text", "pattern": r"[A-Z]{3}-\d+", "pattern_message": "Kode tidak sesuai."},
        "abc",
        "Kode tidak sesuai.",
    ),
    ({"type": "short_text"}, {"a": 1}, "harus berupa teks"),
    ({"type": "long_text", "max_length": 5}, "x" * 6, "Paling banyak 5"),
    ({"type": "integer"}, "4.5", "bilangan bulat"),
    ({"type": "integer"}, "empat", "harus berupa angka"),
    ({"type": "integer"}, True, "harus berupa angka"),
    ({"type": "integer", "max_value": 10}, 11, "paling besar 10"),
    ({"type": "integer", "min_value": 0}, -1, "paling kecil 0"),
    ({"type": "integer"}, "9" * 30, "terlalu besar"),
    ({"type": "decimal", "decimals": 2}, "1,234", "2 angka di belakang koma"),
    ({"type": "decimal"}, "1e5", "harus berupa angka"),
    ({"type": "decimal"}, "NaN", "harus berupa angka"),
    ({"type": "rupiah"}, -5, "paling kecil 0"),
    ({"type": "rupiah"}, "12,5", "bilangan bulat"),
    ({"type": "percentage"}, 100.5, "paling besar 100"),
    ({"type": "date"}, "2026-02-30", "Tanggal tidak valid"),
    ({"type": "date"}, "28/02/2026", "Tanggal tidak valid"),
    ({"type": "year"}, 1800, "paling kecil 1945"),
    ({"type": "yes_no"}, "mungkin", "Ya atau Tidak"),
    ({"type": "single_choice", "choices": [{"value": "a", "label": "A"}]}, "z", "tidak tersedia"),
    ({"type": "multiple_choice", "choices": [{"value": "a", "label": "A"}]}, ["a", "a"], "berulang"),
    (
        {
            "type": "multiple_choice",
            "choices": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}],
            "max_choices": 1,
        },
        ["a", "b"],
        "paling banyak 1",
    ),
    ({"type": "email"}, "bukan-email", "email tidak valid"),
    ({"type": "phone"}, "12345", "telepon tidak valid"),
    ({"type": "nik"}, "12345", "16 digit"),
    ({"type": "nik"}, "0503011234560001", "16 digit"),
    ({"type": "nik"}, "65030112345600AB", "16 digit"),
    ({"type": "url"}, "javascript:alert(1)", "Alamat web tidak valid"),
    ({"type": "url"}, "ftp://contoh.go.id", "Alamat web tidak valid"),
    (
        {"type": "file", "allowed_types": ["pdf"], "max_size_mb": 1},
        {"name": "a.pdf", "size": 2 * 1024 * 1024, "mime": "application/pdf"},
        "terlalu besar",
    ),
    ({"type": "file", "allowed_types": ["pdf"]}, "bukan berkas", "Unggah sebuah berkas"),
]


@pytest.mark.parametrize(("spec", "value", "expected"), GOOD)
def test_good_values(db, spec, value, expected):
    cleaned, errors = _check(spec, value)
    assert errors is None
    assert cleaned == expected


@pytest.mark.parametrize(("spec", "value", "message"), BAD)
def test_bad_values(db, spec, value, message):
    cleaned, errors = _check(spec, value)
    assert cleaned is None
    assert errors
    assert message.lower() in errors[0].lower()


def test_every_registered_type_is_covered_by_these_tests():
    covered = {spec["type"] for spec, *_ in GOOD + BAD}
    not_inputs = {"heading", "computed", "section", "table", "opd_choice"}  # tested elsewhere in this module
    assert set(FIELD_TYPES) - covered == not_inputs


def test_opd_choice_accepts_active_opds_only(db):
    from tests.factories import OPDFactory

    active, inactive = OPDFactory(), OPDFactory(is_active=False)
    assert _check({"type": "opd_choice"}, str(active.pk)) == (active.pk, None)
    assert "tidak ditemukan" in _check({"type": "opd_choice"}, inactive.pk)[1][0]
    assert "Pilih OPD" in _check({"type": "opd_choice"}, "dinas")[1][0]


def test_file_upload_type_is_read_from_content_not_name(db):
    spec = {"type": "file", "allowed_types": ["pdf"], "max_size_mb": 1}
    good = SimpleUploadedFile("laporan.pdf", PDF, content_type="application/pdf")
    cleaned, errors = _check(spec, good)
    assert errors is None
    assert cleaned == {"name": "laporan.pdf", "size": len(PDF), "mime": "application/pdf"}
    disguised = SimpleUploadedFile("laporan.pdf", PNG, content_type="application/pdf")
    assert "tidak diizinkan" in _check(spec, disguised)[1][0]
    script = SimpleUploadedFile("laporan.pdf", b"#!/bin/sh\nrm -rf /\n", content_type="application/pdf")
    assert "tidak diizinkan" in _check(spec, script)[1][0]
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * (1024 * 1024), content_type="application/pdf")
    assert "terlalu besar" in _check(spec, big)[1][0]


def test_image_uploads_when_allowed(db):
    spec = {"type": "file", "allowed_types": ["png", "jpg"]}
    upload = SimpleUploadedFile("foto.bin", PNG)
    assert _check(spec, upload)[0]["mime"] == "image/png"
    assert io  # keep import for readers: uploads are file objects


def test_heading_and_computed_ignore_submitted_values(db):
    schema = {
        "fields": [
            {"key": "judul", "type": "heading", "label": "Judul"},
            {"key": "a", "type": "integer", "label": "A"},
            {"key": "dua_a", "type": "computed", "label": "2A", "formula": "a * 2"},
        ]
    }
    result = validate_answers(schema=schema, answers={"judul": "x", "a": 4, "dua_a": 999})
    assert result.errors == {}
    assert result.cleaned == {"a": 4, "dua_a": 8}
    assert result.computed == {"dua_a": 8}


def test_design_time_checks_of_field_options():
    from forms_builder.schema import check_schema

    def problems(spec):
        return [str(p) for p in check_schema({"fields": [{"key": "x", "label": "X", **spec}]})]

    assert "terlalu rumit" in problems({"type": "short_text", "pattern": "(a+)+$"})[0]
    assert "tidak valid" in problems({"type": "short_text", "pattern": "[a-"})[0]
    assert "minimum" in problems({"type": "integer", "min_value": 5, "max_value": 1})[0]
    assert "belum punya pilihan" in problems({"type": "single_choice"})[0]
    assert "nilai pilihan ganda" in problems({"type": "single_choice", "choices": [{"value": "a"}, {"value": "a"}]})[0]
    assert "tidak dikenal" in problems({"type": "file", "allowed_types": ["exe"]})[0]
    assert "belum punya kolom" in problems({"type": "table"})[0]
    assert "tidak dikenal" in problems({"type": "spreadsheet"})[0]
    assert "tidak dapat diberi bobot" in problems({"type": "short_text", "weight": 2})[0]
    assert "Kunci 'Nama Lengkap' tidak valid" in str(
        check_schema({"fields": [{"key": "Nama Lengkap", "type": "short_text"}]})[0]
    )
