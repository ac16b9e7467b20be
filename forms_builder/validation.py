"""The one validation function: a form version and answers in, cleaned data and errors out.

The admin preview, REST, GraphQL and (next) submissions all call ``validate_answers``, so
a rule is checked the same way at every door, and a mobile app that evaluates the same
schema offline reaches the same result.

Answers are JSON: ``{"key": value, "table": [{"column": value, ...}, ...]}`` (a table with
fixed rows may also be sent as ``{"row_key": {...}}``). Errors are keyed by field path,
``key`` or ``table.<row index from 0>.column``; errors not tied to a field use
``non_field_errors``. Messages follow the active language (Indonesian by default).

Order of work: clean each input by its type; compute formulas; decide visibility
(``show_if``) and drop hidden values; compute again without them; then ``required``,
``required_if``, table row counts and cross-field rules, on visible fields only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from .expressions import ExpressionError, compile_expression, topological_order
from .fields import FIELD_TYPES, MAX_TABLE_ROWS, CleanContext, FieldError, _empty, to_json_number
from .schema import computed_graph, field_map, iter_fields
from .scoring import band_label, scores_readable

NON_FIELD = "non_field_errors"


@dataclass
class Validated:
    cleaned: dict[str, Any]
    errors: dict[str, list[str]]
    computed: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    hidden: list[str] = field(default_factory=list)
    #: visible input paths that must be filled with these answers (``required`` or ``required_if``)
    required: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def _round(value: Any, decimals: int | None) -> Any:
    if isinstance(value, Decimal):
        if decimals is not None:
            value = value.quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)
        return to_json_number(value)
    return value


class _Run:
    def __init__(self, schema: dict, answers: dict, ctx: CleanContext):
        self.schema, self.answers, self.ctx = schema, answers, ctx
        self.paths = field_map(schema)
        self.errors: dict[str, list[str]] = {}
        self.values: dict[str, Any] = {}
        self.hidden: set[str] = set()
        self.required: set[str] = set()
        #: computed values before rounding: a band is read on these, never on the rounded figure
        self.exact: dict[str, Any] = {}

    def error(self, path: str, message) -> None:
        self.errors.setdefault(path, []).append(str(message))

    # --- step 1: clean inputs by type ---
    def clean_inputs(self) -> None:
        for ref in iter_fields(self.schema):
            spec = ref.spec
            if ref.table or spec["type"] == "section":
                continue
            if spec["type"] == "table":
                self.values[spec["key"]] = self.clean_table(spec, self.answers.get(spec["key"]))
            elif FIELD_TYPES[spec["type"]].takes_input:
                self.values[spec["key"]] = self.clean_value(spec["key"], spec, self.answers.get(spec["key"]))
            elif spec["type"] == "computed":
                self.values[spec["key"]] = None

    def clean_value(self, path: str, spec: dict, raw: Any) -> Any:
        if _empty(raw):
            return None
        try:
            return FIELD_TYPES[spec["type"]].clean(raw, spec, self.ctx)
        except FieldError as exc:
            self.error(path, exc.message)
            return None

    def clean_table(self, spec: dict, raw: Any) -> list[dict]:
        key, fixed = spec["key"], spec.get("rows") or []
        if raw in (None, ""):
            raw = []
        if isinstance(raw, dict) and fixed:
            raw = [raw.get(r["key"]) or {} for r in fixed]
        if not isinstance(raw, list):
            self.error(key, _("Isian tabel harus berupa daftar baris."))
            raw = []
        limit = len(fixed) if fixed else min(spec.get("max_rows") or MAX_TABLE_ROWS, MAX_TABLE_ROWS)
        if len(raw) > limit:
            self.error(key, _("Paling banyak %(n)d baris.") % {"n": limit})
            raw = raw[:limit]
        if fixed:
            raw = raw + [{}] * (len(fixed) - len(raw))
        rows = []
        for i, raw_row in enumerate(raw):
            if not isinstance(raw_row, dict):
                self.error(f"{key}.{i}", _("Baris harus berupa objek."))
                raw_row = {}
            row = {}
            for col in spec.get("columns") or []:
                if FIELD_TYPES[col["type"]].takes_input:
                    row[col["key"]] = self.clean_value(f"{key}.{i}.{col['key']}", col, raw_row.get(col["key"]))
                elif col["type"] == "computed":
                    row[col["key"]] = None
            rows.append(row)
        return rows

    # --- step 2: formulas ---
    def compute(self) -> None:
        graph = computed_graph(self.schema)
        for path in topological_order(graph):
            ref = self.paths[path]
            expr = compile_expression(ref.spec["formula"])
            decimals = ref.spec.get("decimals")
            if ref.table:
                for i, row in enumerate(self.values.get(ref.table) or []):
                    row[ref.spec["key"]] = self._run(expr, f"{ref.table}.{i}.{ref.spec['key']}", decimals, row)
            elif path not in self.hidden:
                self.values[path] = self._run(expr, path, decimals, None)

    def _run(self, expr, path: str, decimals, row):
        try:
            value = expr.evaluate(self.values, row)
            self.exact[path] = value
            return _round(value, decimals)
        except ExpressionError as exc:
            self.errors[path] = [str(_("Rumus tidak dapat dihitung: %(msg)s") % {"msg": exc.message})]
            return None

    def condition(self, text: str | None, row: dict | None = None) -> bool | None:
        if not text:
            return None
        try:
            return bool(compile_expression(text).evaluate(self.values, row))
        except ExpressionError:
            return False

    # --- step 3: visibility ---
    def apply_visibility(self) -> None:
        hidden_sections = set()
        for ref in iter_fields(self.schema):
            spec = ref.spec
            if ref.table:
                continue
            if (ref.section in hidden_sections) or self.condition(spec.get("show_if")) is False:
                self.hidden.add(spec["key"])
                if spec["type"] == "section":
                    hidden_sections.add(spec["key"])
        for path in self.hidden:
            if path in self.values:
                self.values[path] = [] if self.paths[path].spec["type"] == "table" else None
        # table cells hidden by their column's condition, row by row
        for ref in iter_fields(self.schema):
            if ref.table and ref.spec.get("show_if") and ref.table not in self.hidden:
                for i, row in enumerate(self.values.get(ref.table) or []):
                    if self.condition(ref.spec["show_if"], row) is False:
                        row[ref.spec["key"]] = None
                        self.hidden.add(f"{ref.table}.{i}.{ref.spec['key']}")
        self.errors = {p: e for p, e in self.errors.items() if not self._is_hidden(p)}

    def _is_hidden(self, path: str) -> bool:
        parts = path.split(".")
        return parts[0] in self.hidden or path in self.hidden

    # --- step 4: required, row counts, rules ---
    def check_required(self) -> None:
        for ref in iter_fields(self.schema):
            spec = ref.spec
            if ref.table or self._is_hidden(spec["key"]):
                continue
            if spec["type"] == "table":
                self._check_table(spec)
                continue
            if not FIELD_TYPES[spec["type"]].takes_input:
                continue
            required = self._required(spec, None)
            if required:
                self.required.add(spec["key"])
            if required and spec["key"] not in self.errors and _empty(self.values.get(spec["key"])):
                self.error(spec["key"], _("Wajib diisi."))

    def _required(self, spec: dict, row: dict | None) -> bool:
        return bool(spec.get("required")) or bool(self.condition(spec.get("required_if"), row))

    def _check_table(self, spec: dict) -> None:
        key, rows = spec["key"], self.values.get(spec["key"]) or []
        filled = [r for r in rows if any(not _empty(v) for v in r.values())]
        if not spec.get("rows"):
            lo = spec.get("min_rows") or (1 if spec.get("required") else 0)
            if len(filled) < lo:
                self.error(key, _("Paling sedikit %(n)d baris.") % {"n": lo})
        for i, row in enumerate(rows):
            for col in spec.get("columns") or []:
                path = f"{key}.{i}.{col['key']}"
                if not FIELD_TYPES[col["type"]].takes_input or path in self.hidden:
                    continue
                required = self._required(col, row)
                if required:
                    self.required.add(path)
                if required and path not in self.errors and _empty(row.get(col["key"])):
                    self.error(path, _("Wajib diisi."))

    def check_rules(self) -> None:
        for rule in self.schema.get("rules") or []:
            expr = compile_expression(rule["expression"])
            if any(_empty(self._ref_value(r)) for r in expr.refs):
                continue  # judged once its inputs are filled
            target = rule.get("field") or NON_FIELD
            if target != NON_FIELD and self._is_hidden(target):
                continue
            try:
                ok = expr.evaluate(self.values)
            except ExpressionError as exc:
                self.error(target, exc.message)
                continue
            if ok is False:
                self.error(
                    target, rule.get("message") or _("Isian tidak memenuhi aturan: %(e)s") % {"e": rule["expression"]}
                )

    def _ref_value(self, ref: str) -> Any:
        if "." in ref:
            table, column = ref.split(".", 1)
            return [r.get(column) for r in self.values.get(table) or [] if not _empty(r.get(column))]
        return self.values.get(ref)


def validate_answers(*, schema: dict, answers: Any, ctx: CleanContext | None = None) -> Validated:
    """Clean ``answers`` against a published ``schema`` (``FormVersion.schema``)."""
    if not isinstance(answers, dict):
        return Validated(cleaned={}, errors={NON_FIELD: [str(_("Jawaban harus berupa objek JSON."))]})
    run = _Run(schema, answers, ctx or CleanContext())
    with scores_readable(schema):
        run.clean_inputs()
        run.compute()
        run.apply_visibility()
        run.compute()
        run.check_required()
        run.check_rules()
    computed, labels = {}, {}
    for path, ref in run.paths.items():
        if ref.spec.get("type") != "computed" or run._is_hidden(path.split(".")[0]):
            continue
        if ref.table:
            for i, row in enumerate(run.values.get(ref.table) or []):
                cell = f"{ref.table}.{i}.{ref.spec['key']}"
                computed[cell] = row.get(ref.spec["key"])
                if (label := band_label(run.exact.get(cell, computed[cell]), ref.spec.get("bands"))) is not None:
                    labels[cell] = label
        else:
            computed[path] = run.values.get(path)
            if (label := band_label(run.exact.get(path, computed[path]), ref.spec.get("bands"))) is not None:
                labels[path] = label
    cleaned = {k: v for k, v in run.values.items() if not run._is_hidden(k)}
    return Validated(
        cleaned=cleaned,
        errors=run.errors,
        computed=computed,
        labels=labels,
        hidden=sorted(run.hidden),
        required=sorted(run.required),
    )
