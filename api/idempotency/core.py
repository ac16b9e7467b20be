"""Idempotency-Keys for every door (REST, GraphQL, WBS): ``idempotent_run``.

Exactly one request per ``(scope, key)`` runs; a repeat gets the stored response
(finished, same fingerprint), 409 (still running) or 422 (different request). On
PostgreSQL the request and its stored response share one transaction: its first statement
takes an advisory lock on the key and INSERTs the in-flight row, its last UPDATEs that row
with the response. Elsewhere the key is claimed by INSERTing an in-flight row in a
transaction of its own (the unique ``(scope, key)`` constraint lets one request through),
then completed or released. Both paths are tested with real concurrent requests.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, connection, transaction
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


def stored_key(key: str) -> str:
    """What the database keeps of a key: its SHA-256, so a stored row cannot be replayed by
    whoever reads the table (a replay needs the key itself, which only its client has)."""
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


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


def _finished_or_raise(existing: IdempotencyKey, fingerprint: str) -> IdempotencyKey:
    if existing.fingerprint != fingerprint:
        raise IdempotencyKeyReused()
    if existing.state != IdempotencyKey.State.COMPLETED:
        raise IdempotencyConflict()
    return existing


def claim_key(*, scope: str, key: str, fingerprint: str) -> ClaimResult:
    """Claim ``key`` by INSERTing an in-flight row in a transaction of its own.

    The portable protocol (used where the database has no advisory locks, i.e. SQLite):
    returns ``ClaimResult(record, replay=False)`` when this request must run, or
    ``replay=True`` with the finished record. Raises ``IdempotencyKeyReused`` (422) or
    ``IdempotencyConflict`` (409). Prefer ``idempotent_run``, which picks the protocol.
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
        return ClaimResult(record=_finished_or_raise(existing, fingerprint), replay=True)
    raise IdempotencyConflict()


def _kept_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {name: str(headers[name]) for name in STORED_HEADERS if name in headers}


def complete_key(record: IdempotencyKey, *, status_code: int, body: bytes, headers: Mapping[str, str]) -> None:
    """Store the response of the request that claimed ``record``."""
    IdempotencyKey.objects.filter(pk=record.pk).update(
        state=IdempotencyKey.State.COMPLETED,
        response_status=status_code,
        response_body=bytes(body),
        response_headers=_kept_headers(headers),
        completed_at=timezone.now(),
    )


def release_key(record: IdempotencyKey) -> None:
    """Give the key back (the request failed): the client may retry with it."""
    IdempotencyKey.objects.filter(pk=record.pk, state=IdempotencyKey.State.IN_FLIGHT).delete()


@dataclass
class KeyedRun:
    """What ``idempotent_run`` yields: ``replay`` is the finished record to answer with
    (do not run the request), or ``None`` (run it, then ``store`` a successful response)."""

    replay: IdempotencyKey | None = None
    response: tuple[int, bytes, dict[str, str]] | None = None

    def store(self, *, status_code: int, body: bytes, headers: Mapping[str, str]) -> None:
        self.response = (status_code, bytes(body), _kept_headers(headers))


def _advisory_lock_id(scope: str, key: str) -> int:
    digest = hashlib.sha256(f"idempotency\0{scope}\0{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


_CLAIM_SQL = """
WITH lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(%(lock)s) AS taken),
claim AS (
    INSERT INTO {table} (scope, key, fingerprint, state, response_body, response_headers, created_at, expires_at)
    SELECT %(scope)s, %(key)s, %(fingerprint)s, %(in_flight)s, '\\x'::bytea, '{{}}'::jsonb, %(now)s, %(expires)s
    FROM lock WHERE taken
    ON CONFLICT (scope, key) DO UPDATE
        SET fingerprint = EXCLUDED.fingerprint, state = EXCLUDED.state, response_status = NULL,
            response_body = EXCLUDED.response_body, response_headers = EXCLUDED.response_headers,
            created_at = EXCLUDED.created_at, completed_at = NULL, expires_at = EXCLUDED.expires_at
        WHERE {table}.expires_at <= EXCLUDED.created_at
    RETURNING id
)
SELECT taken, (SELECT id FROM claim) FROM lock
"""


def _claim_under_lock(*, scope: str, key: str, fingerprint: str, now) -> tuple[bool, int | None]:
    """One round trip: take the key's advisory lock and, if taken, INSERT this request's in-flight
    row (or take over an expired one). Returns ``(lock taken, id of the claimed row or None)``.

    The lock is taken before the INSERT is tried (the INSERT reads the lock's row), so the
    INSERT never waits on a twin's uncommitted row: a twin holds the lock until it commits.
    With the lock taken and no row claimed, an unexpired row committed by an earlier request
    exists (ON CONFLICT sees committed rows whatever the statement's snapshot).
    """
    table = connection.ops.quote_name(IdempotencyKey._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            _CLAIM_SQL.format(table=table),
            {
                "lock": _advisory_lock_id(scope, key),
                "scope": scope,
                "key": key,
                "fingerprint": fingerprint,
                "in_flight": IdempotencyKey.State.IN_FLIGHT.value,
                "now": now,
                "expires": now + ttl(),
            },
        )
        taken, claimed = cursor.fetchone()
    return taken, claimed


@contextmanager
def _run_in_one_transaction(*, scope: str, key: str, fingerprint: str) -> Iterator[KeyedRun]:
    """PostgreSQL: the request and its stored response commit together, in one transaction.

    The first statement takes a transaction-scoped advisory lock on the key (a twin that
    cannot take it gets 409 at once) and, under it, INSERTs the in-flight row: one round trip
    before the work. A successful request UPDATEs that row with its response just before the
    commit; a request that stores nothing deletes it; an exception rolls it back with the
    work. A committed row found under the lock means "finished" (replay or 422).
    """
    with transaction.atomic():
        now = timezone.now()
        taken, claimed = _claim_under_lock(scope=scope, key=key, fingerprint=fingerprint, now=now)
        if not taken:
            raise IdempotencyConflict()
        if claimed is None:
            existing = IdempotencyKey.objects.filter(scope=scope, key=key).first()
            if existing is None:  # pruned in between (it had just expired): the client retries
                raise IdempotencyConflict()
            yield KeyedRun(replay=_finished_or_raise(existing, fingerprint))
            return
        run = KeyedRun()
        yield run
        if run.response is not None:
            status_code, body, headers = run.response
            IdempotencyKey.objects.filter(pk=claimed).update(
                state=IdempotencyKey.State.COMPLETED,
                response_status=status_code,
                response_body=body,
                response_headers=headers,
                completed_at=timezone.now(),
            )
        elif not transaction.get_rollback():
            IdempotencyKey.objects.filter(pk=claimed).delete()


@contextmanager
def _run_after_a_committed_claim(*, scope: str, key: str, fingerprint: str) -> Iterator[KeyedRun]:
    """Elsewhere (SQLite): claim with a committed in-flight row, run, then complete or release."""
    result = claim_key(scope=scope, key=key, fingerprint=fingerprint)
    if result.replay:
        yield KeyedRun(replay=result.record)
        return
    run = KeyedRun()
    try:
        yield run
    except BaseException:
        release_key(result.record)
        raise
    if run.response is None:
        release_key(result.record)
    else:
        status_code, body, headers = run.response
        complete_key(result.record, status_code=status_code, body=body, headers=headers)


def idempotent_run(*, scope: str, key: str, fingerprint: str) -> AbstractContextManager[KeyedRun]:
    """Run a request at most once per ``(scope, key)``; the one door-neutral entry point.

    ::

        with idempotent_run(scope=..., key=..., fingerprint=...) as run:
            if run.replay is not None:
                return <the stored response of run.replay>
            response = <do the work>
            if <success>:
                run.store(status_code=..., body=..., headers=...)

    Raises ``IdempotencyConflict`` (409: the same key is still running) or
    ``IdempotencyKeyReused`` (422: the key belongs to another request). An exception inside
    the block, or leaving it without ``store``, stores nothing: the client may retry with the
    key. Do not enter it inside an outer ``transaction.atomic`` block on SQLite (the claim
    would not be visible to other requests until that block commits).
    """
    key = stored_key(key)
    if connection.vendor == "postgresql":
        return _run_in_one_transaction(scope=scope, key=key, fingerprint=fingerprint)
    return _run_after_a_committed_claim(scope=scope, key=key, fingerprint=fingerprint)
