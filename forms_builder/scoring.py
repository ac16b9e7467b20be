"""Scores and grades: weights per field and section, band tables from data.

A section's score is its ``score`` formula if it has one, else the weighted mean of its
weighted fields (a choice counts its option's ``score``, yes/no counts 1/0). A section's
weight is its own ``weight`` or, when unset, the sum of its fields' weights, so the total
(weighted mean of sections) equals the weighted mean over every weighted field: the SPBE
index is Σ(level × weight) / Σ weight, and the SAKIP total is Σ(score × weight) / 100 when
the weights add up to 100. ``scoring.groups`` adds scores over several sections (SPBE
domains). A band table turns a score into a label; the band is read on the exact score,
never on the figure rounded to ``decimals`` for display (shared/domain/README.md: an SPBE
index of 4.195 is "Sangat Baik" although it shows as 4.20). Each entry carries the rounded
``score`` and the unrounded ``score_exact`` so a page or API can band it again the same way.
A score is ``null`` until every weighted input it needs is filled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .expressions import ExpressionError, compile_expression
from .fields import FIELD_TYPES, to_json_number
from .interpreter import SCORE_READER


def band_of(value: Any, bands: list[dict] | None) -> dict | None:
    """The band ``value`` falls in, honouring which ends are included (first match wins)."""
    if value is None or not bands or isinstance(value, (bool, str, list, dict)):
        return None
    number = Decimal(str(value))
    for band in bands:
        lo, hi = band.get("min"), band.get("max")
        if lo is not None:
            lo = Decimal(str(lo))
            if number < lo or (number == lo and not band.get("min_inclusive", True)):
                continue
        if hi is not None:
            hi = Decimal(str(hi))
            if number > hi or (number == hi and not band.get("max_inclusive", True)):
                continue
        return band
    return None


def band_label(value: Any, bands: list[dict] | None) -> str | None:
    band = band_of(value, bands)
    return band.get("label") if band else None


def score_reader(schema: dict) -> Callable[[str, Any, dict | None], Any]:
    """What ``skor(field)`` means in ``schema``: the score of the field's answer by its type's
    ``score_value`` (a choice's option score, Ya/Tidak 1/0), a list for ``skor(tabel.kolom)``;
    ``null`` while unanswered or for a field without scores."""
    top: dict[str, dict] = {}
    columns: dict[str, dict] = {}
    for spec in schema.get("fields") or []:
        for child in [spec, *(spec.get("fields") or [] if spec.get("type") == "section" else [])]:
            top[child["key"]] = child
            for col in child.get("columns") or [] if child.get("type") == "table" else []:
                columns[f"{child['key']}.{col['key']}"] = col
                columns.setdefault(col["key"], col)

    def one(spec: dict | None, value: Any) -> Decimal | None:
        ftype = FIELD_TYPES.get((spec or {}).get("type"))
        if ftype is None or not ftype.scorable or value is None:
            return None
        try:
            return ftype.score_value(value, spec)
        except (ArithmeticError, TypeError, ValueError):
            return None

    def read(name: str, value: Any, row: dict | None) -> Any:
        if "." in name:
            return [one(columns.get(name), v) for v in value or []]
        if row is not None and name in row:
            return one(columns.get(name), value)
        return one(top.get(name), value)

    return read


@contextmanager
def scores_readable(schema: dict) -> Iterator[None]:
    """Within this block, ``skor(field)`` reads scores of ``schema``'s fields."""
    token = SCORE_READER.set(score_reader(schema))
    try:
        yield
    finally:
        SCORE_READER.reset(token)


def _weighted_mean(items: list[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    items = [(v, w) for v, w in items if w]
    if not items or any(v is None for v, _w in items):
        return None
    total_weight = sum((w for _v, w in items), Decimal(0))
    if total_weight == 0:
        return None
    return sum((v * w for v, w in items), Decimal(0)) / total_weight


def _round(value: Decimal | None, decimals: int) -> Decimal | None:
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _entry(key: str, label: str, score: Decimal | None, weight: Decimal | None, bands, decimals: int) -> dict:
    band = band_of(score, bands)  # on the exact value; rounding is for display only
    return {
        "key": key,
        "label": label,
        "score": to_json_number(_round(score, decimals)),
        "score_exact": to_json_number(score),
        "weight": to_json_number(weight),
        "band": band.get("label") if band else None,
        "band_meaning": band.get("meaning") if band else None,
    }


def _field_score(spec: dict, value: Any) -> Decimal | None:
    if spec["type"] == "computed":
        if value is None or isinstance(value, (bool, str, list, dict)):
            return None
        return Decimal(str(value))
    return FIELD_TYPES[spec["type"]].score_value(value, spec)


def score_answers(*, schema: dict, cleaned: dict[str, Any]) -> dict:
    """Scores per section, per group and in total for cleaned answers of ``schema``."""
    with scores_readable(schema):
        return _score_answers(schema=schema, cleaned=cleaned)


def _score_answers(*, schema: dict, cleaned: dict[str, Any]) -> dict:
    scoring = schema.get("scoring") or {}
    decimals = int(scoring.get("decimals", 2))
    sections, items, raw_scores = [], [], {}
    loose: list[tuple[Decimal | None, Decimal]] = []
    for spec in schema.get("fields") or []:
        if spec["type"] != "section":
            if spec.get("weight") is not None:
                loose.append((_field_score(spec, cleaned.get(spec["key"])), Decimal(str(spec["weight"]))))
            continue
        weighted = [
            (_field_score(f, cleaned.get(f["key"])), Decimal(str(f["weight"])))
            for f in spec.get("fields") or []
            if f.get("weight") is not None
        ]
        if spec.get("score"):
            try:
                result = compile_expression(spec["score"]).evaluate(cleaned)
                score = Decimal(str(result)) if result is not None and not isinstance(result, (str, list)) else None
            except (ExpressionError, ArithmeticError):
                score = None
        elif weighted:
            score = _weighted_mean(weighted)
        else:
            continue
        if spec.get("weight") is not None:
            weight = Decimal(str(spec["weight"]))
        else:
            weight = sum((w for _v, w in weighted), Decimal(0)) or None
        raw_scores[spec["key"]] = score
        items.append((score, weight or Decimal(0)))
        sections.append(_entry(spec["key"], spec.get("label", spec["key"]), score, weight, spec.get("bands"), decimals))

    groups = []
    weights = {s["key"]: Decimal(str(s["weight"])) if s["weight"] is not None else Decimal(0) for s in sections}
    for group in scoring.get("groups") or []:
        members = [(raw_scores.get(k), weights.get(k, Decimal(0))) for k in group.get("sections") or []]
        score = _weighted_mean(members)
        weight = sum((w for _v, w in members), Decimal(0))
        groups.append(
            _entry(group["key"], group.get("label", group["key"]), score, weight, group.get("bands"), decimals)
        )

    if scoring.get("method") == "expression" and scoring.get("expression"):
        try:
            result = compile_expression(scoring["expression"]).evaluate({**cleaned, **raw_scores})
            total = Decimal(str(result)) if isinstance(result, (Decimal, int, float)) else None
        except (ExpressionError, ArithmeticError):
            total = None
    elif items or loose:
        total = _weighted_mean(items + loose)
    else:
        total = None
    total_entry = _entry("total", scoring.get("label") or "Nilai akhir", total, None, scoring.get("bands"), decimals)
    total_entry.pop("weight")
    return {"sections": sections, "groups": groups, "total": total_entry}
