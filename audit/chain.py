"""The tamper-evident hash chain over every audit event.

Each ``AuditEvent`` carries a canonical JSON ``payload`` (its own columns plus the SHA-256
digest of its source row: the history row, the Wagtail log entry, the read-log row).
Sealing gives it the next ``seq`` and ``hash = sha256(prev_hash | seq | payload)``.

Events are inserted unsealed inside the writer's own transaction (so an event exists
exactly when its change committed) and sealed right after commit, in a short transaction
that locks the one ``ChainHead`` row (``SELECT ... FOR UPDATE``; SQLite's IMMEDIATE
transactions serialise the same way). Writers therefore never hold the chain lock while
doing their own work, and concurrent writers cannot fork the chain.
"""

import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import AuditEvent, ChainHead

GENESIS = "0" * 64
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
    """Insert an unsealed event in the current transaction and seal it after commit."""
    event = AuditEvent(**columns)
    event.payload = event_payload(event, source_digest)
    event.save(force_insert=True)
    _schedule_seal()
    return event


def _schedule_seal() -> None:
    """One sealing callback per transaction, however many events it writes."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is seal_pending for entry in connection.run_on_commit):
        return
    transaction.on_commit(seal_pending, robust=True)


def _head_for_update() -> ChainHead:
    head = ChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:  # the first seal of an installation
        ChainHead.objects.get_or_create(pk=1)
        head = ChainHead.objects.select_for_update().get(pk=1)
    return head


def seal_pending() -> int:
    """Seal every committed unsealed event, oldest id first; returns how many were sealed."""
    sealed = 0
    while True:
        with transaction.atomic():
            head = _head_for_update()
            batch = list(AuditEvent.objects.filter(seq__isnull=True).order_by("id")[:SEAL_BATCH])
            if not batch:
                return sealed
            seq, prev = head.seq, head.hash or GENESIS
            for event in batch:
                seq += 1
                event.seq, event.prev_hash = seq, prev
                event.hash = prev = link_hash(prev, seq, event.payload)
            AuditEvent.objects.bulk_update(batch, ["seq", "prev_hash", "hash"])
            head.seq, head.hash, head.sealed_at = seq, prev, timezone.now()
            head.save(update_fields=["seq", "hash", "sealed_at"])
            sealed += len(batch)
        if len(batch) < SEAL_BATCH:
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
