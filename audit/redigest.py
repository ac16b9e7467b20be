"""Dropping a column from a history table without breaking the audit chain.

A history row's digest (in its event's payload) covers every column. When a migration drops a
column from a history table (a field added to ``EXCLUDED_FIELDS``), every row's digest changes.
The migration calls ``redigest_prepare`` before the ``RemoveField`` (it records the rows whose
current digest still matches their event: intact rows only, a tampered row stays flagged) and
``redigest_finish`` after it (it records each row's new digest, HMAC-signed with the
application's key). ``audit_verify`` then accepts exactly that change for those rows.

Works with the migration's historical models; for history tables without tracked m2m fields.
"""

import json

from .chain import row_digest
from .signing import sign, signature_valid

BATCH = 2000


def _message(row) -> str:
    return f"redigest|{row.model}|{row.source_id}|{row.old_digest}|{row.new_digest}"


def _stored_digests(event_model, label: str, ids) -> dict[int, str]:
    found = {}
    for source_id, payload in event_model.objects.filter(source="history", model=label, source_id__in=ids).values_list(
        "source_id", "payload"
    ):
        try:
            found[source_id] = json.loads(payload).get("source_digest", "")
        except (TypeError, ValueError):
            continue
    return found


def _batches(history_model):
    last = 0
    while True:
        rows = list(history_model.objects.filter(history_id__gt=last).order_by("history_id").values()[:BATCH])
        if not rows:
            return
        yield rows
        last = rows[-1]["history_id"]


def redigest_prepare(*, history_model, label: str, reason: str, event_model, redigest_model) -> int:
    """Before the schema change: note the intact rows and their current (old) digest."""
    count = 0
    for rows in _batches(history_model):
        stored = _stored_digests(event_model, label, [r["history_id"] for r in rows])
        marks = [
            redigest_model(model=label, source_id=r["history_id"], old_digest=stored[r["history_id"]], reason=reason)
            for r in rows
            if stored.get(r["history_id"]) == row_digest({"row": r})
        ]
        redigest_model.objects.bulk_create(marks, ignore_conflicts=True)
        count += len(marks)
    return count


def redigest_finish(*, history_model, label: str, redigest_model) -> int:
    """After the schema change: sign each noted row's new digest."""
    count = 0
    for rows in _batches(history_model):
        pending = {
            m.source_id: m
            for m in redigest_model.objects.filter(
                model=label, source_id__in=[r["history_id"] for r in rows], new_digest=""
            )
        }
        for r in rows:
            mark = pending.get(r["history_id"])
            if mark is None:
                continue
            mark.new_digest = row_digest({"row": r})
            mark.hmac_key_id, mark.hmac = sign(_message(mark))
        redigest_model.objects.bulk_update(
            list(pending.values()), ["new_digest", "hmac", "hmac_key_id"]
        )  # audit: bulk-ok
        count += len(pending)
    return count


def accepted_changes(label: str, source_ids) -> dict[int, tuple[str, str]]:
    """Signed digest changes of these rows: source id -> (old digest, new digest)."""
    from .models import SourceRedigest

    return {
        m.source_id: (m.old_digest, m.new_digest)
        for m in SourceRedigest.objects.filter(model=label, source_id__in=list(source_ids)).exclude(new_digest="")
        if signature_valid(payload=_message(m), key_id=m.hmac_key_id, mac=m.hmac)
    }
