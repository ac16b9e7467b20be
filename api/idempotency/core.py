"""Idempotency-Keys for every door (REST, GraphQL, WBS): ``idempotent_run``.

Exactly one request per ``(scope, key)`` runs; a repeat gets the stored response
(finished, same fingerprint), 409 (still running) or 422 (different request). On
PostgreSQL the request and its stored response share one transaction: its first statement
takes an advisory lock on the key and reads the key's row, its last INSERTs the row with the
response. Elsewhere the key is claimed by INSERTing an in-flight row in a
transaction of its own (the unique ``(scope, key)`` constraint lets one request through),
then completed or released. Both paths are tested with real concurrent requests.
"""

from __future__ import annotations

import functools
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


def _finished_or_raise(existing: Any, fingerprint: str) -> Any:
    """``existing`` (a row of the key, or what was read of it) if its request finished with
    this fingerprint; raises 422 for another request, 409 for one still running."""
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


_LOCK_AND_LOOK_SQL = """
WITH lock AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(%(lock)s) AS taken)
SELECT lock.taken, k.id, k.fingerprint, k.state
FROM lock LEFT JOIN {table} k ON lock.taken AND k.scope = %(scope)s AND k.key = %(key)s AND k.expires_at > %(now)s
"""

_STORE_SQL = """
INSERT INTO {table} AS k
    (scope, key, fingerprint, state, response_status, response_body, response_headers,
     created_at, completed_at, expires_at)
VALUES (%(scope)s, %(key)s, %(fingerprint)s, %(completed)s, %(status)s, %(body)s, %(headers)s::jsonb,
        %(now)s, %(now)s, %(expires)s)
ON CONFLICT (scope, key) DO UPDATE
    SET fingerprint = EXCLUDED.fingerprint, state = EXCLUDED.state,
        response_status = EXCLUDED.response_status, response_body = EXCLUDED.response_body,
        response_headers = EXCLUDED.response_headers, created_at = EXCLUDED.created_at,
        completed_at = EXCLUDED.completed_at, expires_at = EXCLUDED.expires_at
    WHERE k.expires_at <= EXCLUDED.created_at
RETURNING k.id
"""


@functools.cache
def _sql(template: str) -> str:
    """``template`` with the key table's quoted name (formatted once per process)."""
    return template.format(table=connection.ops.quote_name(IdempotencyKey._meta.db_table))


@dataclass(frozen=True)
class _Found:
    """What the lock-and-look statement saw of a live row for the key."""

    pk: int
    fingerprint: str
    state: str


def _lock_and_look(*, scope: str, key: str, now) -> tuple[bool, _Found | None]:
    """One round trip: take the key's transaction-scoped advisory lock and, if taken, read the
    unexpired row of the key (a finished request's). Returns ``(lock taken, the row or None)``.

    The statement's snapshot is taken before the lock, so a twin that committed in between is
    not seen here; ``_store`` catches that case (see there).
    """
    with connection.cursor() as cursor:
        cursor.execute(
            _sql(_LOCK_AND_LOOK_SQL),
            {"lock": _advisory_lock_id(scope, key), "scope": scope, "key": key, "now": now},
        )
        taken, pk, fingerprint, state = cursor.fetchone()
    return taken, (None if pk is None else _Found(pk=pk, fingerprint=fingerprint, state=state))


def _store(*, scope: str, key: str, fingerprint: str, response: tuple[int, bytes, dict[str, str]]) -> bool:
    """INSERT the finished request's row (or take over an expired one), in the request's own
    transaction; ``False`` when an unexpired row is already there. That happens only when a
    twin committed between this request's lock-and-look snapshot and its lock: ON CONFLICT
    sees committed rows whatever the snapshot, so the twin's answer is kept, never overwritten."""
    status_code, body, headers = response
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            _sql(_STORE_SQL),
            {
                "scope": scope,
                "key": key,
                "fingerprint": fingerprint,
                "completed": IdempotencyKey.State.COMPLETED.value,
                "status": status_code,
                "body": body,
                "headers": json.dumps(headers),
                "now": now,
                "expires": now + ttl(),
            },
        )
        return cursor.fetchone() is not None


@contextmanager
def _run_in_one_transaction(*, scope: str, key: str, fingerprint: str) -> Iterator[KeyedRun]:
    """PostgreSQL: the request and its stored response commit together, in one transaction,
    and the key's row is written once.

    The first statement takes a transaction-scoped advisory lock on the key (a twin that
    cannot take it gets 409 at once) and reads the key's unexpired row: one round trip before
    the work. A row found means "finished" (replay or 422). A successful request INSERTs its
    row with the response just before the commit; a request that stores nothing leaves no
    row; an exception rolls back with the work. If the INSERT meets a row a twin committed in
    the instant before this request took the lock, the work is rolled back and the client is
    told to retry (409), which replays the twin's answer.
    """
    with transaction.atomic():
        taken, found = _lock_and_look(scope=scope, key=key, now=timezone.now())
        if not taken:
            raise IdempotencyConflict()
        if found is not None:
            _finished_or_raise(found, fingerprint)
            record = IdempotencyKey.objects.filter(pk=found.pk).first()
            if record is None:  # pruned in between (it expired that instant): the client retries
                raise IdempotencyConflict()
            yield KeyedRun(replay=record)
            return
        run = KeyedRun()
        yield run
        if run.response is not None and not _store(
            scope=scope, key=key, fingerprint=fingerprint, response=run.response
        ):
            raise IdempotencyConflict()


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
