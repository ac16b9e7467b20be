"""Receipt codes: a short public lookup id plus a high-entropy secret, hashed slowly.

A code reads like ``K7Q2M9XA-3F8P-TR2W-9ZKD-4HVN``: the first 8 characters are the lookup id
(40 bits, stored in clear so the report is found with one indexed query), the 16 after it
are the secret (80 bits), stored only as an scrypt hash with a per-record salt. Crockford's
base32 alphabet avoids the letters people misread (I, L, O, U); when reading a code we map
O→0 and I/L→1 and ignore spaces and dashes, so a code copied from paper still works.
"""

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LOOKUP_LEN = 8
SECRET_LEN = 16
_TRANSLATE = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})

#: scrypt cost: n=2**14, r=8 (16 MiB, tens of milliseconds): the usual interactive level.
SCRYPT_R = 8
SCRYPT_P = 1


def _scrypt_n() -> int:
    return settings.WBS_SCRYPT_N


@dataclass(frozen=True)
class Receipt:
    lookup_id: str
    secret: str

    @property
    def code(self) -> str:
        groups = [self.secret[i : i + 4] for i in range(0, SECRET_LEN, 4)]
        return "-".join([self.lookup_id, *groups])


def _random_chars(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def new_receipt() -> Receipt:
    return Receipt(lookup_id=_random_chars(LOOKUP_LEN), secret=_random_chars(SECRET_LEN))


def parse_code(code: str) -> Receipt | None:
    """The receipt a typed code stands for, or ``None`` when it cannot be one."""
    cleaned = (code or "").upper().translate(_TRANSLATE)
    if len(cleaned) != LOOKUP_LEN + SECRET_LEN or any(c not in ALPHABET for c in cleaned):
        return None
    return Receipt(lookup_id=cleaned[:LOOKUP_LEN], secret=cleaned[LOOKUP_LEN:])


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_secret(secret: str) -> str:
    n = _scrypt_n()
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_secret(secret: str, encoded: str) -> bool:
    try:
        algorithm, n, r, p, salt, expected = encoded.split("$")
        if algorithm != "scrypt":
            return False
        digest = hashlib.scrypt(secret.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(_b64(digest), expected)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_secret(_random_chars(SECRET_LEN))


def burn_time() -> None:
    """Spend one hash's time when there is no report, so timing does not tell ids apart."""
    verify_secret(_random_chars(SECRET_LEN), _dummy_hash())
