"""Phone numbers: one normal form (E.164) in, a masked form out.

Everything a person types (``0812-3456-7890``, ``+62 812 3456 7890``, ``62812…``) is parsed
with ``phonenumbers`` in region ID and stored as E.164. Logs, errors and admin lists only
ever show :func:`phone_mask` (all digits hidden but the last three).
"""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Numbers without a country code are read as Indonesian.
DEFAULT_REGION = "ID"
TEL_PREFIX = "tel:"


def phone_normalize(value: str, *, field: str | None = None) -> str:
    """Return ``value`` as E.164 (``+62812…``) or raise a ``ValidationError`` in plain words.

    ``field`` names the form/model field the error belongs to (``None``: a non-field error).
    """
    raw = (value or "").strip()
    if raw.lower().startswith(TEL_PREFIX):
        raw = raw[len(TEL_PREFIX) :].strip()
    digits = re.sub(r"\D", "", raw)
    if digits.startswith("62") and not raw.startswith(("+", "0")):
        raw = "+" + digits  # "62812…" typed without the plus
    message = _("Nomor telepon tidak valid. Tulis misalnya 0812-3456-7890 atau +62 812 3456 7890.")
    try:
        parsed = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is None or not phonenumbers.is_valid_number(parsed):
        raise ValidationError({field: message} if field else message, code="invalid_phone")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def phone_mask(value: str) -> str:
    """``+6281234567890`` -> ``•••••••••••890``: enough to recognise, not to dial."""
    digits = re.sub(r"\D", "", value or "")
    if not digits:
        return ""
    return "•" * max(len(digits) - 3, 0) + digits[-3:]


def phone_variants(e164: str) -> list[str]:
    """The ways a gateway may echo a number back (for scrubbing it out of error texts)."""
    if not e164:
        return []
    digits = e164.lstrip("+")
    variants = {e164, digits}
    if digits.startswith("62"):
        variants.add("0" + digits[2:])
        variants.add(digits[2:])
    return sorted(variants, key=len, reverse=True)


def phone_scrub(text: str, e164: str) -> str:
    """``text`` with every form of ``e164`` replaced by its mask (errors shown in the admin)."""
    for variant in phone_variants(e164):
        text = text.replace(variant, phone_mask(e164))
    return text


def phone_national_digits(e164: str) -> str:
    """``+6281234567890`` -> ``081234567890`` (some local SMS providers want this form)."""
    parsed = phonenumbers.parse(e164, DEFAULT_REGION)
    return re.sub(r"\D", "", phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL))
