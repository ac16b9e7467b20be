"""Field kinds shared by the services' input contracts, with Indonesian messages."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

REQUIRED = _("Wajib diisi.")
#: Largest id a database integer column holds; bigger numbers are "not found", never a 500.
MAX_ID = 2**63 - 1
_ALLOWED_CONTROL = {"\n", "\r", "\t"}


class TextField(forms.CharField):
    """Text stripped of surrounding space, bounded, without control characters (NUL breaks
    PostgreSQL). Non-string input (a number, a list from JSON) is refused, not turned into text."""

    def __init__(self, *, max_length: int, min_length: int | None = None, min_message=None, **kwargs):
        messages = {
            "required": REQUIRED,
            "max_length": _("Paling banyak %(limit_value)s karakter."),
            "min_length": min_message or _("Paling sedikit %(limit_value)s karakter."),
        }
        kwargs.setdefault("required", True)
        super().__init__(max_length=max_length, min_length=min_length, error_messages=messages, **kwargs)

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise ValidationError(_("Harus berupa teks."), code="invalid")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if any(ord(ch) < 32 and ch not in _ALLOWED_CONTROL for ch in value or ""):
            raise ValidationError(_("Teks berisi karakter yang tidak diizinkan."), code="control_character")


class IdField(forms.IntegerField):
    """A record id: a positive whole number in the database's range (floats, huge or negative
    numbers and booleans are refused with the field's message)."""

    def __init__(self, *, invalid_message, **kwargs):
        messages = {"required": invalid_message, "invalid": invalid_message}
        super().__init__(min_value=1, max_value=MAX_ID, error_messages=messages, **kwargs)
        self.invalid_message = invalid_message

    def to_python(self, value):
        if isinstance(value, bool | float):
            raise ValidationError(self.invalid_message, code="invalid")
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(self.invalid_message, code="invalid") from None

    def validate(self, value):
        super().validate(value)

    def run_validators(self, value):
        try:
            super().run_validators(value)
        except ValidationError:
            raise ValidationError(self.invalid_message, code="invalid") from None


class LatitudeField(forms.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=Decimal(-90), max_value=Decimal(90), max_digits=9, decimal_places=6, **kwargs)


class LongitudeField(forms.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(min_value=Decimal(-180), max_value=Decimal(180), max_digits=10, decimal_places=6, **kwargs)


class MultiFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); their content is checked by the service."""

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultiFileField, self).clean(d, initial) for d in data]
        return super().clean(data, initial)


def validated(form_class: type[forms.Form], data: dict, **form_kwargs) -> dict:
    """The cleaned input, or one ``ValidationError`` with every field's messages."""
    form = form_class(data=data, **form_kwargs)
    if not form.is_valid():
        raise ValidationError({field: list(messages) for field, messages in form.errors.items()})
    return form.cleaned_data
