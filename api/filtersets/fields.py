"""Filter kinds shared by the filtersets: an id is a positive whole number within BIGINT."""

import django_filters
from django import forms

#: Bounds so an absurd number is a 400 field error, never a database overflow.
MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class IdFilter(django_filters.NumberFilter):
    """``?parent=12``: whole numbers 1..2**63-1 only ("1.5", "-1e308", "9" * 30 are 400s)."""

    field_class = IdField


class StrictFilterSet(django_filters.FilterSet):
    """A filterset whose parameters are given once, not empty (free text may be), booleans only true/false.

    django-filter reads ``?kind=`` and ``?is_active=-1`` as "no filter"; the OpenAPI document says
    an enum and a boolean, so those are 400s here (the fuzzer holds us to the document).
    """

    def _strict_errors(self) -> dict[str, list]:
        from django.utils.translation import gettext as _

        errors: dict[str, list] = {}
        data = self.data
        if data is None:
            return errors
        for name, filter_ in self.filters.items():
            if name not in data:
                continue
            values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
            if len(values) > 1:
                errors[name] = [_("Berikan parameter ini satu kali saja.")]
            elif values[0] in ("", None) and not isinstance(filter_, django_filters.CharFilter):
                errors[name] = [_("Isian ini tidak boleh kosong.")]
            elif isinstance(filter_, django_filters.BooleanFilter) and values[0] not in (True, False, "true", "false"):
                errors[name] = [_("Isi true atau false.")]
        return errors

    def is_valid(self) -> bool:
        valid = super().is_valid()
        errors = self._strict_errors()
        for name, messages in errors.items():
            if name not in self.form.errors:
                self.form.add_error(name, messages)
        return valid and not errors
