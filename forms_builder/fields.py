"""Field types: one class per type, found by name in ``FIELD_TYPES``.

Like Wagtail's ``FormBuilder`` (``create_<type>_field``), adding a type is one class here:
it says which designer options it has (``options``: names of option blocks in
``blocks.OPTION_BLOCKS``), how it checks its own settings at design time
(``check_spec``) and how it cleans one answer (``clean``, raising ``FieldError`` with an
Indonesian message). Cleaned values are JSON-ready (numbers, strings, booleans, lists),
so the same values are stored, served to mobile apps and read by formulas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

import filetype
import phonenumbers
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext_lazy as _

COMMON_OPTIONS = ("key", "label", "help_text", "required", "required_if", "show_if", "public", "carry_forward")
MAX_TABLE_ROWS = 500
#: File types an editor may allow; each is recognised by its content (``filetype``), never its name.
FILE_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "zip": "application/zip",
}
MAX_FILE_MB = 50


class FieldError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class CleanContext:
    """What cleaning may need beyond one value, loaded lazily once per validation."""

    _opd_ids: set[int] | None = field(default=None, repr=False)

    def opd_ids(self) -> set[int]:
        if self._opd_ids is None:
            from organizations.selectors import public_opds

            self._opd_ids = set(public_opds().values_list("pk", flat=True))
        return self._opd_ids


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def to_json_number(value: Decimal | int | float | None):
    """Decimal → int when whole, else float (what JSON and mobile apps read)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class FieldType:
    """Base class; subclasses set ``name``/``label`` and override what differs."""

    name: ClassVar[str]
    label: ClassVar[str]
    options: ClassVar[tuple[str, ...]] = ()
    takes_input: ClassVar[bool] = True  # False for headings, computed fields and containers
    container: ClassVar[bool] = False
    scorable: ClassVar[bool] = False  # may carry a weight

    def check_spec(self, spec: dict) -> list[str]:
        """Design-time problems with this field's settings (messages name the field)."""
        return []

    def clean(self, value: Any, spec: dict, ctx: CleanContext) -> Any:
        return value

    def score_value(self, value: Any, spec: dict) -> Decimal | None:
        """The number a weight multiplies (scorable types only)."""
        if value is None or isinstance(value, (list, dict, str)):
            return None
        return Decimal(str(value))


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


@register
class ShortText(_TextBase):
    name, label = "short_text", _("Teks singkat")
    options = ("min_length", "max_length", "pattern", "pattern_message")


@register
class LongText(_TextBase):
    name, label = "long_text", _("Teks panjang")
    options = ("min_length", "max_length")
    default_max_length = 20000


@register
class Email(FieldType):
    name, label = "email", _("Email")

    def clean(self, value, spec, ctx):
        text = str(value).strip()
        try:
            EmailValidator()(text)
        except DjangoValidationError:
            raise FieldError(_("Alamat email tidak valid.")) from None
        return text.lower()


@register
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


@register
class NIK(FieldType):
    name, label = "nik", _("NIK")

    def clean(self, value, spec, ctx):
        text = str(value).strip().replace(" ", "")
        if not re.fullmatch(r"[1-9][0-9]{15}", text):
            raise FieldError(_("NIK harus 16 digit angka."))
        return text


@register
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


@register
class Integer(_NumberBase):
    name, label = "integer", _("Bilangan bulat")
    integer = True


@register
class DecimalNumber(_NumberBase):
    name, label = "decimal", _("Bilangan desimal")
    options = ("min_value", "max_value", "decimals")


@register
class Rupiah(_NumberBase):
    name, label = "rupiah", _("Jumlah Rupiah")
    integer = True
    default_min = Decimal(0)


@register
class Percentage(_NumberBase):
    name, label = "percentage", _("Persentase")
    options = ("min_value", "max_value", "decimals")
    default_min, default_max = Decimal(0), Decimal(100)


@register
class Year(_NumberBase):
    name, label = "year", _("Tahun")
    integer = True
    scorable = False
    default_min, default_max = Decimal(1945), Decimal(2100)


@register
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


@register
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


# --- choices ----------------------------------------------------------------------------


class _ChoiceBase(FieldType):
    options = ("choices",)
    scorable = True

    def check_spec(self, spec):
        values = [c.get("value") for c in spec.get("choices") or []]
        if not values:
            return [_("Isian pilihan '%(key)s' belum punya pilihan.") % {"key": spec["key"]}]
        if len(values) != len(set(values)):
            return [_("Isian pilihan '%(key)s' punya nilai pilihan ganda.") % {"key": spec["key"]}]
        return []

    def _check_one(self, value, spec):
        allowed = {str(c["value"]) for c in spec.get("choices") or []}
        if not isinstance(value, (str, int)) or str(value) not in allowed:
            raise FieldError(_("Pilihan '%(v)s' tidak tersedia.") % {"v": str(value)[:50]})
        return str(value)

    def _score_of(self, value, spec):
        for c in spec.get("choices") or []:
            if str(c["value"]) == value and c.get("score") is not None:
                return Decimal(str(c["score"]))
        return None


@register
class SingleChoice(_ChoiceBase):
    name, label = "single_choice", _("Pilihan tunggal")

    def clean(self, value, spec, ctx):
        return self._check_one(value, spec)

    def score_value(self, value, spec):
        return None if value is None else self._score_of(value, spec)


@register
class MultipleChoice(_ChoiceBase):
    name, label = "multiple_choice", _("Pilihan ganda")
    options = ("choices", "min_choices", "max_choices")

    def clean(self, value, spec, ctx):
        if not isinstance(value, list):
            value = [value]
        chosen = [self._check_one(v, spec) for v in value]
        if len(chosen) != len(set(chosen)):
            raise FieldError(_("Pilihan tidak boleh berulang."))
        lo, hi = spec.get("min_choices"), spec.get("max_choices")
        if lo and len(chosen) < lo:
            raise FieldError(_("Pilih paling sedikit %(n)d.") % {"n": lo})
        if hi and len(chosen) > hi:
            raise FieldError(_("Pilih paling banyak %(n)d.") % {"n": hi})
        return chosen

    def score_value(self, value, spec):
        if not value:
            return None
        return sum((self._score_of(v, spec) or Decimal(0) for v in value), Decimal(0))


@register
class OPDChoice(FieldType):
    name, label = "opd_choice", _("Pilihan OPD")

    def clean(self, value, spec, ctx):
        try:
            opd_id = int(value)
        except (TypeError, ValueError):
            raise FieldError(_("Pilih OPD dari daftar.")) from None
        if opd_id not in ctx.opd_ids():
            raise FieldError(_("OPD tidak ditemukan atau tidak aktif."))
        return opd_id


# --- files ------------------------------------------------------------------------------


@register
class File(FieldType):
    """An upload: its type is read from its first bytes (``filetype``), never from its name.

    A file object (an upload) is sniffed; a dict ``{name, size, mime}`` is the metadata of a
    file already checked and stored by a service (submissions keep attachments apart).
    """

    name, label = "file", _("Unggah berkas")
    options = ("allowed_types", "max_size_mb")

    def check_spec(self, spec):
        unknown = set(spec.get("allowed_types") or []) - set(FILE_TYPES)
        if unknown:
            return [
                _("Jenis berkas tidak dikenal pada isian '%(key)s': %(t)s")
                % {"key": spec["key"], "t": ", ".join(sorted(unknown))}
            ]
        return []

    def _limits(self, spec):
        allowed = spec.get("allowed_types") or ["pdf"]
        max_mb = min(float(spec.get("max_size_mb") or 5), MAX_FILE_MB)
        return {FILE_TYPES[t] for t in allowed if t in FILE_TYPES}, int(max_mb * 1024 * 1024), allowed

    def clean(self, value, spec, ctx):
        mimes, max_bytes, allowed = self._limits(spec)
        if isinstance(value, dict):
            name, size, mime = str(value.get("name", ""))[:255], value.get("size"), value.get("mime")
            if not isinstance(size, int) or size < 0:
                raise FieldError(_("Data berkas tidak lengkap."))
        elif hasattr(value, "read") and hasattr(value, "size"):
            name, size = getattr(value, "name", "") or "", value.size
            if size > max_bytes:
                raise FieldError(_("Berkas terlalu besar (paling besar %(n)s MB).") % {"n": max_bytes // 1048576})
            value.seek(0)
            head = value.read(8192)
            value.seek(0)
            kind = filetype.guess(head)
            mime = kind.mime if kind else None
        else:
            raise FieldError(_("Unggah sebuah berkas."))
        if size > max_bytes:
            raise FieldError(_("Berkas terlalu besar (paling besar %(n)s MB).") % {"n": max_bytes // 1048576})
        if mime not in mimes:
            raise FieldError(_("Jenis berkas tidak diizinkan. Yang diizinkan: %(t)s.") % {"t": ", ".join(allowed)})
        return {"name": name, "size": size, "mime": mime}


# --- display, computed, containers ------------------------------------------------------


@register
class Heading(FieldType):
    name, label = "heading", _("Judul/teks bantuan")
    takes_input = False


@register
class Computed(FieldType):
    name, label = "computed", _("Isian terhitung (rumus)")
    options = ("formula", "decimals", "bands")
    takes_input = False
    scorable = True


@register
class Section(FieldType):
    name, label = "section", _("Bagian")
    options = ("display", "weight", "score", "bands", "fields")
    takes_input = False
    container = True


@register
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
