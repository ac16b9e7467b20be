"""Encryption at rest of reporters' identities (``cryptography``'s Fernet).

Keys come from ``settings.WBS_IDENTITY_KEYS`` (environment ``WBS_IDENTITY_KEYS``: a comma-
separated list of Fernet keys, newest first, so keys can rotate with ``MultiFernet``). The
embedded setup with no key derives one from ``SECRET_KEY``; the system check ``wbs.W001``
warns about that outside DEBUG.
"""

import base64
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def configured_keys() -> list[str]:
    return [k for k in settings.WBS_IDENTITY_KEYS if k]


def _derived_key() -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"sepakat-wbs", info=b"identity-v1")
    return base64.urlsafe_b64encode(hkdf.derive(settings.SECRET_KEY.encode()))


def _fernet() -> MultiFernet:
    keys = configured_keys() or [_derived_key()]
    return MultiFernet([Fernet(k) for k in keys])


def encrypt_identity(data: dict[str, str]) -> str:
    return _fernet().encrypt(json.dumps(data, ensure_ascii=False).encode()).decode("ascii")


def decrypt_identity(token: str) -> dict[str, str]:
    try:
        return json.loads(_fernet().decrypt(token.encode("ascii")))
    except InvalidToken as exc:  # a lost or rotated-away key: say so, do not crash the door
        raise ValueError("identity cannot be decrypted with the configured keys") from exc
