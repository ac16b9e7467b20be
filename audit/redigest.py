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

from django.db import migrations

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
    """Before the schema change: note the intact rows and their current (old) digest.

    A row is intact when its digest is the one its event recorded, or the signed new digest of an
    earlier redigest (a second schema change to the same table): that mark is re-opened so
    ``redigest_finish`` signs the row's digest after this change too.
    """
    count = 0
    for rows in _batches(history_model):
        ids = [r["history_id"] for r in rows]
        stored = _stored_digests(event_model, label, ids)
        earlier = {m.source_id: m for m in redigest_model.objects.filter(model=label, source_id__in=ids)}
        marks, reopened = [], []
        for r in rows:
            current = row_digest({"row": r})
            mark = earlier.get(r["history_id"])
            if mark is not None:
                if mark.new_digest == current and signature_valid(
                    payload=_message(mark), key_id=mark.hmac_key_id, mac=mark.hmac
                ):
                    mark.new_digest, mark.reason = "", reason
                    reopened.append(mark)
            elif stored.get(r["history_id"]) == current:
                marks.append(
                    redigest_model(
                        model=label, source_id=r["history_id"], old_digest=stored[r["history_id"]], reason=reason
                    )
                )
        redigest_model.objects.bulk_create(marks, ignore_conflicts=True)
        redigest_model.objects.bulk_update(reopened, ["new_digest", "reason"])  # audit: bulk-ok
        count += len(marks) + len(reopened)
    return count


def redigest_operations(*, app_label: str, history_model_name: str, label: str, reason: str, operations: list) -> list:
    """Migration operations that change a history table's columns (add or drop) without breaking
    the audit chain: ``prepare``, the schema ``operations``, then ``finish``. The migration must
    depend on ``("audit", "0008_source_redigest")``."""

    def _models(apps):
        return {
            "history_model": apps.get_model(app_label, history_model_name),
            "label": label,
            "redigest_model": apps.get_model("audit", "SourceRedigest"),
        }

    def prepare(apps, schema_editor):
        redigest_prepare(**_models(apps), reason=reason, event_model=apps.get_model("audit", "AuditEvent"))

    def finish(apps, schema_editor):
        redigest_finish(**_models(apps))

    return [
        migrations.RunPython(prepare, migrations.RunPython.noop),
        *operations,
        migrations.RunPython(finish, migrations.RunPython.noop),
    ]


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
