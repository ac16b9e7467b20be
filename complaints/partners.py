"""Partner apps (Open311 ``api_key``): keys are random and stored only as SHA-256.

The clear key is returned once by ``open311_key_create`` (shown once on the admin screen or
printed once by ``manage.py open311_key create``); keys are deactivated, never deleted, so
the audit trail keeps who had access when.
"""

import hashlib
import secrets

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from audit.actors import Door, acting_as

from .errors import ValidationError
from .models import Open311Key


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _as(actor, door: str, reason: str = ""):
    if actor is None:
        return acting_as("command:open311_key", door=door, reason=reason)
    return acting_as(f"user:{actor.get_username()}", door=door, user=actor, reason=reason)


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": [_("Wajib diisi.")]})
    if len(name) > 120:
        raise ValidationError({"name": [_("Paling banyak %(n)s karakter.") % {"n": 120}]})
    return name


def open311_key_create(*, name: str, actor=None, door: str = Door.COMMAND) -> tuple[Open311Key, str]:
    """Create a partner key; the clear key is returned once and never stored."""
    name = _name(name)
    key = secrets.token_urlsafe(32)
    with _as(actor, door, reason=f"kunci Open311 dibuat: {name}"), transaction.atomic():
        return Open311Key.objects.create(name=name, key_hash=_hash(key)), key


def open311_key_update(*, key: Open311Key, actor=None, door: str = Door.ADMIN, name=None, is_active=None) -> Open311Key:
    """Rename, deactivate (revoke) or reactivate a key."""
    fields = []
    if name is not None and _name(name) != key.name:
        key.name, fields = _name(name), [*fields, "name"]
    if is_active is not None and bool(is_active) != key.is_active:
        key.is_active, fields = bool(is_active), [*fields, "is_active"]
    if fields:
        reason = "kunci Open311 dicabut" if "is_active" in fields and not key.is_active else "kunci Open311 diubah"
        with _as(actor, door, reason=reason), transaction.atomic():
            key.save(update_fields=fields)
    return key


def open311_key_revoke(*, key: Open311Key, actor=None, door: str = Door.COMMAND) -> Open311Key:
    return open311_key_update(key=key, actor=actor, door=door, is_active=False)


def open311_key_check(*, key: str) -> Open311Key | None:
    if not key:
        return None
    return Open311Key.objects.filter(key_hash=_hash(key), is_active=True).first()
