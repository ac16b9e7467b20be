"""The designer's formula help: the function list it shows and each formula's own problems."""

import json

import pytest
from django.urls import reverse

from forms_builder.expressions import FUNCTION_HELP, FUNCTIONS, compile_expression
from forms_builder.schema import expression_problems
from organizations.roles import GlobalRole
from tests.factories import UserFactory, make_form, simple_schema

pytestmark = pytest.mark.django_db


def test_every_function_has_indonesian_help_and_a_working_example():
    assert set(FUNCTION_HELP) == set(FUNCTIONS)
    for name, (text, example) in FUNCTION_HELP.items():
        assert str(text)
        assert example.startswith(f"{name}(")
        compile_expression(example)  # raises if an example would not parse


def test_problems_name_the_formula_they_belong_to():
    schema = simple_schema(
        "salah",
        fields=[
            {"key": "nilai", "type": "integer", "label": "Nilai"},
            {"key": "a", "type": "computed", "label": "A", "formula": "nilai +"},
            {"key": "b", "type": "computed", "label": "B", "formula": "nilaii * 2", "show_if": "nilai > 1"},
            {
                "key": "t",
                "type": "table",
                "label": "T",
                "columns": [
                    {"key": "x", "type": "integer", "label": "X"},
                    {"key": "y", "type": "computed", "label": "Y", "formula": "x * 2 + z"},
                ],
            },
        ],
        rules=[{"expression": "nilai > kosong", "message": "m"}],
        scoring={"method": "expression", "expression": "a + b"},
    )
    found = {(p["path"], p["option"]): p["text"] for p in expression_problems(schema)}
    assert set(found) == {("a", "formula"), ("b", "formula"), ("t.y", "formula"), ("rules.0", "expression")}
    assert found[("b", "formula")] == "Tidak ada isian dengan kunci 'nilaii' di formulir ini."
    assert found[("t.y", "formula")] == "Tidak ada isian dengan kunci 'z' di formulir ini."


def test_live_endpoint_answers_each_formulas_problems(client):
    client.force_login(UserFactory(roles=[GlobalRole.KOMINFO_EDITOR]))
    schema = {
        "fields": [
            {"key": "n", "type": "integer", "label": "N"},
            {"key": "c", "type": "computed", "label": "C", "formula": "m * 2"},
        ]
    }
    body = client.post(
        reverse("forms_builder_evaluate"),
        json.dumps({"schema": schema, "answers": {}}),
        content_type="application/json",
    ).json()
    assert body["problems"]
    assert body["expressions"] == [
        {"path": "c", "option": "formula", "text": "Tidak ada isian dengan kunci 'm' di formulir ini."}
    ]


def test_designer_page_carries_the_help_once(client):
    client.force_login(UserFactory(roles=[GlobalRole.KOMINFO_EDITOR]))
    form = make_form()
    html = client.get(reverse("wagtailsnippets_forms_builder_formdefinition:edit", args=[form.pk])).content.decode()
    assert html.count('id="formula-help-data"') == 1
    assert "formula_help.js" in html
    assert "capaian(realisasi, target, \\u0022naik\\u0022)" in html or "capaian(realisasi, target," in html
