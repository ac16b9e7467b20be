"""A text model field stored encrypted (Fernet) and read back in clear by the ORM."""

from django.db import models

from .keyring import Keyring

#: Fernet tokens start with the version byte 0x80, "gAAAAA" in URL-safe base64.
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 (a format marker, not a secret)


class EncryptedTextField(models.TextField):
    """Encrypted at rest with the keyring of ``keys_setting`` (salt from ``purpose``).

    Not searchable or sortable in the database, by design. Values that are not tokens (rows
    written before the field was encrypted) are read as they are, until a data migration
    re-saves them.
    """

    def __init__(self, *args, keys_setting: str, purpose: str, **kwargs):
        self.keys_setting, self.purpose = keys_setting, purpose
        super().__init__(*args, **kwargs)

    @property
    def keyring(self) -> Keyring:
        return Keyring(setting=self.keys_setting, salt=b"sepakat-" + self.purpose.encode(), info=b"field-v1")

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(keys_setting=self.keys_setting, purpose=self.purpose)
        return name, path, args, kwargs

    def get_lookup(self, lookup_name):
        """Only ``isnull``: a ciphertext never equals an encrypted copy of the same text, so any
        other lookup would silently match nothing (a FieldError says so instead)."""
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None

    def from_db_value(self, value, expression, connection):
        if not value or not value.startswith(TOKEN_PREFIX):
            return value
        return self.keyring.decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return self.keyring.encrypt_text(value)
