"""HMAC of each audit event, computed by the application when it writes the event.

The key is held by the application (``AUDIT_HMAC_KEY``), never by the database, so whoever can
write the tables but does not hold the key cannot make an event that sealing accepts, and a
history row inserted with raw SQL has no event that covers it (``audit.integrity``).

The HMAC covers the event's canonical ``payload``: its columns plus the digest of its source row
(the history row and its m2m rows, the log entry, the read row). Each event stores the id of the
key that signed it (``hmac_key_id``), so keys rotate: set a new ``AUDIT_HMAC_KEY`` and
``AUDIT_HMAC_KEY_ID`` and keep the old key under its id in ``AUDIT_HMAC_OLD_KEYS`` for as long as
events signed with it must verify (forever, in practice). See docs/adr/0003-audit-trail.md.
"""

import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _derived_key() -> bytes:
    """The embedded/dev/test key, derived from SECRET_KEY (production requires AUDIT_HMAC_KEY)."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"sepakat-audit", info=b"event-hmac-v1")
    return hkdf.derive(settings.SECRET_KEY.encode())


def current_key() -> tuple[str, bytes]:
    key = settings.AUDIT_HMAC_KEY
    return settings.AUDIT_HMAC_KEY_ID, (key.encode() if key else _derived_key())


def key_for(key_id: str | None) -> bytes | None:
    """The key with this id (the current one or a retired one), or None if unknown."""
    current_id, current = current_key()
    if key_id == current_id:
        return current
    old = settings.AUDIT_HMAC_OLD_KEYS.get(key_id or "")
    return old.encode() if old else None


def _mac(key: bytes, key_id: str, payload: str) -> str:
    return hmac.new(key, f"{key_id}|{payload}".encode(), hashlib.sha256).hexdigest()


def sign(payload: str) -> tuple[str, str]:
    """(key id, hex HMAC) of an event's payload with the current key."""
    key_id, key = current_key()
    return key_id, _mac(key, key_id, payload)


def signature_valid(*, payload: str, key_id: str | None, mac: str | None) -> bool:
    if not mac or not key_id:
        return False
    key = key_for(key_id)
    return key is not None and hmac.compare_digest(_mac(key, key_id, payload), mac)
