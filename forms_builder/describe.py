"""Conditions in plain Indonesian: ``punya_wbs == true`` → “Punya WBS?” = Ya.

The fill page tells the operator when a field is shown or required ("Wajib diisi bila
“Punya WBS?” = Ya"), with labels and choice names, never keys or operators. The text is
read from the compiled expression (``expressions.compile_expression``), so it says exactly
what the server enforces; a condition that cannot be read gives no hint rather than a wrong one.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from .expressions import ExpressionError, compile_expression
from .schema import field_map

_COMPARE = {
    "==": "=",
    "!=": "≠",
    "<": "<",
    "<=": "≤",
    ">": ">",
    ">=": "≥",
}


class _Describer:
    def __init__(self, schema: dict, table: str | None):
        self.paths = field_map(schema)
        self.table = table

    def spec(self, name: str) -> dict | None:
        if self.table and "." not in name and f"{self.table}.{name}" in self.paths:
            return self.paths[f"{self.table}.{name}"].spec
        ref = self.paths.get(name)
        return ref.spec if ref else None

    def label(self, name: str) -> str:
        spec = self.spec(name)
        if spec is None:
            return f"“{name}”"
        text = f"“{spec.get('label') or spec['key']}”"
        if "." in name:
            table = self.paths.get(name.split(".", 1)[0])
            if table:
                text = _("%(col)s pada tabel “%(table)s”") % {"col": text, "table": table.spec.get("label")}
        return text

    def value(self, node: tuple, spec: dict | None) -> str:
        """A literal, as the person sees it (choice names, Ya/Tidak, decimal comma)."""
        kind, raw = node[0], node[1]
        if kind == "const":
            return {True: _("Ya"), False: _("Tidak"), None: _("kosong")}[raw]
        if kind == "str":
            for choice in (spec or {}).get("choices") or []:
                if str(choice.get("value")) == raw:
                    return f"“{choice.get('label') or raw}”"
            return f"“{raw}”"
        if kind == "num":
            text = format(raw.normalize() if raw == raw.to_integral_value() else raw, "f")
            return text.replace(".", ",")
        return self.text(node)

    def text(self, node: tuple, parent: str | None = None) -> str:
        kind = node[0]
        if kind == "ref":
            spec = self.spec(node[1])
            if spec and spec.get("type") == "yes_no" and parent in ("bool", None, "not_"):
                return _("%(f)s = Ya") % {"f": self.label(node[1])}
            if parent in ("bool", None):
                return _("%(f)s diisi") % {"f": self.label(node[1])}
            return self.label(node[1])
        if kind in ("num", "str", "const"):
            return self.value(node, None)
        if kind == "bin":
            op, left, right = node[1], node[2], node[3]
            if op in _COMPARE:
                return self.compare(op, left, right)
            text = f"{self.text(left, 'bin')} {op} {self.text(right, 'bin')}"
            return f"({text})" if parent == "bin" else text
        if kind == "bool":
            joiner = _(" dan ") if node[1] == "and" else _(" atau ")
            text = joiner.join(self.text(p, "bool") for p in node[2])
            return f"({text})" if parent == "bool" else text
        if kind == "not_":
            inner = node[1]
            if inner[0] == "ref":
                spec = self.spec(inner[1])
                if spec and spec.get("type") == "yes_no":
                    return _("%(f)s = Tidak") % {"f": self.label(inner[1])}
                return _("%(f)s kosong") % {"f": self.label(inner[1])}
            return _("tidak benar bahwa %(c)s") % {"c": self.text(inner, "bool")}
        if kind in ("neg", "pos"):
            return ("-" if kind == "neg" else "+") + self.text(node[1], "bin")
        if kind == "in":
            needle, haystack = node[1], node[2]
            spec = self.spec(haystack[1]) if haystack[0] == "ref" else None
            return _("%(h)s memuat %(n)s") % {"h": self.text(haystack, "in"), "n": self.value(needle, spec)}
        if kind == "call":
            return f"{node[1]}({', '.join(self.text(a, 'call') for a in node[2])})"
        raise ExpressionError(_("Rumus tidak valid."))  # pragma: no cover

    def compare(self, op: str, left: tuple, right: tuple) -> str:
        if right[0] == "ref" and left[0] != "ref":  # 5 < nilai → nilai > 5
            left, right = right, left
            op = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
        spec = self.spec(left[1]) if left[0] == "ref" else None
        subject = self.text(left, "cmp")
        if right == ("const", None):
            return (_("%(f)s kosong") if op == "==" else _("%(f)s diisi")) % {"f": subject}
        return f"{subject} {_COMPARE[op]} {self.value(right, spec) if right[0] != 'ref' else self.text(right, 'cmp')}"


def describe_condition(text: str | None, *, schema: dict, table: str | None = None) -> str | None:
    """``text`` (a ``show_if``/``required_if`` condition) in plain Indonesian, or ``None``."""
    if not text:
        return None
    try:
        return _Describer(schema, table).text(compile_expression(text).ast)
    except (ExpressionError, KeyError, TypeError, ArithmeticError):
        return None


def field_hints(schema: dict) -> dict[str, str]:
    """``path`` → when that field is shown and/or required, one sentence for the fill page.

    Table columns are keyed ``table.column`` (their condition is read row by row)."""
    hints: dict[str, str] = {}
    for path, ref in field_map(schema).items():
        spec = ref.spec
        shown = describe_condition(spec.get("show_if"), schema=schema, table=ref.table)
        required = describe_condition(spec.get("required_if"), schema=schema, table=ref.table)
        parts = []
        if shown:
            parts.append(_("Ditampilkan bila %(c)s.") % {"c": shown})
        if required:
            parts.append(_("Wajib diisi bila %(c)s.") % {"c": required})
        elif shown and spec.get("required"):
            parts.append(_("Wajib diisi bila ditampilkan."))
        if parts:
            hints[path] = " ".join(parts)
    return hints
