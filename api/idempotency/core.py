"""Claiming, completing and releasing Idempotency-Keys (shared by REST, GraphQL, Open311).

A key is claimed by INSERTing its row in a transaction of its own: the unique
``(scope, key)`` constraint lets exactly one concurrent request through; the others see
the row and get a replay (finished, same fingerprint), 409 (still running) or 422
(different request). Call ``claim_key`` outside any outer ``transaction.atomic`` block,
or the claim is invisible to other requests until that block commits.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status

from api.models import IdempotencyKey

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
MIN_ANONYMOUS_KEY_LENGTH = 16

#: Response headers stored with the response and sent again on a replay.
STORED_HEADERS = ("Content-Type", "Location", "ETag", "Last-Modified")


class IdempotencyConflict(exceptions.APIException):
    """The first request with this key is still running (409)."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Permintaan dengan Idempotency-Key yang sama masih diproses. Coba lagi sebentar lagi.")
    default_code = "idempotency_conflict"


class IdempotencyKeyReused(exceptions.APIException):
    """The key was used for a different request (422)."""

    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("Idempotency-Key ini sudah dipakai untuk permintaan lain dengan isi yang berbeda.")
    default_code = "idempotency_key_reused"


@dataclass(frozen=True)
class ClaimResult:
    record: IdempotencyKey
    replay: bool


def ttl() -> timedelta:
    return timedelta(hours=settings.IDEMPOTENCY_KEY_TTL_HOURS)


def scope_for(user: Any) -> str:
    """``user:<id>`` for a signed-in user, ``anon`` otherwise (never an address)."""
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return "anon"


def validate_key(key: str, *, anonymous: bool) -> str:
    """Check the header value; raises a 400 with the error on ``Idempotency-Key``."""
    message = None
    if not key or len(key) > MAX_KEY_LENGTH or not all(32 < ord(c) < 127 for c in key):
        message = _("Idempotency-Key harus 1–255 karakter ASCII yang terlihat (tanpa spasi).")
    elif anonymous and len(key) < MIN_ANONYMOUS_KEY_LENGTH:
        message = _("Tanpa login, Idempotency-Key paling sedikit 16 karakter (pakai UUID).")
    if message is not None:
        raise exceptions.ValidationError({HEADER: [message]})
    return key


def _canonical(value: Any) -> Any:
    if isinstance(value, MultiValueDict):
        return {str(k): [_canonical(v) for v in value.getlist(k)] for k in sorted(value.keys())}
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, File):
        digest = hashlib.sha256()
        value.seek(0)
        for chunk in value.chunks():
            digest.update(chunk)
        value.seek(0)
        return {"file": value.name, "size": value.size, "sha256": digest.hexdigest()}
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def request_fingerprint(*, method: str, path: str, data: Any) -> str:
    """SHA-256 of the method, the path and the canonical data (key order ignored, files by content)."""
    canonical = {"method": method.upper(), "path": path, "data": _canonical(data)}
    blob = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def claim_key(*, scope: str, key: str, fingerprint: str) -> ClaimResult:
    """Claim ``key`` for this request, or tell how to answer a repeat.

    Returns ``ClaimResult(record, replay=False)`` when this request must run, or
    ``replay=True`` with the finished record. Raises ``IdempotencyKeyReused`` (422) or
    ``IdempotencyConflict`` (409).
    """
    for _attempt in range(3):
        now = timezone.now()
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    scope=scope, key=key, fingerprint=fingerprint, created_at=now, expires_at=now + ttl()
                )
            return ClaimResult(record=record, replay=False)
        except IntegrityError:
            existing = IdempotencyKey.objects.filter(scope=scope, key=key).first()
        if existing is None:
            continue  # released in between: try to claim again
        if existing.expires_at <= now:
            IdempotencyKey.objects.filter(pk=existing.pk, expires_at__lte=now).delete()
            continue
        if existing.fingerprint != fingerprint:
            raise IdempotencyKeyReused()
        if existing.state != IdempotencyKey.State.COMPLETED:
            raise IdempotencyConflict()
        return ClaimResult(record=existing, replay=True)
    raise IdempotencyConflict()


def complete_key(record: IdempotencyKey, *, status_code: int, body: bytes, headers: Mapping[str, str]) -> None:
    """Store the response of the request that claimed ``record``."""
    kept = {name: str(headers[name]) for name in STORED_HEADERS if name in headers}
    IdempotencyKey.objects.filter(pk=record.pk).update(
        state=IdempotencyKey.State.COMPLETED,
        response_status=status_code,
        response_body=bytes(body),
        response_headers=kept,
        completed_at=timezone.now(),
    )


def release_key(record: IdempotencyKey) -> None:
    """Give the key back (the request failed): the client may retry with it."""
    IdempotencyKey.objects.filter(pk=record.pk, state=IdempotencyKey.State.IN_FLIGHT).delete()
