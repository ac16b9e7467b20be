"""Phone numbers in E.164 (``+62812…``), parsed with the Indonesian region as default."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def phone_e164(raw: str, *, region: str = "ID") -> str:
    """``0812-3456-7890`` → ``+6281234567890``; a clear error for a number that is not valid."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError({"phone": _("Nomor telepon “%(phone)s” tidak valid.") % {"phone": raw}})
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
