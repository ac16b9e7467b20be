"""Fernet keyrings read from settings; the one encryption helper for personal data at rest."""

import base64
import json
from dataclasses import dataclass

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


class DecryptionError(ValueError):
    """A token the configured keys cannot open (a lost or rotated-away key)."""


@dataclass(frozen=True)
class Keyring:
    setting: str  # name of the settings list of Fernet keys, newest first
    salt: bytes  # for the key derived from SECRET_KEY when none is configured
    info: bytes

    def configured_keys(self) -> list[str]:
        return [k for k in getattr(settings, self.setting) if k]

    def _derived_key(self) -> bytes:
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=self.salt, info=self.info)
        return base64.urlsafe_b64encode(hkdf.derive(settings.SECRET_KEY.encode()))

    def _fernet(self) -> MultiFernet:
        keys = self.configured_keys() or [self._derived_key()]
        return MultiFernet([Fernet(k) for k in keys])

    def encrypt_bytes(self, data: bytes) -> bytes:
        return self._fernet().encrypt(data)

    def decrypt_bytes(self, token: bytes) -> bytes:
        try:
            return self._fernet().decrypt(token)
        except InvalidToken as exc:
            raise DecryptionError("cannot be decrypted with the configured keys") from exc

    def encrypt_text(self, text: str) -> str:
        return self.encrypt_bytes(text.encode()).decode("ascii")

    def decrypt_text(self, token: str) -> str:
        return self.decrypt_bytes(token.encode("ascii")).decode()

    def encrypt_json(self, data) -> str:
        return self.encrypt_text(json.dumps(data, ensure_ascii=False))

    def decrypt_json(self, token: str):
        return json.loads(self.decrypt_text(token))
