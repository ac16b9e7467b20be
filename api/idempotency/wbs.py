"""Idempotency for WBS submissions (REST and GraphQL), on top of ``api.idempotency``.

A replayed submission must give the reporter the same receipt code, yet the code must never
be stored in clear. So the stored response holds the code *sealed* (Fernet) with a key
derived from the client's ``Idempotency-Key`` and ``SECRET_KEY``, and the key is recorded
only as an HMAC: the ``api.IdempotencyKey`` row alone (or with ``SECRET_KEY``) cannot give
the code back; only a client presenting the same key can. Claiming, 409 and 422 are ADR 0002's.
"""

import base64
import hashlib
import hmac
import json
from collections.abc import Callable

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from api.idempotency import (
    HEADER,
    IdempotencyKeyReused,
    idempotent_run,
    request_fingerprint,
    scope_for,
    validate_key,
)


def _stored_key(key: str) -> str:
    return "wbs:" + hmac.new(settings.SECRET_KEY.encode(), key.encode(), hashlib.sha256).hexdigest()


def _fernet(key: str) -> Fernet:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=settings.SECRET_KEY.encode(), info=b"wbs-idem-receipt")
    return Fernet(base64.urlsafe_b64encode(hkdf.derive(key.encode())))


def idempotent_submit(
    request, *, payload: dict, run: Callable[[], dict], operation: str = "wbs.submit", key: str | None = None
) -> tuple[dict, bool]:
    """Run ``run`` once per key; returns ``(body, replayed)``. ``body["receipt_code"]`` is sealed at rest."""
    key = key if key is not None else request.headers.get(HEADER)
    if not key:
        return run(), False
    user = getattr(request, "user", None)
    validate_key(key, anonymous=not (user is not None and user.is_authenticated))
    fingerprint = request_fingerprint(method="POST", path=operation, data=payload)
    with idempotent_run(scope=scope_for(user), key=_stored_key(key), fingerprint=fingerprint) as keyed:
        if keyed.replay is not None:
            body = json.loads(bytes(keyed.replay.response_body))
            try:
                body["receipt_code"] = _fernet(key).decrypt(body["receipt_code"].encode()).decode()
            except (InvalidToken, KeyError):
                raise IdempotencyKeyReused from None
            return body, True
        body = run()
        sealed = {**body, "receipt_code": _fernet(key).encrypt(body["receipt_code"].encode()).decode()}
        keyed.store(status_code=201, body=json.dumps(sealed).encode(), headers={"Content-Type": "application/json"})
    return body, False
