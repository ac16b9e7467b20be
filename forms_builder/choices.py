"""Choice field types: single, multiple, and a choice of OPD."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from .field_base import FieldError, FieldType


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


class SingleChoice(_ChoiceBase):
    name, label = "single_choice", _("Pilihan tunggal")

    def clean(self, value, spec, ctx):
        return self._check_one(value, spec)

    def score_value(self, value, spec):
        return None if value is None else self._score_of(value, spec)


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
