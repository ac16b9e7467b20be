"""The one validation function: conditions, tables, formulas, rules, paths and language."""

import pytest
from django.utils import translation

from forms_builder.validation import NON_FIELD, validate_answers
from tests.factories import simple_schema


@pytest.fixture
def schema():
    return simple_schema()


def test_a_complete_answer_is_clean_with_computed_values(schema):
    result = validate_answers(
        schema=schema,
        answers={
            "nama": "Dinkes",
            "ada_kegiatan": "ya",
            "uraian": "Posyandu",
            "anggaran": [
                {"kegiatan": "Posyandu", "pagu": "Rp 1.000.000", "realisasi": 750000},
                {"kegiatan": "Imunisasi", "pagu": 3000000, "realisasi": 1000000},
            ],
        },
    )
    assert result.errors == {}
    assert result.cleaned["anggaran"][0] == {
        "kegiatan": "Posyandu",
        "pagu": 1000000,
        "realisasi": 750000,
        "serapan": 75,
    }
    assert result.computed == {"anggaran.0.serapan": 75, "anggaran.1.serapan": 33.33, "total_pagu": 4000000}


def test_errors_are_keyed_by_field_path_with_row_index(schema):
    result = validate_answers(
        schema=schema,
        answers={"anggaran": [{"kegiatan": "A", "pagu": 1}, {"kegiatan": "", "pagu": "banyak"}, {"pagu": 5}]},
    )
    assert result.errors == {
        "nama": ["Wajib diisi."],
        "anggaran.1.kegiatan": ["Wajib diisi."],
        "anggaran.1.pagu": ["Isian harus berupa angka."],
        "anggaran.2.kegiatan": ["Wajib diisi."],
    }


def test_show_if_hides_and_drops_values_and_required_if_requires(schema):
    hidden = validate_answers(
        schema=schema,
        answers={"nama": "X", "ada_kegiatan": False, "uraian": "diabaikan", "anggaran": [{"kegiatan": "A", "pagu": 1}]},
    )
    assert hidden.errors == {}
    assert "uraian" not in hidden.cleaned
    assert "uraian" in hidden.hidden
    shown = validate_answers(
        schema=schema, answers={"nama": "X", "ada_kegiatan": True, "anggaran": [{"kegiatan": "A", "pagu": 1}]}
    )
    assert shown.errors == {"uraian": ["Wajib diisi."]}


def test_hidden_fields_do_not_report_type_errors():
    schema = {
        "fields": [
            {"key": "punya", "type": "yes_no", "label": "Punya?"},
            {"key": "jumlah", "type": "integer", "label": "Jumlah", "show_if": "punya == true"},
        ]
    }
    assert validate_answers(schema=schema, answers={"punya": False, "jumlah": "abc"}).errors == {}
    assert validate_answers(schema=schema, answers={"punya": True, "jumlah": "abc"}).errors == {
        "jumlah": ["Isian harus berupa angka."]
    }


def test_a_hidden_section_hides_its_fields():
    schema = {
        "fields": [
            {
                "key": "jenis",
                "type": "single_choice",
                "label": "Jenis",
                "choices": [{"value": "dinas", "label": "Dinas"}, {"value": "kecamatan", "label": "Kecamatan"}],
            },
            {
                "key": "kec",
                "type": "section",
                "label": "Kecamatan",
                "show_if": 'jenis == "kecamatan"',
                "fields": [
                    {"key": "jumlah_desa", "type": "integer", "label": "Jumlah desa", "required": True},
                ],
            },
        ]
    }
    assert validate_answers(schema=schema, answers={"jenis": "dinas", "jumlah_desa": 3}).cleaned == {"jenis": "dinas"}
    assert validate_answers(schema=schema, answers={"jenis": "kecamatan"}).errors == {"jumlah_desa": ["Wajib diisi."]}


def test_conditions_on_multiple_choice_and_computed_values():
    schema = {
        "fields": [
            {
                "key": "kanal",
                "type": "multiple_choice",
                "label": "Kanal",
                "choices": [{"value": "web", "label": "Web"}, {"value": "lain", "label": "Lainnya"}],
            },
            {"key": "kanal_lain", "type": "short_text", "label": "Sebutkan", "required_if": '"lain" in kanal'},
            {"key": "target", "type": "decimal", "label": "Target"},
            {"key": "realisasi", "type": "decimal", "label": "Realisasi"},
            {
                "key": "capaian",
                "type": "computed",
                "label": "Capaian",
                "formula": "realisasi / target * 100",
                "decimals": 2,
            },
            {
                "key": "alasan",
                "type": "long_text",
                "label": "Alasan",
                "show_if": "capaian < 100",
                "required_if": "capaian < 100",
            },
        ]
    }
    result = validate_answers(schema=schema, answers={"kanal": ["web", "lain"], "target": 8, "realisasi": 6})
    assert result.errors == {"kanal_lain": ["Wajib diisi."], "alasan": ["Wajib diisi."]}
    assert result.computed == {"capaian": 75}
    result = validate_answers(schema=schema, answers={"kanal": ["web"], "target": 8, "realisasi": 8})
    assert result.errors == {}
    assert "alasan" in result.hidden


def test_fixed_row_table_accepts_rows_by_key_and_pads_missing_rows():
    schema = {
        "fields": [
            {
                "key": "spm",
                "type": "table",
                "label": "SPM",
                "rows": [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}],
                "columns": [{"key": "n", "type": "integer", "label": "N", "required": True}],
            }
        ]
    }
    result = validate_answers(schema=schema, answers={"spm": {"b": {"n": 3}}})
    assert result.cleaned["spm"] == [{"n": None}, {"n": 3}]
    assert result.errors == {"spm.0.n": ["Wajib diisi."]}
    too_many = validate_answers(schema=schema, answers={"spm": [{"n": 1}, {"n": 2}, {"n": 3}]})
    assert too_many.errors == {"spm": ["Paling banyak 2 baris."]}


def test_free_rows_respect_min_and_max(schema):
    few = validate_answers(schema=schema, answers={"nama": "X", "anggaran": []})
    assert few.errors == {"anggaran": ["Paling sedikit 1 baris."]}
    many = validate_answers(schema=schema, answers={"nama": "X", "anggaran": [{"kegiatan": "A", "pagu": 1}] * 6})
    assert many.errors == {"anggaran": ["Paling banyak 5 baris."]}
    assert len(many.cleaned["anggaran"]) == 5
    wrong = validate_answers(schema=schema, answers={"nama": "X", "anggaran": "semua"})
    assert "Isian tabel harus berupa daftar baris." in wrong.errors["anggaran"]
    row = validate_answers(schema=schema, answers={"nama": "X", "anggaran": [5]})
    assert row.errors["anggaran.0"] == ["Baris harus berupa objek."]


def test_cross_field_rules_with_custom_messages():
    schema = {
        "fields": [
            {"key": "pagu", "type": "rupiah", "label": "Pagu"},
            {"key": "realisasi", "type": "rupiah", "label": "R"},
        ],
        "rules": [
            {"expression": "realisasi <= pagu", "message": "Realisasi melebihi pagu.", "field": "realisasi"},
            {"expression": "pagu > 0", "message": "Pagu harus lebih dari nol."},
        ],
    }
    assert validate_answers(schema=schema, answers={"pagu": 100, "realisasi": 120}).errors == {
        "realisasi": ["Realisasi melebihi pagu."]
    }
    assert validate_answers(schema=schema, answers={"pagu": 0, "realisasi": 0}).errors == {
        NON_FIELD: ["Pagu harus lebih dari nol."]
    }
    assert validate_answers(schema=schema, answers={}).errors == {}  # judged once filled


def test_answers_must_be_an_object(schema):
    assert validate_answers(schema=schema, answers=["x"]).errors == {NON_FIELD: ["Jawaban harus berupa objek JSON."]}


def test_formula_failures_become_errors_on_the_field():
    schema = {
        "fields": [
            {"key": "x", "type": "integer", "label": "X"},
            {"key": "y", "type": "computed", "label": "Y", "formula": "x ^ 60 * x ^ 60"},
        ]
    }
    result = validate_answers(schema=schema, answers={"x": 999})
    assert result.cleaned["y"] is None
    assert "terlalu besar" in result.errors["y"][0]


def test_messages_follow_the_active_language(schema):
    with translation.override("id"):
        assert validate_answers(schema=schema, answers={}).errors["nama"] == ["Wajib diisi."]


def test_hostile_answers_are_bounded(schema):
    result = validate_answers(
        schema=schema,
        answers={
            "nama": "x" * 1_000_000,
            "anggaran": [{"kegiatan": "A", "pagu": 1}] * 100_000,
            "tak_dikenal": {"a": [1]},
        },
    )
    assert result.errors["nama"] == ["Paling banyak 255 karakter (sekarang 1000000)."]
    assert result.errors["anggaran"] == ["Paling banyak 5 baris."]
    assert len(result.cleaned["anggaran"]) == 5
    assert "tak_dikenal" not in result.cleaned


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [5, 50])
def test_opd_choices_cost_one_query_whatever_the_number_of_rows(django_assert_num_queries, rows):
    from tests.factories import OPDFactory

    opds = [OPDFactory() for _ in range(3)]
    schema = {
        "fields": [
            {
                "key": "t",
                "type": "table",
                "label": "T",
                "max_rows": 100,
                "columns": [{"key": "opd", "type": "opd_choice", "label": "OPD"}],
            }
        ]
    }
    answers = {"t": [{"opd": opds[i % 3].pk} for i in range(rows)]}
    with django_assert_num_queries(1):
        result = validate_answers(schema=schema, answers=answers)
    assert result.errors == {}
    assert len(result.cleaned["t"]) == rows
