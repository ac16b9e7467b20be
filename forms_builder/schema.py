"""The published JSON schema of a form version, and its design-time checks.

A schema is plain JSON, frozen in ``FormVersion.schema`` when an editor publishes, served
as is to mobile apps, and read by ``validation`` and ``scoring``::

    {"schema_version": 1, "key": "lke-sakip", "title": "...", "description": "...",
     "fields": [                       # top level: sections and fields
        {"key": "perencanaan", "type": "section", "label": "...", "weight": 30,
         "score": "<expression>", "bands": [...], "fields": [ ...fields... ]},
        {"key": "capaian", "type": "table", "rows": [{"key": "r1", "label": "..."}] | [],
         "min_rows": 1, "max_rows": 20, "columns": [ ...fields... ]},
        {"key": "nilai", "type": "computed", "formula": "a / b * 100", "decimals": 2},
        ...],
     "rules": [{"expression": "realisasi <= pagu", "message": "...", "field": "realisasi"}],
     "scoring": {"label": "...", "method": "weighted_mean" | "expression", "expression": "...",
                 "decimals": 2, "bands": [...], "groups": [{"key", "label", "sections": [...], "bands"}]}}

Field keys are unique in the whole form (table columns: unique within their table) and
stay the same across versions, so answers of different versions line up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .expressions import ExpressionError, compile_expression, find_cycle
from .fields import FIELD_TYPES

SCHEMA_VERSION = 1
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
RESERVED_KEYS = {
    "and",
    "or",
    "not",
    "in",
    "true",
    "false",
    "null",
    *("if", "round", "min", "max", "avg", "sum", "count", "abs"),
}
MAX_FIELDS = 1000
NOT_IN_TABLE = {"section", "table", "heading"}


@dataclass(frozen=True)
class FieldRef:
    """Where a field sits: its spec, its section (if any) and its table (if a column)."""

    spec: dict
    section: str | None = None
    table: str | None = None

    @property
    def path(self) -> str:
        return f"{self.table}.{self.spec['key']}" if self.table else self.spec["key"]


def key_from_label(label: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """A field key made from its label: ``"Punya WBS?"`` → ``punya_wbs``; unique among ``taken``.

    Lowercase ASCII snake_case starting with a letter, at most 63 characters; ``_2``, ``_3``…
    when the key is already used. Only for a key left empty: a typed or saved key is kept.
    """
    base = slugify(str(label or "")).replace("-", "_").strip("_")
    base = re.sub(r"_+", "_", base)
    if not base or not base[0].isalpha() or base in RESERVED_KEYS:
        base = f"isian_{base}".rstrip("_")
    base = base[:63].rstrip("_")
    key, n = base, 2
    while key in taken:
        suffix = f"_{n}"
        key, n = f"{base[: 63 - len(suffix)]}{suffix}", n + 1
    return key


def iter_fields(schema: dict) -> Iterator[FieldRef]:
    """Every field and container, depth first, in form order."""
    for spec in schema.get("fields") or []:
        yield FieldRef(spec)
        if spec.get("type") == "section":
            for child in spec.get("fields") or []:
                yield FieldRef(child, section=spec.get("key"))
                if child.get("type") == "table":
                    for col in child.get("columns") or []:
                        yield FieldRef(col, section=spec.get("key"), table=child.get("key"))
        elif spec.get("type") == "table":
            for col in spec.get("columns") or []:
                yield FieldRef(col, table=spec.get("key"))


def field_map(schema: dict) -> dict[str, FieldRef]:
    """``path`` → ``FieldRef`` (columns as ``table.column``)."""
    return {ref.path: ref for ref in iter_fields(schema)}


def check_bands(bands, owner: str) -> list[str]:
    problems = []
    for band in bands or []:
        if not band.get("label"):
            problems.append(_("Pita nilai pada '%(o)s' tanpa label.") % {"o": owner})
        lo, hi = band.get("min"), band.get("max")
        try:
            if lo is not None and hi is not None and Decimal(str(lo)) > Decimal(str(hi)):
                problems.append(
                    _("Pita nilai '%(l)s' pada '%(o)s': min lebih besar dari max.")
                    % {"l": band.get("label"), "o": owner}
                )
        except ArithmeticError:
            problems.append(_("Pita nilai pada '%(o)s' berisi angka tidak valid.") % {"o": owner})
    return problems


#: How the designer names each expression option of a field (its block labels).
EXPRESSION_OPTIONS = {
    "formula": _("Rumus"),
    "show_if": _("Syarat “Tampilkan jika”"),
    "required_if": _("Syarat “Wajib jika”"),
    "score": _("Rumus nilai bagian"),
}


def _expression_refs(text: str, where: str, problems: list[str]) -> frozenset[str] | None:
    try:
        return compile_expression(text).refs
    except ExpressionError as exc:
        problems.append(_("%(where)s: %(msg)s") % {"where": where, "msg": exc.message})
        return None


def _check_ref(ref: str, where: str, paths: dict, table: str | None, problems: list[str]) -> str | None:
    """Resolve a reference to a path and return it, or record a problem naming the field."""
    if table and "." not in ref and f"{table}.{ref}" in paths:
        return f"{table}.{ref}"
    if ref in paths and paths[ref].table is None:
        return ref
    if "." in ref and ref in paths:
        return ref
    problems.append(_("%(where)s merujuk ke '%(ref)s' yang tidak ada di formulir.") % {"where": where, "ref": ref})
    return None


def check_schema(schema: dict) -> list[str]:
    """Every design problem of ``schema``, as Indonesian messages that name the field.

    Duplicate or malformed keys, unknown types, wrong nesting, bad options, unreadable or
    hostile formulas and conditions, references to missing fields, and cycles of formulas.
    """
    problems: list[str] = []
    refs = list(iter_fields(schema))
    if len(refs) > MAX_FIELDS:
        return [_("Formulir terlalu besar (lebih dari %(n)d isian).") % {"n": MAX_FIELDS}]
    seen: dict[str, int] = {}
    for ref in refs:
        spec = ref.spec
        key, ftype = spec.get("key"), spec.get("type")
        if not isinstance(key, str) or not KEY_RE.match(key) or key in RESERVED_KEYS:
            problems.append(
                _("Kunci '%(key)s' tidak valid: gunakan huruf kecil, angka dan garis bawah, diawali huruf.")
                % {"key": key}
            )
            continue
        seen[ref.path] = seen.get(ref.path, 0) + 1
        if ftype not in FIELD_TYPES:
            problems.append(_("Isian '%(key)s' berjenis '%(t)s' yang tidak dikenal.") % {"key": key, "t": ftype})
            continue
        if ref.table and ftype in NOT_IN_TABLE:
            problems.append(
                _("Kolom '%(key)s' pada tabel '%(t)s' tidak boleh berjenis %(type)s.")
                % {"key": key, "t": ref.table, "type": ftype}
            )
        if ref.section and ftype == "section" and not ref.table:
            problems.append(_("Bagian '%(key)s' tidak boleh berada di dalam bagian lain.") % {"key": key})
        problems.extend(str(p) for p in FIELD_TYPES[ftype].check_spec(spec))
        problems.extend(check_bands(spec.get("bands"), key))
        if spec.get("weight") is not None and not (FIELD_TYPES[ftype].scorable or ftype == "section"):
            problems.append(_("Isian '%(key)s' berjenis %(t)s tidak dapat diberi bobot.") % {"key": key, "t": ftype})
    for path, count in seen.items():
        if count > 1:
            problems.append(
                _("Kunci '%(key)s' dipakai lebih dari sekali. Setiap isian harus punya kunci unik.") % {"key": path}
            )
    if problems:
        return problems

    paths = field_map(schema)
    graph: dict[str, set[str]] = {}
    for path, ref in paths.items():
        spec = ref.spec
        for option in ("formula", "show_if", "required_if", "score"):
            text = spec.get(option)
            if not text:
                continue
            where = _("%(opt)s pada isian “%(label)s”") % {
                "opt": EXPRESSION_OPTIONS[option],
                "label": spec.get("label") or path,
            }
            found = _expression_refs(text, where, problems)
            if found is None:
                continue
            resolved = {_check_ref(r, where, paths, ref.table, problems) for r in found}
            if option == "formula" and spec.get("type") == "computed":
                graph[path] = {r for r in resolved if r}
        if spec.get("type") == "computed" and not spec.get("formula"):
            problems.append(_("Isian terhitung '%(key)s' belum punya rumus.") % {"key": path})
    for i, rule in enumerate(schema.get("rules") or []):
        where = _("Aturan #%(n)d") % {"n": i + 1}
        found = _expression_refs(rule.get("expression") or "", where, problems)
        for r in found or ():
            _check_ref(r, where, paths, None, problems)
        if rule.get("field") and rule["field"].split(".")[0] not in paths:
            problems.append(
                _("%(where)s menandai isian '%(f)s' yang tidak ada.") % {"where": where, "f": rule["field"]}
            )
    scoring = schema.get("scoring") or {}
    if scoring.get("expression"):
        found = _expression_refs(scoring["expression"], _("Rumus nilai akhir"), problems)
        for r in found or ():
            _check_ref(r, _("Rumus nilai akhir"), paths, None, problems)
    problems.extend(check_bands(scoring.get("bands"), _("nilai akhir")))
    sections = {r.spec["key"] for r in paths.values() if r.spec.get("type") == "section"}
    for group in scoring.get("groups") or []:
        for s in group.get("sections") or []:
            if s not in sections:
                problems.append(
                    _("Kelompok nilai '%(g)s' merujuk ke bagian '%(s)s' yang tidak ada.")
                    % {"g": group.get("key"), "s": s}
                )
        problems.extend(check_bands(group.get("bands"), group.get("key") or "?"))
    cycle = find_cycle({n: {d for d in deps if d in graph} for n, deps in graph.items()})
    if cycle:
        problems.append(
            _("Rumus isian '%(key)s' membentuk lingkaran: %(path)s.") % {"key": cycle[0], "path": " → ".join(cycle)}
        )
    return problems


def expression_problems(schema: dict) -> list[dict]:
    """Each formula or condition's own problems, for the designer to show at that input.

    ``{"path": field path | "scoring" | "rules.<i>", "option": "formula" | "show_if" | … |
    "expression", "text": "<Indonesian message>"}``: the text cannot be read, or it names a
    field the form does not have. Cycles and other whole-form problems stay in ``check_schema``.
    """
    paths = field_map(schema)
    items: list[tuple[str, str, str, str | None]] = []
    for path, ref in paths.items():
        for option in EXPRESSION_OPTIONS:
            text = ref.spec.get(option)
            if isinstance(text, str) and text.strip():
                items.append((path, option, text, ref.table))
    scoring = schema.get("scoring") if isinstance(schema.get("scoring"), dict) else {}
    if isinstance(scoring.get("expression"), str) and scoring["expression"].strip():
        items.append(("scoring", "expression", scoring["expression"], None))
    for i, rule in enumerate(schema.get("rules") or []):
        if isinstance(rule, dict) and isinstance(rule.get("expression"), str) and rule["expression"].strip():
            items.append((f"rules.{i}", "expression", rule["expression"], None))
    out = []
    for path, option, text, table in items:
        try:
            refs = compile_expression(text).refs
        except ExpressionError as exc:
            out.append({"path": path, "option": option, "text": str(exc.message)})
            continue
        for name in sorted(refs):
            if _check_ref(name, "", paths, table, []) is None:
                message = _("Tidak ada isian dengan kunci '%(ref)s' di formulir ini.") % {"ref": name}
                out.append({"path": path, "option": option, "text": str(message)})
    return out


def computed_graph(schema: dict) -> dict[str, set[str]]:
    """Computed field path → computed field paths its formula reads (for evaluation order)."""
    paths = field_map(schema)
    computed = {p for p, r in paths.items() if r.spec.get("type") == "computed"}
    graph: dict[str, set[str]] = {}
    for path in computed:
        ref = paths[path]
        deps: set[str] = set()
        for r in compile_expression(ref.spec["formula"]).refs:
            if ref.table and "." not in r and f"{ref.table}.{r}" in paths:
                deps.add(f"{ref.table}.{r}")
            else:
                deps.add(r)
        graph[path] = {d for d in deps if d in computed}
    return graph


def compare_schemas(old: dict, new: dict) -> list[str]:
    """Warnings when publishing ``new`` over ``old``: published keys removed or retyped."""
    before = {p: r.spec.get("type") for p, r in field_map(old).items()}
    after = {p: r.spec.get("type") for p, r in field_map(new).items()}
    warnings = []
    for path in sorted(before):
        if path not in after:
            warnings.append(
                _(
                    "Kunci '%(key)s' yang sudah diterbitkan dihapus; "
                    "data lama untuk isian ini tidak akan muncul di versi baru."
                )
                % {"key": path}
            )
        elif after[path] != before[path]:
            warnings.append(
                _("Jenis isian '%(key)s' berubah dari %(a)s menjadi %(b)s; data lama mungkin tidak sebanding.")
                % {"key": path, "a": before[path], "b": after[path]}
            )
    return warnings
