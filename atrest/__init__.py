"""Encryption at rest of personal data (reporters' identities, WBS evidence): one helper.

``Keyring(setting=..., salt=..., info=...)`` encrypts with Fernet (``cryptography``) under the keys
of one setting (a list of Fernet keys, newest first, so keys rotate with ``MultiFernet``); with
no key configured it derives one from ``SECRET_KEY`` (embedded setup; each domain's system check
warns in production). ``EncryptedTextField`` stores a model field encrypted with such a keyring.

A neutral package: it imports nothing of ours, so complaints and WBS share it without importing
each other (DESIGN.md import rules).
"""
