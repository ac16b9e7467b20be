"""Field types: one class per type, found by name in ``FIELD_TYPES``.

Like Wagtail's ``FormBuilder`` (``create_<type>_field``), adding a type is one class (here, or in
``choices.py``/``uploads.py`` by concept) plus its entry in the ordered list at the end:
it says which designer options it has (``options``: names of option blocks in
``blocks.OPTION_BLOCKS``), how it checks its own settings at design time
(``check_spec``) and how it cleans one answer (``clean``, raising ``FieldError`` with an
Indonesian message). Cleaned values are JSON-ready (numbers, strings, booleans, lists),
so the same values are stored, served to mobile apps and read by formulas.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

import phonenumbers
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _

from .choices import MultipleChoice, OPDChoice, SingleChoice
from .field_base import COMMON_OPTIONS, MAX_TABLE_ROWS, CleanContext, FieldError, FieldType, _empty, to_json_number
from .uploads import FILE_TYPES, MAX_FILE_MB, File

__all__ = [
    "COMMON_OPTIONS",
    "FIELD_TYPES",
    "FILE_TYPES",
    "MAX_FILE_MB",
    "MAX_TABLE_ROWS",
    "CleanContext",
    "FieldError",
    "FieldType",
    "_empty",
    "get_field_type",
    "parse_number",
    "to_json_number",
]

FIELD_TYPES: dict[str, FieldType] = {}


def register(cls: type[FieldType]) -> type[FieldType]:
    FIELD_TYPES[cls.name] = cls()
    return cls


def get_field_type(name: str) -> FieldType:
    try:
        return FIELD_TYPES[name]
    except KeyError:
        raise FieldError(_("Jenis isian '%(type)s' tidak dikenal.") % {"type": name}) from None


# --- text -------------------------------------------------------------------------------

_NESTED_QUANTIFIER = re.compile(r"\([^)]*[+*}][^)]*\)\s*[+*{]")


class _TextBase(FieldType):
    default_max_length = 255

    def check_spec(self, spec):
        problems = []
        pattern = spec.get("pattern") or ""
        if pattern:
            if len(pattern) > 200 or _NESTED_QUANTIFIER.search(pattern):
                problems.append(_("Pola pada isian '%(key)s' terlalu rumit.") % {"key": spec["key"]})
            else:
                try:
                    re.compile(pattern)
                except re.error:
                    problems.append(_("Pola pada isian '%(key)s' tidak valid.") % {"key": spec["key"]})
        return problems

    def clean(self, value, spec, ctx):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise FieldError(_("Isian harus berupa teks."))
        text = str(value).strip()
        max_length = spec.get("max_length") or self.default_max_length
        min_length = spec.get("min_length") or 0
        if len(text) > max_length:
            raise FieldError(_("Paling banyak %(n)d karakter (sekarang %(m)d).") % {"n": max_length, "m": len(text)})
        if len(text) < min_length:
            raise FieldError(_("Paling sedikit %(n)d karakter.") % {"n": min_length})
        pattern = spec.get("pattern")
        if pattern and not re.fullmatch(pattern, text):
            raise FieldError(spec.get("pattern_message") or _("Format isian tidak sesuai."))
        return text


class ShortText(_TextBase):
    name, label = "short_text", _("Teks singkat")
    options = ("min_length", "max_length", "pattern", "pattern_message")


class LongText(_TextBase):
    name, label = "long_text", _("Teks panjang")
    options = ("min_length", "max_length")
    default_max_length = 20000


class Email(FieldType):
    name, label = "email", _("Email")

    def clean(self, value, spec, ctx):
        text = str(value).strip()
        try:
            EmailValidator()(text)
        except DjangoValidationError:
            raise FieldError(_("Alamat email tidak valid.")) from None
        return text.lower()


class Phone(FieldType):
    name, label = "phone", _("Nomor telepon")

    def clean(self, value, spec, ctx):
        try:
            number = phonenumbers.parse(str(value), "ID")
        except phonenumbers.NumberParseException:
            raise FieldError(_("Nomor telepon tidak valid.")) from None
        if not phonenumbers.is_valid_number(number):
            raise FieldError(_("Nomor telepon tidak valid."))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class NIK(FieldType):
    name, label = "nik", _("NIK")

    def clean(self, value, spec, ctx):
        text = str(value).strip().replace(" ", "")
        if not re.fullmatch(r"[1-9][0-9]{15}", text):
            raise FieldError(_("NIK harus 16 digit angka."))
        return text


class URL(FieldType):
    name, label = "url", _("Alamat web (URL)")

    def clean(self, value, spec, ctx):
        text = str(value).strip()
        try:
            URLValidator(schemes=["http", "https"])(text)
        except DjangoValidationError:
            raise FieldError(_("Alamat web tidak valid (awali dengan http:// atau https://).")) from None
        return text


# --- numbers ----------------------------------------------------------------------------


def parse_number(value: Any, *, decimal_comma: bool = True) -> Decimal:
    """A number from JSON or from Indonesian text ("1.500.000", "12,5", "Rp 2.000")."""
    if isinstance(value, bool):
        raise FieldError(_("Isian harus berupa angka."))
    if isinstance(value, (int, Decimal)):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if not isinstance(value, str) or len(value) > 40:
        raise FieldError(_("Isian harus berupa angka."))
    text = value.strip().removeprefix("Rp").strip().replace(" ", "")
    if decimal_comma and re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
        text = text.replace(".", "").replace(",", ".")
    elif decimal_comma:
        text = text.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise FieldError(_("Isian harus berupa angka."))
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover
        raise FieldError(_("Isian harus berupa angka.")) from None


class _NumberBase(FieldType):
    options = ("min_value", "max_value")
    scorable = True
    integer = False
    default_min: Decimal | None = None
    default_max: Decimal | None = None

    def check_spec(self, spec):
        lo, hi = spec.get("min_value"), spec.get("max_value")
        if lo is not None and hi is not None and Decimal(str(lo)) > Decimal(str(hi)):
            return [_("Nilai minimum isian '%(key)s' lebih besar dari maksimumnya.") % {"key": spec["key"]}]
        return []

    def clean(self, value, spec, ctx):
        number = parse_number(value)
        if abs(number) >= Decimal("1e18"):
            raise FieldError(_("Angka terlalu besar."))
        if self.integer and number != number.to_integral_value():
            raise FieldError(_("Isian harus bilangan bulat."))
        decimals = spec.get("decimals")
        if decimals is not None and -number.as_tuple().exponent > int(decimals) and number.as_tuple().exponent < 0:
            raise FieldError(_("Paling banyak %(n)d angka di belakang koma.") % {"n": int(decimals)})
        lo = spec.get("min_value", self.default_min)
        hi = spec.get("max_value", self.default_max)
        if lo is not None and number < Decimal(str(lo)):
            raise FieldError(_("Nilai paling kecil %(n)s.") % {"n": lo})
        if hi is not None and number > Decimal(str(hi)):
            raise FieldError(_("Nilai paling besar %(n)s.") % {"n": hi})
        return int(number) if self.integer else to_json_number(number)


class Integer(_NumberBase):
    name, label = "integer", _("Bilangan bulat")
    integer = True


class DecimalNumber(_NumberBase):
    name, label = "decimal", _("Bilangan desimal")
    options = ("min_value", "max_value", "decimals")


class Rupiah(_NumberBase):
    name, label = "rupiah", _("Jumlah Rupiah")
    integer = True
    default_min = Decimal(0)


class Percentage(_NumberBase):
    name, label = "percentage", _("Persentase")
    options = ("min_value", "max_value", "decimals")
    default_min, default_max = Decimal(0), Decimal(100)


class Year(_NumberBase):
    name, label = "year", _("Tahun")
    integer = True
    scorable = False
    default_min, default_max = Decimal(1945), Decimal(2100)


class Date(FieldType):
    name, label = "date", _("Tanggal")

    def clean(self, value, spec, ctx):
        text = str(value).strip()
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError(text)
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise FieldError(_("Tanggal tidak valid (format TTTT-BB-HH).")) from None


class YesNo(FieldType):
    name, label = "yes_no", _("Ya/Tidak")
    scorable = True
    _TRUE = {"true", "ya", "1", "yes"}
    _FALSE = {"false", "tidak", "0", "no"}

    def clean(self, value, spec, ctx):
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self._TRUE:
            return True
        if text in self._FALSE:
            return False
        raise FieldError(_("Pilih Ya atau Tidak."))

    def score_value(self, value, spec):
        return None if value is None else Decimal(int(value))


# --- display, computed, containers ------------------------------------------------------


class Heading(FieldType):
    name, label = "heading", _("Judul/teks bantuan")
    takes_input = False


class Computed(FieldType):
    name, label = "computed", _("Isian terhitung (rumus)")
    options = ("formula", "decimals", "band_table", "bands")
    takes_input = False
    scorable = True


class Section(FieldType):
    name, label = "section", _("Bagian")
    options = ("display", "weight", "score", "band_table", "bands", "fields")
    takes_input = False
    container = True


class Table(FieldType):
    name, label = "table", _("Tabel")
    options = ("columns", "rows", "min_rows", "max_rows")
    container = True

    def check_spec(self, spec):
        problems = []
        lo, hi = spec.get("min_rows"), spec.get("max_rows")
        if hi is not None and hi > MAX_TABLE_ROWS:
            problems.append(_("Tabel '%(key)s' paling banyak %(n)d baris.") % {"key": spec["key"], "n": MAX_TABLE_ROWS})
        if lo is not None and hi is not None and lo > hi:
            problems.append(
                _("Jumlah baris minimum tabel '%(key)s' lebih besar dari maksimumnya.") % {"key": spec["key"]}
            )
        if not spec.get("columns"):
            problems.append(_("Tabel '%(key)s' belum punya kolom.") % {"key": spec["key"]})
        return problems


#: Every type, in the order the designer offers them. A new type: one class, one entry here.
for _cls in (
    ShortText, LongText, Email, Phone, NIK, URL, Integer, DecimalNumber, Rupiah, Percentage, Year, Date, YesNo,
    SingleChoice, MultipleChoice, OPDChoice, File, Heading, Computed, Section, Table,
):  # fmt: skip
    register(_cls)
