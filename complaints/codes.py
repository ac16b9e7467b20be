"""Tracking codes and reporter secrets.

The code (``ADU-7K3M-Q9XP``) is human-friendly (no 0/O/1/I/L) and random (about 40 bits);
the secret (four groups of four, about 80 bits) is shown once and stored only as a keyed
hash (HMAC-SHA256 with a key derived from SECRET_KEY). A slow password hash is not needed
for an 80-bit random secret and would cost the submission throughput (ADR 0006).
"""

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
PREFIX = "ADU"


def _random(n: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(n))


def new_tracking_code() -> str:
    return f"{PREFIX}-{_random(4)}-{_random(4)}"


def new_secret() -> str:
    return "-".join(_random(4) for _ in range(4))


def normalize(value: str) -> str:
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


def normalize_code(value: str) -> str:
    raw = normalize(value)
    if raw.startswith(PREFIX):
        raw = raw[len(PREFIX) :]
    return f"{PREFIX}-{raw[:4]}-{raw[4:8]}" if len(raw) == 8 else ""


def _key() -> bytes:
    return hashlib.sha256(f"sepakat-complaint-secret:{settings.SECRET_KEY}".encode()).digest()


def hash_secret(secret: str) -> str:
    return hmac.new(_key(), normalize(secret).encode(), hashlib.sha256).hexdigest()


def secret_matches(secret: str, stored_hash: str) -> bool:
    return bool(secret) and hmac.compare_digest(hash_secret(secret), stored_hash)
