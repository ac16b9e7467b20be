"""``skor(field)``: a choice's option score (Ya = 1) usable in formulas, by the scoring rule.

Issue 16: a 1–5 single-choice scale could not be used in arithmetic ("Nilai '3' bukan angka"),
so a scored self-assessment needed number fields. ``skor`` reads the score the field type's
``score_value`` gives (the same rule weights multiply), in computed fields, table columns,
section score formulas and the total.
"""

from __future__ import annotations

import pytest

from forms_builder.expressions import ExpressionError, compile_expression
from forms_builder.schema import check_schema
from forms_builder.services import form_evaluate_schema

SCALE = [{"value": f"l{n}", "label": f"Level {n}", "score": n} for n in range(1, 6)]


def schema() -> dict:
    return {
        "key": "skor_uji",
        "title": "Skor",
        "fields": [
            {
                "key": "tata_kelola",
                "type": "section",
                "label": "Tata kelola",
                "score": "avg(skor(kebijakan), skor(sop)) * 20",
                "fields": [
                    {"key": "kebijakan", "type": "single_choice", "label": "Kebijakan", "choices": SCALE},
                    {"key": "sop", "type": "single_choice", "label": "SOP", "choices": SCALE},
                    {"key": "punya_wbs", "type": "yes_no", "label": "Punya WBS?"},
                    {"key": "aspek", "type": "multiple_choice", "label": "Aspek", "choices": SCALE[:3]},
                ],
            },
            {
                "key": "unit",
                "type": "table",
                "label": "Unit",
                "columns": [
                    {"key": "nama", "type": "short_text", "label": "Nama"},
                    {"key": "tingkat", "type": "single_choice", "label": "Tingkat", "choices": SCALE},
                    {"key": "persen", "type": "computed", "label": "Persen", "formula": "skor(tingkat) * 20"},
                ],
            },
            {"key": "indeks", "type": "computed", "label": "Indeks", "formula": "(skor(kebijakan) + skor(sop)) / 2"},
            {"key": "wbs", "type": "computed", "label": "WBS", "formula": "skor(punya_wbs) + skor(aspek)"},
            {"key": "unit_total", "type": "computed", "label": "Total unit", "formula": "sum(skor(unit.tingkat))"},
        ],
        "rules": [],
        "scoring": {"method": "expression", "expression": "skor(kebijakan) * 10 + tata_kelola"},
    }


def test_skor_reads_choice_scores_everywhere_formulas_run():
    assert check_schema(schema()) == []
    answers = {
        "kebijakan": "l4",
        "sop": "l2",
        "punya_wbs": "ya",
        "aspek": ["l1", "l3"],
        "unit": [{"nama": "A", "tingkat": "l5"}, {"nama": "B", "tingkat": "l1"}, {"nama": "C"}],
    }
    result = form_evaluate_schema(schema=schema(), answers=answers)
    assert result["computed"]["indeks"] == 3
    assert result["computed"]["wbs"] == 5  # Ya = 1, plus 1 + 3
    assert result["computed"]["unit.0.persen"] == 100
    assert result["computed"]["unit.1.persen"] == 20
    assert result["computed"]["unit.2.persen"] is None  # unanswered: no score yet
    assert result["computed"]["unit_total"] == 6
    assert result["scores"]["sections"][0]["score"] == 60
    assert result["scores"]["total"]["score"] == 100


def test_skor_is_null_until_answered_and_for_fields_without_scores():
    result = form_evaluate_schema(schema=schema(), answers={"kebijakan": "l4"})
    assert result["computed"]["indeks"] is None
    plain = schema()
    plain["fields"].append({"key": "catatan", "type": "short_text", "label": "Catatan"})
    plain["fields"].append({"key": "x", "type": "computed", "label": "X", "formula": "skor(catatan)"})
    assert form_evaluate_schema(schema=plain, answers={"catatan": "teks"})["computed"]["x"] is None


@pytest.mark.parametrize("text", ["skor(1)", "skor()", "skor(a, b)", 'skor("a")'])
def test_skor_takes_one_field(text):
    with pytest.raises(ExpressionError, match="Fungsi skor membutuhkan satu isian"):
        compile_expression(text)


def test_outside_a_form_skor_is_null():
    assert compile_expression("skor(a)").evaluate({"a": "l1"}) is None
