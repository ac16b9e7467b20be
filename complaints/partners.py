"""Partner apps (Open311 ``api_key``): keys are random and stored only as SHA-256."""

import hashlib
import secrets

from .models import Open311Key


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def open311_key_create(*, name: str) -> tuple[Open311Key, str]:
    """Create a partner key; the clear key is returned once."""
    key = secrets.token_urlsafe(32)
    return Open311Key.objects.create(name=name, key_hash=_hash(key)), key


def open311_key_check(*, key: str) -> Open311Key | None:
    if not key:
        return None
    return Open311Key.objects.filter(key_hash=_hash(key), is_active=True).first()
