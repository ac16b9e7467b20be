"""Designer hints: a lone ``=`` in a condition gets a precise hint; errors name fields by label."""

import pytest

from forms_builder.blocks import FormBodyBlock, stream_to_fields
from forms_builder.expressions import ExpressionError, compile_expression
from forms_builder.schema import check_schema, key_from_label


@pytest.mark.parametrize(
    ("text", "column"),
    [("punya_wbs = false", 11), ("a != 2 and b = 3", 14), ("x=1", 2)],
)
def test_single_equals_gets_a_hint_with_its_position(text, column):
    with pytest.raises(ExpressionError) as exc:
        compile_expression(text)
    assert str(exc.value.message) == (
        f"Rumus tidak dapat dibaca (posisi {column}): Gunakan == untuk membandingkan, bukan =."
    )


@pytest.mark.parametrize("text", ["a == 1", "a <= 1", "a >= 1", "a != 1", '"x=y" == a', "'=' == a"])
def test_comparisons_and_quoted_equals_still_parse(text):
    assert compile_expression(text).text == text


def _schema(formula: str, **extra) -> dict:
    return {
        "fields": [
            {"key": "punya_wbs", "type": "yes_no", "label": "Punya WBS"},
            {"key": "indeks", "type": "computed", "label": "Indeks", "formula": formula, **extra},
        ]
    }


def test_formula_errors_name_the_field_by_its_label():
    problems = [str(p) for p in check_schema(_schema("punya_wbs = false"))]
    assert problems == [
        "Rumus pada isian “Indeks”: Rumus tidak dapat dibaca (posisi 11): Gunakan == untuk membandingkan, bukan =."
    ]
    assert "'formula'" not in problems[0]


def test_condition_errors_name_the_option_and_the_label():
    schema = _schema("1")
    schema["fields"][0]["show_if"] = "tidak_ada == 1"
    problems = [str(p) for p in check_schema(schema)]
    assert problems == [
        "Syarat “Tampilkan jika” pada isian “Punya WBS” merujuk ke 'tidak_ada' yang tidak ada di formulir."
    ]


# --- keys made from labels ------------------------------------------------------------------


def _clean_body(raw: list[dict]) -> list[dict]:
    block = FormBodyBlock()
    return stream_to_fields(block.clean(block.to_python(raw)))


def test_empty_keys_are_made_from_labels_unique_within_the_form():
    fields = _clean_body(
        [
            {"type": "yes_no", "value": {"key": "", "label": "Punya WBS?"}},
            {"type": "integer", "value": {"key": "punya_wbs", "label": "Jumlah"}},  # typed later: kept
            {
                "type": "table",
                "value": {
                    "key": "",
                    "label": "Rincian Kegiatan",
                    "columns": [
                        {"type": "short_text", "value": {"key": "", "label": "Nama"}},
                        {"type": "integer", "value": {"key": "", "label": "Nama"}},
                    ],
                },
            },
            {"type": "integer", "value": {"key": "", "label": "2. Indeks (%)"}},
        ]
    )
    assert [f["key"] for f in fields] == ["punya_wbs_2", "punya_wbs", "rincian_kegiatan", "isian_2_indeks"]
    assert [c["key"] for c in fields[2]["columns"]] == ["nama", "nama_2"]


def test_a_typed_or_saved_key_is_never_regenerated():
    fields = _clean_body([{"type": "integer", "value": {"key": "indeks_lama", "label": "Indeks baru"}}])
    assert fields[0]["key"] == "indeks_lama"
    # cleaning the saved value again (a later edit, a later publication) keeps the key
    again = _clean_body([{"type": "integer", "value": {"key": fields[0]["key"], "label": "Indeks baru lagi"}}])
    assert again[0]["key"] == "indeks_lama"


@pytest.mark.parametrize(
    ("label", "key"),
    [("Nama Kegiatan", "nama_kegiatan"), ("Anggaran (Rp)", "anggaran_rp"), ("and", "isian_and"), ("", "isian")],
)
def test_key_from_label(label, key):
    assert key_from_label(label) == key
