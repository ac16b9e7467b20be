"""The formula and condition language of forms: a small grammar of our own, our own interpreter.

Why not ``eval`` or a general library: formulas come from editors and from imported JSON
files of other Pemdas, and the same text is served to mobile apps that evaluate it offline.
So the language is tiny and closed: numbers, strings, ``true``/``false``/``null``, field
references (``target``, ``anggaran.pagu`` = the ``pagu`` column of table ``anggaran`` as a
list), arithmetic ``+ - * / ^``, comparisons, ``and``/``or``/``not``, ``in`` and a fixed set
of functions. There is no attribute access, no indexing, no names other than field keys
(lower-case, never starting with ``_``), and every evaluation is bounded: text length,
AST size and depth, number size, exponent, list length and argument count.

Arithmetic runs on ``Decimal`` so that scores match hand computations exactly
(``0.3 * 85`` is ``25.5``, not ``25.499999…``). A missing value (``null``) makes arithmetic
yield ``null`` (so a formula is empty until its inputs are filled); division by zero too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext_lazy as _
from lark import Lark, Token, Tree
from lark.exceptions import LarkError

from .interpreter import MAX_EXPONENT, MAX_LIST, MAX_MAGNITUDE, MAX_STRING, ExpressionError, evaluate

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_LIST",
    "MAX_MAGNITUDE",
    "MAX_STRING",
    "Expression",
    "ExpressionError",
    "compile_expression",
    "evaluate",
    "evaluate_text",
    "find_cycle",
    "topological_order",
]

MAX_LENGTH = 1000  # characters of expression text
MAX_NODES = 300  # nodes of the compiled expression
MAX_DEPTH = 25  # nesting of the compiled expression
MAX_DIGITS = 20  # digits of a number literal
MAX_ARGS = 50  # arguments of one function call


FUNCTIONS = ("if", "round", "min", "max", "avg", "sum", "count", "abs", "capaian", "skor")

#: What the designer's formula help says of each function: one line and an example.
#: Every name of ``FUNCTIONS`` has an entry (tests/forms_builder/test_formula_help.py).
FUNCTION_HELP: dict[str, tuple[Any, str]] = {
    "if": (_("Jika syarat benar hasilnya nilai kedua, jika tidak nilai ketiga."), 'if(nilai >= 3, "Baik", "Kurang")'),
    "round": (_("Membulatkan angka ke jumlah angka di belakang koma."), "round(realisasi / target * 100, 2)"),
    "min": (_("Nilai terkecil dari angka atau kolom tabel."), "min(anggaran.pagu)"),
    "max": (_("Nilai terbesar dari angka atau kolom tabel."), "max(nilai_a, nilai_b)"),
    "avg": (_("Rata-rata angka atau kolom tabel (yang kosong dilewati)."), "avg(anggaran.realisasi)"),
    "sum": (_("Jumlah angka atau kolom tabel."), "sum(anggaran.pagu)"),
    "count": (_("Banyaknya nilai yang terisi."), "count(anggaran.kegiatan)"),
    "abs": (_("Nilai mutlak (tanpa tanda minus)."), "abs(selisih)"),
    "capaian": (
        _('Capaian (%) realisasi terhadap target; arah "naik" atau "turun".'),
        'capaian(realisasi, target, "naik")',
    ),
    "skor": (_("Skor pilihan yang dipilih (atau Ya = 1, Tidak = 0)."), "skor(tingkat)"),
}

GRAMMAR = r"""
?start: or_expr
?or_expr: and_expr (_OR and_expr)*
?and_expr: not_expr (_AND not_expr)*
?not_expr: _NOT not_expr -> not_
         | comparison
?comparison: sum (COMP_OP sum)?
           | sum _IN sum -> in_
?sum: product (ADD_OP product)*
?product: unary (MUL_OP unary)*
?unary: "-" unary -> neg
      | "+" unary -> pos
      | power
?power: atom (_POW unary)?
?atom: NUMBER -> number
     | STRING -> string
     | _TRUE -> true
     | _FALSE -> false
     | _NULL -> null
     | NAME "(" [or_expr ("," or_expr)*] ")" -> call
     | NAME ("." NAME)? -> ref
     | "(" or_expr ")"

_OR.2: /\bor\b/
_AND.2: /\band\b/
_NOT.2: /\bnot\b/
_IN.2: /\bin\b/
_TRUE.2: /\btrue\b/
_FALSE.2: /\bfalse\b/
_NULL.2: /\bnull\b/
_POW: "^" | "**"
COMP_OP: "==" | "!=" | "<=" | ">=" | "<" | ">"
ADD_OP: "+" | "-"
MUL_OP: "*" | "/"
NAME: /[a-z][a-z0-9_]*/
NUMBER: /[0-9]+(\.[0-9]+)?/
STRING: /"[^"\\\n]*"/ | /'[^'\\\n]*'/
%ignore /[ \t\r\n]+/
"""


@lru_cache(maxsize=1)
def _parser() -> Lark:
    return Lark(GRAMMAR, parser="lalr", maybe_placeholders=False)


@dataclass(frozen=True)
class Expression:
    """A checked, compiled expression: its text, its AST and the references it reads."""

    text: str
    ast: tuple
    refs: frozenset[str]  # "key" or "table.column"

    def evaluate(self, values: dict[str, Any], row: dict[str, Any] | None = None) -> Any:
        return evaluate(self.ast, values, row)


def _depth(tree: Tree) -> int:
    """Depth of a lark tree, iteratively (a hostile tree must not exhaust the Python stack)."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        if d > MAX_DEPTH:
            return d
        if isinstance(node, Tree):
            stack.extend((child, d + 1) for child in node.children)
    return deepest


def _nesting_precheck(text: str) -> None:
    """Reject deep nesting before parsing: parentheses and chains of unary signs."""
    depth = run = 0
    for ch in text:
        if ch == "(":
            depth += 1
            if depth > MAX_DEPTH:
                raise ExpressionError(_("Rumus terlalu bersarang (lebih dari %(n)d tingkat).") % {"n": MAX_DEPTH})
        elif ch == ")":
            depth -= 1
        if ch in "+-" or ch == "!" or ch.isspace():
            run += ch in "+-"
            if run > MAX_DEPTH:
                raise ExpressionError(_("Rumus terlalu bersarang (lebih dari %(n)d tingkat).") % {"n": MAX_DEPTH})
        else:
            run = 0


def _to_ast(node) -> tuple:
    if isinstance(node, Token):  # pragma: no cover - the grammar wraps every token
        raise ExpressionError(_("Rumus tidak valid."))
    kind = node.data
    ch = node.children
    if kind == "number":
        digits = str(ch[0]).replace(".", "")
        if len(digits) > MAX_DIGITS:
            raise ExpressionError(_("Angka terlalu panjang (lebih dari %(n)d digit).") % {"n": MAX_DIGITS})
        return ("num", Decimal(str(ch[0])))
    if kind == "string":
        value = str(ch[0])[1:-1]
        if len(value) > MAX_STRING:
            raise ExpressionError(_("Teks dalam rumus terlalu panjang."))
        return ("str", value)
    if kind in ("true", "false", "null"):
        return ("const", {"true": True, "false": False, "null": None}[kind])
    if kind == "ref":
        return ("ref", ".".join(str(t) for t in ch))
    if kind == "call":
        name, args = str(ch[0]), ch[1:]
        if name not in FUNCTIONS:
            raise ExpressionError(
                _("Fungsi '%(name)s' tidak dikenal. Fungsi yang tersedia: %(names)s.")
                % {"name": name, "names": ", ".join(FUNCTIONS)}
            )
        if len(args) > MAX_ARGS:
            raise ExpressionError(_("Terlalu banyak argumen untuk fungsi '%(name)s'.") % {"name": name})
        call = ("call", name, tuple(_to_ast(a) for a in args))
        if name == "skor" and (len(call[2]) != 1 or call[2][0][0] != "ref"):
            raise ExpressionError(_("Fungsi skor membutuhkan satu isian: skor(tingkat) atau skor(tabel.kolom)."))
        return call
    if kind in ("neg", "pos", "not_"):
        return (kind, _to_ast(ch[0]))
    if kind == "in_":
        return ("in", _to_ast(ch[0]), _to_ast(ch[1]))
    if kind == "power":
        return ("bin", "^", _to_ast(ch[0]), _to_ast(ch[1]))
    if kind in ("or_expr", "and_expr"):
        op = "or" if kind == "or_expr" else "and"
        return ("bool", op, tuple(_to_ast(c) for c in ch))
    if kind in ("sum", "product", "comparison"):
        result = _to_ast(ch[0])
        for i in range(1, len(ch), 2):
            result = ("bin", str(ch[i]), result, _to_ast(ch[i + 1]))
        return result
    raise ExpressionError(_("Rumus tidak valid."))  # pragma: no cover


def _walk(ast: tuple):
    stack = [ast]
    while stack:
        node = stack.pop()
        yield node
        for part in node[1:]:
            if isinstance(part, tuple) and part and isinstance(part[0], str):
                stack.append(part)
            elif isinstance(part, tuple):
                stack.extend(p for p in part if isinstance(p, tuple))


def _single_equals(text: str) -> int | None:
    """Position (from 1) of the first lone ``=`` outside quotes (not ``==``, ``!=``, ``<=``, ``>=``)."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "=":
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if (not before or before not in "=!<>") and after != "=":
                return i + 1
    return None


@lru_cache(maxsize=2048)
def compile_expression(text: str) -> Expression:
    """Parse and check ``text``; raise ``ExpressionError`` with an Indonesian message."""
    if not isinstance(text, str) or not text.strip():
        raise ExpressionError(_("Rumus kosong."))
    if len(text) > MAX_LENGTH:
        raise ExpressionError(_("Rumus terlalu panjang (lebih dari %(n)d karakter).") % {"n": MAX_LENGTH})
    if "__" in text:
        raise ExpressionError(_("Nama yang diawali garis bawah tidak diizinkan dalam rumus."))
    _nesting_precheck(text)
    try:
        tree = _parser().parse(text)
    except LarkError as exc:
        single = _single_equals(text)
        if single is not None:
            raise ExpressionError(
                _("Rumus tidak dapat dibaca (posisi %(col)d): Gunakan == untuk membandingkan, bukan =.")
                % {"col": single}
            ) from None
        column = getattr(exc, "column", None)
        where = _(" (posisi %(col)s)") % {"col": column} if column and column > 0 else ""
        raise ExpressionError(
            _("Rumus tidak dapat dibaca%(where)s: %(text)s") % {"where": where, "text": text}
        ) from None
    if _depth(tree) > MAX_DEPTH:
        raise ExpressionError(_("Rumus terlalu bersarang (lebih dari %(n)d tingkat).") % {"n": MAX_DEPTH})
    if isinstance(tree, Token):  # pragma: no cover
        raise ExpressionError(_("Rumus tidak valid."))
    ast = _to_ast(tree)
    nodes = list(_walk(ast))
    if len(nodes) > MAX_NODES:
        raise ExpressionError(_("Rumus terlalu besar (lebih dari %(n)d unsur).") % {"n": MAX_NODES})
    refs = frozenset(n[1] for n in nodes if n[0] == "ref")
    _check_constants(ast)
    return Expression(text=text, ast=ast, refs=refs)


def _check_constants(ast: tuple) -> bool:
    """Run every constant part once, so ``9^9^9`` is refused when designed, not when filled."""
    kind = ast[0]
    if kind in ("num", "str", "const"):
        return True
    if kind == "ref":
        return False
    children = [p for p in ast[1:] if isinstance(p, tuple) and p and isinstance(p[0], str)]
    for part in ast[1:]:
        if isinstance(part, tuple) and part and not isinstance(part[0], str):
            children.extend(part)
    constant = all(_check_constants(c) for c in children)
    if constant:
        evaluate(ast, {})
    return constant


def evaluate_text(text: str, values: dict[str, Any], row: dict[str, Any] | None = None) -> Any:
    """Compile (cached) and evaluate ``text``; the convenient entry point for one-off use."""
    return compile_expression(text).evaluate(values, row)


# --- dependencies and cycles ------------------------------------------------------------


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle in ``graph`` (node → nodes it reads) as a path ``[a, b, a]``, or ``None``.

    Iterative DFS, so a long chain of formulas cannot exhaust the stack.
    """
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    for start in sorted(graph):
        if colour[start] != white:
            continue
        stack = [(start, iter(sorted(graph[start])))]
        path = [start]
        colour[start] = grey
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = black
                stack.pop()
                path.pop()
                continue
            if child not in graph:
                continue
            if colour[child] == grey:
                return [*path[path.index(child) :], child]
            if colour[child] == white:
                colour[child] = grey
                path.append(child)
                stack.append((child, iter(sorted(graph[child]))))
    return None


def topological_order(graph: dict[str, set[str]]) -> list[str]:
    """Nodes ordered so that each comes after the nodes it reads (graph must be acyclic)."""
    order: list[str] = []
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        stack = [(start, iter(sorted(graph[start])))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if node not in done:
                    done.add(node)
                    order.append(node)
            elif child in graph and child not in done and all(child != n for n, _ in stack):
                stack.append((child, iter(sorted(graph[child]))))
    return order
