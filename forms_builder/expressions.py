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

import decimal
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext_lazy as _
from lark import Lark, Token, Tree
from lark.exceptions import LarkError

MAX_LENGTH = 1000  # characters of expression text
MAX_NODES = 300  # nodes of the compiled expression
MAX_DEPTH = 25  # nesting of the compiled expression
MAX_DIGITS = 20  # digits of a number literal
MAX_STRING = 200  # characters of a string literal
MAX_EXPONENT = 64  # |exponent| of ^
MAX_MAGNITUDE = Decimal("1e24")  # |value| of any intermediate result
MAX_LIST = 1000  # elements of a list (table column)
MAX_ARGS = 50  # arguments of one function call

FUNCTIONS = ("if", "round", "min", "max", "avg", "sum", "count", "abs")

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


class ExpressionError(ValueError):
    """An expression that cannot be parsed, is too big, or fails while running."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


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
        return ("call", name, tuple(_to_ast(a) for a in args))
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


# --- interpreter ------------------------------------------------------------------------

_CTX = decimal.Context(prec=28, Emax=99, Emin=-99, traps=[decimal.InvalidOperation, decimal.Overflow])


def _num(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    raise ExpressionError(_("Nilai '%(v)s' bukan angka.") % {"v": str(value)[:40]})


def _bounded(value: Decimal) -> Decimal:
    if value.is_nan() or abs(value) > MAX_MAGNITUDE:
        raise ExpressionError(_("Hasil perhitungan terlalu besar."))
    return value


def _arith(op: str, left: Any, right: Any) -> Decimal | None:
    a, b = _num(left), _num(right)
    if a is None or b is None:
        return None
    try:
        if op == "+":
            return _bounded(_CTX.add(a, b))
        if op == "-":
            return _bounded(_CTX.subtract(a, b))
        if op == "*":
            return _bounded(_CTX.multiply(a, b))
        if op == "/":
            return None if b == 0 else _bounded(_CTX.divide(a, b))
        # "^": small integer exponents only
        if b != b.to_integral_value() or abs(b) > MAX_EXPONENT:
            raise ExpressionError(_("Pangkat harus bilangan bulat antara -%(n)d dan %(n)d.") % {"n": MAX_EXPONENT})
        if a == 0 and b < 0:
            return None
        return _bounded(_CTX.power(a, int(b)))
    except (decimal.InvalidOperation, decimal.Overflow):
        raise ExpressionError(_("Hasil perhitungan terlalu besar.")) from None


def _compare(op: str, a: Any, b: Any) -> bool:
    if op == "==":
        return _eq(a, b)
    if op == "!=":
        return not _eq(a, b)
    if a is None or b is None:
        return False
    if isinstance(a, str) and isinstance(b, str):
        pass
    else:
        a, b = _num(a), _num(b)
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _eq(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float, Decimal)) and isinstance(b, (int, float, Decimal)):
        return _num(a) == _num(b)
    return a == b


def _flatten(args: list) -> list:
    out: list = []
    for arg in args:
        if isinstance(arg, list):
            out.extend(arg)
        else:
            out.append(arg)
    if len(out) > MAX_LIST:
        raise ExpressionError(_("Daftar nilai terlalu panjang (lebih dari %(n)d).") % {"n": MAX_LIST})
    return out


def _call(name: str, args: tuple, values: dict, row: dict | None) -> Any:
    if name == "if":
        if len(args) != 3:
            raise ExpressionError(_("Fungsi if membutuhkan 3 argumen: if(syarat, jika_benar, jika_salah)."))
        return evaluate(args[1] if _truthy(evaluate(args[0], values, row)) else args[2], values, row)
    evaluated = [evaluate(a, values, row) for a in args]
    if name == "round":
        if not 1 <= len(evaluated) <= 2:
            raise ExpressionError(_("Fungsi round membutuhkan 1 atau 2 argumen."))
        value = _num(evaluated[0])
        places = int(_num(evaluated[1]) or 0) if len(evaluated) == 2 else 0
        if value is None:
            return None
        places = max(0, min(places, 10))
        return value.quantize(Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP, context=_CTX)
    if name == "abs":
        if len(evaluated) != 1:
            raise ExpressionError(_("Fungsi abs membutuhkan 1 argumen."))
        value = _num(evaluated[0])
        return None if value is None else abs(value)
    items = _flatten(evaluated)
    if name == "count":
        return Decimal(sum(1 for v in items if v not in (None, "", False)))
    numbers = [_num(v) for v in items if v is not None and v != ""]
    if name == "sum":
        total = Decimal(0)
        for n in numbers:
            total = _bounded(_CTX.add(total, n))
        return total
    if not numbers:
        return None
    if name == "min":
        return min(numbers)
    if name == "max":
        return max(numbers)
    total = Decimal(0)
    for n in numbers:
        total = _bounded(_CTX.add(total, n))
    return _CTX.divide(total, Decimal(len(numbers)))  # avg


def _truthy(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, Decimal):
        return value != 0
    return bool(value)


def _resolve(name: str, values: dict, row: dict | None) -> Any:
    if "." in name:
        table, column = name.split(".", 1)
        rows = values.get(table) or []
        if not isinstance(rows, list):
            return None
        if len(rows) > MAX_LIST:
            raise ExpressionError(_("Daftar nilai terlalu panjang (lebih dari %(n)d).") % {"n": MAX_LIST})
        return [r.get(column) if isinstance(r, dict) else None for r in rows]
    if row is not None and name in row:
        return row[name]
    return values.get(name)


def evaluate(ast: tuple, values: dict[str, Any], row: dict[str, Any] | None = None) -> Any:
    """Run a compiled AST against field values (and the current table row, if any)."""
    kind = ast[0]
    if kind in ("num", "str", "const"):
        return ast[1]
    if kind == "ref":
        value = _resolve(ast[1], values, row)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return _num(value)
        return value
    if kind == "bin":
        op, left, right = ast[1], evaluate(ast[2], values, row), evaluate(ast[3], values, row)
        if op in ("==", "!=", "<", "<=", ">", ">="):
            return _compare(op, left, right)
        if op == "+" and isinstance(left, str) and isinstance(right, str):
            if len(left) + len(right) > MAX_STRING * 5:
                raise ExpressionError(_("Teks hasil rumus terlalu panjang."))
            return left + right
        return _arith(op, left, right)
    if kind == "bool":
        if ast[1] == "and":
            return all(_truthy(evaluate(p, values, row)) for p in ast[2])
        return any(_truthy(evaluate(p, values, row)) for p in ast[2])
    if kind == "not_":
        return not _truthy(evaluate(ast[1], values, row))
    if kind == "neg":
        value = _num(evaluate(ast[1], values, row))
        return None if value is None else -value
    if kind == "pos":
        return _num(evaluate(ast[1], values, row))
    if kind == "in":
        needle, haystack = evaluate(ast[1], values, row), evaluate(ast[2], values, row)
        if haystack is None:
            return False
        if isinstance(haystack, list):
            return any(_eq(needle, h) for h in haystack)
        if isinstance(haystack, str) and isinstance(needle, str):
            return needle in haystack
        return False
    if kind == "call":
        return _call(ast[1], ast[2], values, row)
    raise ExpressionError(_("Rumus tidak valid."))  # pragma: no cover


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
