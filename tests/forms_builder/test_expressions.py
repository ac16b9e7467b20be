"""The expression language: results, null handling, functions, bounds and hostile input."""

from decimal import Decimal

import pytest

from forms_builder.expressions import (
    MAX_DEPTH,
    ExpressionError,
    compile_expression,
    evaluate_text,
    find_cycle,
    topological_order,
)
from forms_builder.schema import check_schema

VALUES = {
    "realisasi": 80,
    "target": 100,
    "nol": 0,
    "kosong": None,
    "arah": "turun",
    "pilihan": ["a", "b"],
    "anggaran": [{"pagu": 1000, "realisasi": 500}, {"pagu": 2000.5, "realisasi": None}, {"pagu": None}],
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("2 ^ 10", 1024),
        ("2 ** 3", 8),
        ("-2 ^ 2", -4),
        ("10 - 2 - 3", 5),
        ("realisasi / target * 100", 80),
        ("0.1 + 0.2", Decimal("0.3")),
        ("0.3 * 85 + 0.3 * 80 + 0.15 * 70 + 0.25 * 90", Decimal("82.5")),
        ("sum(anggaran.pagu)", Decimal("3000.5")),
        ("count(anggaran.pagu)", 2),
        ("avg(anggaran.pagu)", Decimal("1500.25")),
        ("min(anggaran.pagu)", 1000),
        ("max(3, 7, 5)", 7),
        ("round(10 / 3, 2)", Decimal("3.33")),
        ("round(2.5)", 3),
        ("abs(-4)", 4),
        ('if(arah == "turun", (2 - realisasi / target) * 100, realisasi / target * 100)', 120),
        ('if(arah == "naik", 1, 2)', 2),
        ("realisasi >= 80 and target == 100", True),
        ("not (realisasi > 80) or false", True),
        ('"a" in pilihan', True),
        ('"c" in pilihan', False),
        ("kosong == null", True),
        ("kosong + 1", None),
        ("realisasi / nol", None),
        ("kosong > 1", False),
        ("sum(kosong)", 0),
        ("avg(kosong)", None),
    ],
)
def test_results(text, expected):
    assert evaluate_text(text, VALUES) == expected


def test_row_context_reads_the_row_before_the_form():
    expr = compile_expression("realisasi / pagu * 100")
    assert expr.evaluate(VALUES, {"realisasi": 500, "pagu": 1000}) == 50
    assert expr.refs == {"realisasi", "pagu"}


def test_references_are_extracted_including_table_columns():
    assert compile_expression("sum(anggaran.pagu) - target").refs == {"anggaran.pagu", "target"}


@pytest.mark.parametrize(
    ("text", "message_part"),
    [
        ("9 ^ 9 ^ 9", "Pangkat"),
        ("10 ^ 1000", "Pangkat"),
        ("2 ^ 0.5", "Pangkat"),
        ("99999999999 ^ 5", "terlalu besar"),
        ("(" * 200 + "1" + ")" * 200, "bersarang"),
        ("-" * 500 + "1", "bersarang"),
        ("abs(" * 30 + "1" + ")" * 30, "bersarang"),
        ("__import__('os')", "garis bawah"),
        ("realisasi.__class__", "garis bawah"),
        ("_x + 1", "tidak dapat dibaca"),
        ("x" * 5000, "terlalu panjang"),
        ("1" * 50, "terlalu panjang"),
        ("open('/etc/passwd')", "tidak dikenal"),
        ("eval(1)", "tidak dikenal"),
        ("a.b.c", "tidak dapat dibaca"),
        ("a[0]", "tidak dapat dibaca"),
        ("a.b()", "tidak dapat dibaca"),
        ("lambda: 1", "tidak dapat dibaca"),
        ("Realisasi + 1", "tidak dapat dibaca"),
        ("1 +", "tidak dapat dibaca"),
        ("", "kosong"),
        ("+".join(["1"] * 400), "terlalu besar"),
        ('"' + "x" * 300 + '"', "terlalu panjang"),
        ("max(" + ",".join(["1"] * 60) + ")", "argumen"),
    ],
)
def test_hostile_or_broken_expressions_are_rejected(text, message_part):
    with pytest.raises(ExpressionError) as exc:
        compile_expression(text).evaluate({})
    assert message_part in str(exc.value)


def test_huge_intermediate_results_are_stopped_at_run_time():
    expr = compile_expression("x * x * x * x")
    with pytest.raises(ExpressionError, match="terlalu besar"):
        expr.evaluate({"x": 10**9})


def test_long_lists_are_bounded():
    with pytest.raises(ExpressionError, match="terlalu panjang"):
        evaluate_text("sum(t.a)", {"t": [{"a": 1}] * 5000})


def test_depth_limit_is_exactly_the_documented_one():
    ok = "(" * (MAX_DEPTH - 5) + "1" + ")" * (MAX_DEPTH - 5)
    assert evaluate_text(ok, {}) == 1


def test_if_needs_three_arguments():
    with pytest.raises(ExpressionError, match="3 argumen"):
        evaluate_text("if(1, 2)", {})


def test_find_cycle_names_the_path():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    assert topological_order({"a": {"b"}, "b": {"c"}, "c": set()}) == ["c", "b", "a"]


def _schema(*fields):
    return {"key": "f", "title": "F", "fields": list(fields), "rules": [], "scoring": {}}


def test_cycle_between_computed_fields_is_reported_with_field_names():
    problems = check_schema(
        _schema(
            {"key": "a", "type": "computed", "label": "A", "formula": "b + 1"},
            {"key": "b", "type": "computed", "label": "B", "formula": "c * 2"},
            {"key": "c", "type": "computed", "label": "C", "formula": "a - 1"},
        )
    )
    assert len(problems) == 1
    assert "membentuk lingkaran" in str(problems[0])
    assert "a → b → c → a" in str(problems[0])


def test_self_reference_is_a_cycle():
    problems = check_schema(_schema({"key": "a", "type": "computed", "label": "A", "formula": "a + 1"}))
    assert "a → a" in str(problems[0])


def test_cycle_inside_a_table_row():
    problems = check_schema(
        _schema(
            {
                "key": "t",
                "type": "table",
                "label": "T",
                "columns": [
                    {"key": "x", "type": "computed", "label": "X", "formula": "y + 1"},
                    {"key": "y", "type": "computed", "label": "Y", "formula": "x + 1"},
                ],
            }
        )
    )
    assert any("t.x → t.y → t.x" in str(p) for p in problems)


def test_unknown_reference_names_the_field_and_the_missing_key():
    problems = check_schema(
        _schema(
            {"key": "target", "type": "integer", "label": "Target"},
            {"key": "capaian", "type": "computed", "label": "Capaian", "formula": "realisasi / target * 100"},
        )
    )
    assert len(problems) == 1
    assert "isian “Capaian”" in str(problems[0])
    assert "'realisasi'" in str(problems[0])


def test_hostile_formula_in_a_schema_is_reported_not_run():
    problems = check_schema(_schema({"key": "a", "type": "computed", "label": "A", "formula": "9^9^9^9"}))
    assert "Pangkat" in str(problems[0]) or "'a'" in str(problems[0])
    problems = check_schema(_schema({"key": "b", "type": "integer", "label": "B", "show_if": "b.__dict__"}))
    assert "garis bawah" in str(problems[0])
    assert "isian “B”" in str(problems[0])
