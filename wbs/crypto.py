"""Encryption at rest of WBS reporters' identities and evidence (``atrest.Keyring``).

Keys come from ``settings.WBS_IDENTITY_KEYS`` (environment ``WBS_IDENTITY_KEYS``: a comma-
separated list of Fernet keys, newest first, so keys can rotate with ``MultiFernet``). The
embedded setup with no key derives one from ``SECRET_KEY``; the system check ``wbs.W001``
warns about that outside DEBUG.
"""

from atrest.keyring import DecryptionError, Keyring

IDENTITY = Keyring(setting="WBS_IDENTITY_KEYS", salt=b"sepakat-wbs", info=b"identity-v1")
EVIDENCE = Keyring(setting="WBS_IDENTITY_KEYS", salt=b"sepakat-wbs", info=b"evidence-v1")


def configured_keys() -> list[str]:
    return IDENTITY.configured_keys()


def encrypt_identity(data: dict[str, str]) -> str:
    return IDENTITY.encrypt_json(data)


def decrypt_identity(token: str) -> dict[str, str]:
    try:
        return IDENTITY.decrypt_json(token)
    except DecryptionError as exc:  # a lost or rotated-away key: say so, do not crash the door
        raise ValueError("identity cannot be decrypted with the configured keys") from exc


def encrypt_evidence(data: bytes) -> bytes:
    return EVIDENCE.encrypt_bytes(data)


def decrypt_evidence(token: bytes) -> bytes:
    return EVIDENCE.decrypt_bytes(token)
