"""Values a replay must give back but the server must not keep in clear (a complaint's
secret): sealed with a key derived from the client's ``Idempotency-Key``.

The ``api.IdempotencyKey`` row holds the key only as a hash (``core.stored_key``) and the
value only as a Fernet token whose key is HKDF(Idempotency-Key, salt=SECRET_KEY): the row
alone, or the row with ``SECRET_KEY``, cannot open it; only a client presenting the same
Idempotency-Key can (ADR 0002).
"""

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from .core import IdempotencyKeyReused

#: HKDF ``info`` for a complaint's secret (REST and GraphQL submit).
COMPLAINT_SECRET = "complaint-secret"  # noqa: S105 - a label, not a secret


def _fernet(key: str, purpose: str) -> Fernet:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=settings.SECRET_KEY.encode(), info=purpose.encode())
    return Fernet(base64.urlsafe_b64encode(hkdf.derive(key.encode())))


def seal(value: str, *, key: str, purpose: str) -> str:
    return _fernet(key, purpose).encrypt(value.encode()).decode()


def unseal(token: str, *, key: str, purpose: str) -> str:
    """The sealed value; a token that does not open with this key is a reused key (422)."""
    try:
        return _fernet(key, purpose).decrypt(str(token).encode()).decode()
    except (InvalidToken, TypeError, ValueError):
        raise IdempotencyKeyReused from None
