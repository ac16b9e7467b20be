"""Input contracts of the complaint services: small Django forms validated once, and the
field kinds they share (strict text, coordinates, choices with an Indonesian empty label).

Every door (admin, public pages, REST, GraphQL, Open311) hands raw input to a contract;
bad input becomes field errors (``ValidationError`` keyed by field), never a 500.
"""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REQUIRED = _("Wajib diisi.")
MAX_MESSAGE = 5_000


class StrictTextField(forms.CharField):
    """Text only: a JSON number, list or object is a field error (not its ``str()``)."""

    default_error_messages = {
        "required": REQUIRED,
        "not_text": _("Harus berupa teks."),
        "max_length": _("Paling banyak %(limit_value)s karakter."),
    }

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise ValidationError(self.error_messages["not_text"], code="not_text")
        return super().to_python(value)


def text(*, max_length: int, required: bool = False, label=None, **kwargs) -> StrictTextField:
    return StrictTextField(label=label, max_length=max_length, required=required, strip=True, **kwargs)


class CoordinateField(forms.Field):
    """A latitude/longitude in degrees, six decimals, inside ``±bound``."""

    default_error_messages = {
        "invalid": _("Koordinat tidak valid."),
        "range": _("Koordinat di luar jangkauan."),
    }

    def __init__(self, *, bound: int, **kwargs):
        self.bound = bound
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            number = Decimal(str(value)).quantize(Decimal("0.000001"))
        except (InvalidOperation, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not number.is_finite() or not -self.bound <= number <= self.bound:
            raise ValidationError(self.error_messages["range"], code="range")
        return number


class ChoiceField(forms.ChoiceField):
    """A choice with an Indonesian empty label ("Pilih …") instead of "---------"."""

    default_error_messages = {"required": REQUIRED, "invalid_choice": _("Pilihan tidak dikenal.")}

    def __init__(self, *, choices, required: bool = False, empty_label=None, **kwargs):
        empty = [("", empty_label or _("Pilih …"))]
        super().__init__(choices=[*empty, *choices], required=required, **kwargs)

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""})
        return super().to_python(value)


def errors_of(form: forms.Form) -> dict[str, list[str]]:
    """A bound form's errors as ``{field: [message, …]}`` (``__all__`` for form-wide ones)."""
    return {field: [str(m) for m in messages] for field, messages in form.errors.items()}


def clean(form_class: type[forms.Form], data, **kwargs) -> dict:
    """Validate ``data`` (a mapping from any door) with ``form_class``; field errors or the cleaned data."""
    if data is None:
        data = {}
    if not isinstance(data, Mapping):
        raise ValidationError({"__all__": [_("Data harus berupa objek.")]})
    form = form_class(data=data, **kwargs)
    if not form.is_valid():
        raise ValidationError(errors_of(form))
    return form.cleaned_data
