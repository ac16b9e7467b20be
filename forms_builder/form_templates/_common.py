"""Pieces shared by templates."""

#: Achievement of one indicator (verified rule, shared/domain README): higher is better
#: realisasi / target × 100; lower is better (2 − realisasi / target) × 100 — the expression
#: function calls the one rule in ``forms_builder.capaian``.
CAPAIAN_FORMULA = "capaian(realisasi, target, arah)"

ARAH_CHOICES = [
    {"value": "naik", "label": "Semakin tinggi semakin baik"},
    {"value": "turun", "label": "Semakin rendah semakin baik"},
]


def indicator_columns(*, target_label: str = "Target", realisasi_label: str = "Realisasi") -> list[dict]:
    return [
        {"key": "satuan", "type": "short_text", "label": "Satuan", "max_length": 50},
        {"key": "arah", "type": "single_choice", "label": "Arah", "choices": ARAH_CHOICES, "required": True},
        {"key": "target", "type": "decimal", "label": target_label, "required": True, "min_value": 0},
        {"key": "realisasi", "type": "decimal", "label": realisasi_label, "required": True, "min_value": 0},
        {"key": "capaian", "type": "computed", "label": "Capaian (%)", "formula": CAPAIAN_FORMULA, "decimals": 2},
    ]
