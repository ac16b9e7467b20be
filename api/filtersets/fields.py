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
