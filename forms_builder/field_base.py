"""The base of every field type: the class, its errors and what cleaning may need."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

COMMON_OPTIONS = ("key", "label", "help_text", "required", "required_if", "show_if", "public", "carry_forward")
MAX_TABLE_ROWS = 500


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
