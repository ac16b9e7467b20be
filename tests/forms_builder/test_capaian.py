"""The one capaian rule (shared/domain README) directly and through the form engine's evaluate door."""

from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from forms_builder.capaian import capaian, capaian_display, capaian_rating
from forms_builder.form_templates import bands
from tests.factories import OPDFactory, make_form, opd_user, simple_schema


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"realisasi": 90, "target": 100}, 90),
        ({"realisasi": 110, "target": 100}, 110),  # no cap by default
        ({"realisasi": 12, "target": 10, "direction": "turun"}, 80),  # (2 − 1.2) × 100, not 10/12
        ({"realisasi": 8, "target": 10, "direction": "turun"}, 120),
        ({"realisasi": 25, "target": 10, "direction": "turun"}, -50),  # no floor either
        ({"realisasi": 1, "target_min": 1, "target_max": 2}, 100),  # edge a is inside
        ({"realisasi": 2, "target_min": 1, "target_max": 2}, 100),  # edge b is inside
        ({"realisasi": 0.5, "target_min": 1, "target_max": 2}, 50),  # below a: r / a
        ({"realisasi": 3, "target_min": 1, "target_max": 2}, 50),  # above b: (2 − r / b)
        ({"realisasi": 2.5, "target_min": 1, "target_max": 2, "direction": "turun"}, 75),  # direction ignored
        ({"realisasi": 0.5, "target_min": 2, "target_max": 1}, 50),  # bounds given in reverse
        ({"realisasi": 5, "target": 0}, None),
        ({"realisasi": None, "target": 5}, None),
        ({"realisasi": "x", "target": 5}, None),
        ({"realisasi": 5}, None),
        ({"realisasi": 130, "target": 100, "cap": 120}, 120),
    ],
)
def test_rule(kwargs, expected):
    assert capaian(**kwargs) == (None if expected is None else Decimal(expected))


def test_value_is_exact_and_rounding_is_for_display_only():
    value = capaian(realisasi=90.996, target=100)
    assert value == Decimal("90.996")
    assert capaian_display(value) == Decimal("91.00")
    assert capaian_rating(value) == "Baik"  # not "Sangat Baik": 90.996 < 91
    assert capaian(realisasi=2, target=3, decimals=2) == Decimal("66.67")


@pytest.mark.parametrize(
    ("value", "rating"),
    [
        (50, "Sangat Kurang"),
        (50.999, "Sangat Kurang"),
        (51, "Kurang"),
        (65, "Kurang"),
        (65.999, "Kurang"),
        (66, "Cukup"),
        (75, "Cukup"),
        (76, "Baik"),
        (90, "Baik"),
        (90.999, "Baik"),
        (91, "Sangat Baik"),
        (130, "Sangat Baik"),
        (-10, "Sangat Kurang"),
    ],
)
def test_lkjip_rating_edges(value, rating):
    assert capaian_rating(Decimal(str(value))) == rating


# --- through the evaluate door ----------------------------------------------------------------


def capaian_schema() -> dict:
    lkjip = [{k: v for k, v in b.items() if v is not None} for b in bands("lkjip_achievement_rating")]
    return simple_schema(
        "uji_capaian",
        fields=[
            {
                "key": "indikator",
                "type": "table",
                "label": "Indikator",
                "columns": [
                    {"key": "arah", "type": "short_text", "label": "Arah"},
                    {"key": "target", "type": "decimal", "label": "Target"},
                    {"key": "a", "type": "decimal", "label": "Batas bawah"},
                    {"key": "b", "type": "decimal", "label": "Batas atas"},
                    {"key": "realisasi", "type": "decimal", "label": "Realisasi", "decimals": 4},
                    {
                        "key": "capaian",
                        "type": "computed",
                        "label": "Capaian",
                        "formula": 'if(arah == "rentang", capaian(realisasi, target, arah, a, b), '
                        "capaian(realisasi, target, arah))",
                        "decimals": 2,
                        "bands": lkjip,
                    },
                ],
            }
        ],
    )


@pytest.fixture
def api():
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=opd_user(OPDFactory()))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


ROWS = [
    # (arah, target, a, b, realisasi) -> (shown, rating)
    (("rentang", None, 10, 20, 5), (50, "Sangat Kurang")),
    (("rentang", None, 10, 20, 15), (100, "Sangat Baik")),
    (("rentang", None, 10, 20, 30), (50, "Sangat Kurang")),
    (("rentang", None, 10, 20, 25), (75, "Cukup")),
    (("turun", 10, None, None, 12), (80, "Baik")),
    (("turun", 10, None, None, 8), (120, "Sangat Baik")),
    (("naik", 100, None, None, 50), (50, "Sangat Kurang")),
    (("naik", 100, None, None, 51), (51, "Kurang")),
    (("naik", 100, None, None, 65), (65, "Kurang")),
    (("naik", 100, None, None, 66), (66, "Cukup")),
    (("naik", 100, None, None, 75), (75, "Cukup")),
    (("naik", 100, None, None, 76), (76, "Baik")),
    (("naik", 100, None, None, 90), (90, "Baik")),
    (("naik", 100, None, None, 91), (91, "Sangat Baik")),
    (("naik", 100, None, None, 90.996), (91, "Baik")),  # shown 91.00, banded on 90.996
    (("naik", 100, None, None, 50.998), (51, "Sangat Kurang")),
]


@pytest.mark.django_db
def test_evaluate_door_uses_the_rule_and_bands_the_exact_value(api):
    form = make_form(capaian_schema())
    answers = {
        "nama": "x",
        "indikator": [dict(zip(("arah", "target", "a", "b", "realisasi"), row, strict=True)) for row, _ in ROWS],
    }
    body = api.post(f"/api/v1/forms/{form.pk}/evaluate/", {"answers": answers}, format="json").json()
    assert body["errors"] == {}
    for i, (_row, (shown, rating)) in enumerate(ROWS):
        assert body["computed"][f"indikator.{i}.capaian"] == shown, i
        assert body["labels"][f"indikator.{i}.capaian"] == rating, i


def test_expression_function_arity_is_checked():
    from forms_builder.expressions import ExpressionError, compile_expression

    with pytest.raises(ExpressionError, match="capaian"):
        compile_expression("capaian(realisasi, target)").evaluate({"realisasi": 1, "target": 2}, None)
