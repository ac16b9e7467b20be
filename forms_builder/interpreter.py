"""The interpreter of the expression language: runs a compiled AST, within bounds.

Arithmetic on ``Decimal``; ``null`` propagates through arithmetic and division by zero
gives ``null``; every intermediate result, exponent and list is bounded.
"""

from __future__ import annotations

import contextvars
import decimal
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

MAX_STRING = 200  # characters of a string literal
MAX_EXPONENT = 64  # |exponent| of ^
MAX_MAGNITUDE = Decimal("1e24")  # |value| of any intermediate result
MAX_LIST = 1000  # elements of a list (table column)


#: How ``skor(field)`` reads the score of a field's answer (a choice's option score, Ya = 1):
#: set by validation and scoring for the schema they run (``scoring.scores_readable``). The rule
#: is the field type's ``score_value``, the same one weights multiply.
SCORE_READER: contextvars.ContextVar = contextvars.ContextVar("form_score_reader", default=None)


class ExpressionError(ValueError):
    """An expression that cannot be parsed, is too big, or fails while running."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


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
    if name == "skor":
        if len(args) != 1 or args[0][0] != "ref":
            raise ExpressionError(_("Fungsi skor membutuhkan satu isian: skor(tingkat) atau skor(tabel.kolom)."))
        reader = SCORE_READER.get()
        ref = args[0][1]
        return None if reader is None else reader(ref, _resolve(ref, values, row), row)
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
    if name == "capaian":
        return _capaian(evaluated)
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


def _capaian(args: list) -> Any:
    """``capaian(realisasi, target, arah)`` or ``capaian(realisasi, target, arah, a, b)``: the one
    achievement rule (``forms_builder.capaian``), exact (a computed field rounds for display)."""
    from .capaian import capaian

    if len(args) not in (3, 5):
        raise ExpressionError(
            _(
                "Fungsi capaian membutuhkan 3 atau 5 argumen: "
                "capaian(realisasi, target, arah[, batas_bawah, batas_atas])."
            )
        )
    low, high = (args[3], args[4]) if len(args) == 5 else (None, None)
    direction = args[2] if isinstance(args[2], str) else "naik"
    return capaian(realisasi=args[0], target=args[1], direction=direction, target_min=low, target_max=high)


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
