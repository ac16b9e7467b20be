"""The tamper-evident hash chain over every audit event.

Each ``AuditEvent`` carries a canonical JSON ``payload`` (its own columns plus the SHA-256
digest of its source row: the history row, the Wagtail log entry, the read-log row).
Sealing gives it the next ``seq`` and ``hash = sha256(prev_hash | seq | payload)``.

Events are inserted unsealed, with their HMAC (``audit.signing``), inside the writer's own
transaction (so an event exists exactly when its change committed). The writer then only
queues a seal job (django-q2, debounced through the cache: a burst of writes queues one job;
a schedule runs it every minute too). The job seals batches in a short transaction that
locks the one ``ChainHead`` row (``SELECT ... FOR UPDATE``; SQLite's IMMEDIATE transactions
serialise the same way). Requests therefore never take the chain lock, concurrent sealers
cannot fork the chain, and sealing refuses events whose HMAC does not verify.
"""

import datetime as dt
import decimal
import hashlib
import json
import logging
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from .models import AuditEvent, ChainHead, RefusedEvent
from .signing import sign, signature_valid

logger = logging.getLogger("sepakat.audit")

GENESIS = "0" * 64
REFUSED_PROBLEM = "HMAC tidak sah: peristiwa tidak ditulis oleh aplikasi"
SEAL_BATCH = 500

#: The event columns that go into the payload, in this order of meaning.
PAYLOAD_COLUMNS = (
    "source",
    "source_id",
    "action",
    "model",
    "object_id",
    "object_repr",
    "occurred_at",
    "door",
    "actor",
    "user_id",
    "opd_id",
    "changed_fields",
    "reason",
)


def _default(value):
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, set | frozenset):
        return sorted(value)
    return str(value)


def canonical_json(data) -> str:
    """Sorted keys, no whitespace, UTF-8 text: the same data gives the same bytes."""
    return json.dumps(data, default=_default, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def row_digest(values: dict) -> str:
    """Digest of a source row as read back from the database (``QuerySet.values()``)."""
    return digest(canonical_json(values))


def event_payload(event: AuditEvent, source_digest: str) -> str:
    data = {name: getattr(event, name) for name in PAYLOAD_COLUMNS}
    data["source_digest"] = source_digest
    return canonical_json(data)


def link_hash(prev_hash: str, seq: int, payload: str) -> str:
    return digest(f"{prev_hash}|{seq}|{payload}")


def source_digest_of(event: AuditEvent) -> str:
    try:
        return json.loads(event.payload).get("source_digest", "")
    except (TypeError, ValueError):
        return ""


def append_event(*, source_digest: str, **columns) -> AuditEvent:
    """Insert an unsealed, HMAC-signed event in the current transaction; sealed after commit."""
    event = AuditEvent(**columns)
    event.payload = event_payload(event, source_digest)
    event.hmac_key_id, event.hmac = sign(event.payload)
    event.save(force_insert=True)
    _schedule_seal()
    return event


def append_events(rows: Sequence[tuple[str, dict]]) -> list[AuditEvent]:
    """``append_event`` for many ``(source_digest, columns)`` at once: one INSERT, in this order."""
    events = []
    for source_digest, columns in rows:
        event = AuditEvent(**columns)
        event.payload = event_payload(event, source_digest)
        event.hmac_key_id, event.hmac = sign(event.payload)
        events.append(event)
    if events:
        AuditEvent.objects.bulk_create(events)  # audit: bulk-ok (the events themselves)
        _schedule_seal()
    return events


SEAL_QUEUED_KEY = "audit:seal-queued"
SEAL_TASK = "audit.tasks.seal_chain_job"


def _schedule_seal() -> None:
    """One enqueue callback per transaction, however many events it writes."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is enqueue_seal for entry in connection.run_on_commit):
        return
    transaction.on_commit(enqueue_seal, robust=True)


def enqueue_seal() -> None:
    """After a commit: queue one seal job unless one is already queued (debounced by the cache).

    The request takes no lock and reads no chain row: the seal job (django-q2) does the sealing
    in batches, and a scheduled run every minute covers a lost enqueue or an expired key.
    ``save=False``: a seal that succeeds keeps no django-q2 result row (the chain head is the
    record, and the scheduled run's results are kept); a failed one is kept.
    """
    from django_q.tasks import async_task

    if cache.add(SEAL_QUEUED_KEY, 1, timeout=settings.AUDIT_SEAL_DEBOUNCE_SECONDS):
        async_task(SEAL_TASK, task_name="audit.seal_chain", group="audit", save=False)


def seal_job() -> int:
    """The seal job's body: clear the debounce key first, so a commit from now on queues again."""

    cache.delete(SEAL_QUEUED_KEY)
    return seal_pending()


def _head_for_update() -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:  # the first seal of an installation
        ChainHead.objects.get_or_create(pk=1)
        head = ChainHead.objects.select_for_update().get(pk=1)
    return head


def unsealed_events():
    """Committed events waiting for their seal (refused ones excluded), oldest id first."""
    return (
        AuditEvent.objects.filter(seq__isnull=True)
        .exclude(pk__in=RefusedEvent.objects.values("event_id"))
        .order_by("id")
    )


def _refuse_forged(batch: list[AuditEvent]) -> list[AuditEvent]:
    """Keep the events whose HMAC verifies; flag the others (``RefusedEvent``) and log them."""
    good = []
    for event in batch:
        if signature_valid(payload=event.payload, key_id=event.hmac_key_id, mac=event.hmac):
            good.append(event)
            continue
        RefusedEvent.objects.get_or_create(event_id=event.pk, defaults={"problem": REFUSED_PROBLEM})
        logger.error("AUDIT EVENT REFUSED: event id %s (%s) has no valid HMAC", event.pk, event.model)
    return good


def _links_write(batch: list[AuditEvent]) -> None:
    """Store each event's link: one parameterised UPDATE per event, sent together (``executemany``;
    psycopg pipelines them). Django's ``bulk_update`` builds a CASE branch per event and field, and
    resolving those cost about 1.5 ms of Python per event: more than the rest of the seal."""
    q = connection.ops.quote_name
    table = q(AuditEvent._meta.db_table)
    sql = f"UPDATE {table} SET {q('seq')} = %s, {q('prev_hash')} = %s, {q('hash')} = %s WHERE {q('id')} = %s"  # noqa: S608 - our table
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(e.seq, e.prev_hash, e.hash, e.pk) for e in batch])


def seal_pending() -> int:
    """Seal every committed unsealed event whose HMAC verifies, oldest id first.

    Returns how many were sealed. An event whose HMAC does not verify (written by someone
    without the application's key) is never chained: it is recorded as refused.
    """
    sealed = 0
    while True:
        with transaction.atomic():
            head = _head_for_update()
            fetched = list(unsealed_events()[:SEAL_BATCH])
            if not fetched:
                return sealed
            batch = _refuse_forged(fetched)
            seq, prev = head.seq, head.hash or GENESIS
            for event in batch:
                seq += 1
                event.seq, event.prev_hash = seq, prev
                event.hash = prev = link_hash(prev, seq, event.payload)
            if batch:
                _links_write(batch)
                head.seq, head.hash, head.sealed_at = seq, prev, timezone.now()
                head.save(update_fields=["seq", "hash", "sealed_at"])
            sealed += len(batch)
        if len(fetched) < SEAL_BATCH:
            return sealed  # a short batch took the last unsealed event seen under the lock


@dataclass(frozen=True)
class ChainHeadExport:
    seq: int
    hash: str
    sealed_at: dt.datetime | None
    exported_at: dt.datetime

    def as_dict(self) -> dict:
        return {
            "seq": self.seq,
            "hash": self.hash,
            "sealed_at": self.sealed_at.isoformat() if self.sealed_at else None,
            "exported_at": self.exported_at.isoformat(),
        }


def chain_head() -> ChainHeadExport:
    """The last link, for anchoring elsewhere (print it, mail it, timestamp it)."""
    seal_pending()
    head = ChainHead.objects.filter(pk=1).first()
    return ChainHeadExport(
        seq=head.seq if head else 0,
        hash=(head.hash if head else "") or GENESIS,
        sealed_at=head.sealed_at if head else None,
        exported_at=timezone.now(),
    )


def sealed_events(chunk: int = 2000) -> Iterator[AuditEvent]:
    """Sealed events in chain order, read by keyset so memory stays flat."""
    last = 0
    while True:
        batch = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:chunk])
        if not batch:
            return
        yield from batch
        last = batch[-1].seq
