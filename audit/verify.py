"""Walk the hash chain and name the first broken link (``manage.py audit_verify``)."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .chain import GENESIS, event_payload, link_hash, row_digest, seal_pending, sealed_events, source_digest_of
from .models import AuditEvent, ChainHead, EventSource, PruneRun
from .registry import canonical_label


@dataclass(frozen=True)
class Break:
    seq: int | None
    event_id: int | None
    problem: str

    def __str__(self) -> str:
        return _("Mata rantai #%(seq)s (peristiwa id %(id)s): %(problem)s") % {
            "seq": self.seq,
            "id": self.event_id,
            "problem": self.problem,
        }


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    head_seq: int
    head_hash: str
    broken: Break | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def _trusted_prunes() -> dict[str, list]:
    """Finished prune runs that are themselves chained: model label -> cutoffs."""
    chained = set(
        AuditEvent.objects.filter(source=EventSource.SYSTEM, seq__isnull=False).values_list("source_id", flat=True)
    )
    cutoffs = defaultdict(list)
    for run in PruneRun.objects.filter(pk__in=chained, dry_run=False, finished_at__isnull=False):
        cutoffs[canonical_label(run.model)].append(run.cutoff)
    return cutoffs


def _source_values(batch: list[AuditEvent]) -> dict[tuple, dict]:
    from .events import source_model_for

    groups: dict[tuple, list[AuditEvent]] = defaultdict(list)
    for event in batch:
        groups[(event.source, event.model)].append(event)
    found = {}
    for (source, _label), events in groups.items():
        model = source_model_for(events[0])
        if model is None:
            continue
        pk = "history_id" if source == EventSource.HISTORY else "pk"
        objs = model.objects.filter(**{f"{pk}__in": [e.source_id for e in events]})
        if source == EventSource.HISTORY:
            from .events import history_digest

            values = {row["history_id"]: row for row in objs.values()}
            for obj in objs:
                found[(source, _label, obj.history_id)] = history_digest(obj, values[obj.history_id])
        else:
            for row in objs.values():
                found[(source, _label, row["id"])] = row_digest(row)
    return found


def verify_chain(*, check_sources: bool = True, batch_size: int = 1000) -> VerifyResult:
    """Seal what is pending, then check every link (and, by default, every source row)."""
    seal_pending()
    head = ChainHead.objects.filter(pk=1).first()
    prev, expected_seq, checked = GENESIS, 1, 0
    prunes = _trusted_prunes() if check_sources else {}
    batch: list[AuditEvent] = []

    def check_batch(events: list[AuditEvent]) -> Break | None:
        digests = _source_values(events) if check_sources else {}
        for event in events:
            stored = source_digest_of(event)
            if event_payload(event, stored) != event.payload:
                return Break(event.seq, event.pk, _("isi peristiwa tidak cocok dengan muatannya (diubah)"))
            if not check_sources or event.source_id is None:
                continue
            current = digests.get((event.source, event.model, event.source_id))
            if current is None:
                if any(event.occurred_at < cutoff for cutoff in prunes.get(canonical_label(event.model), [])):
                    continue
                return Break(
                    event.seq,
                    event.pk,
                    _("baris sumber %(src)s #%(id)s hilang (dihapus)") % {"src": event.source, "id": event.source_id},
                )
            if current != stored:
                return Break(
                    event.seq,
                    event.pk,
                    _("baris sumber %(src)s #%(id)s telah diubah") % {"src": event.source, "id": event.source_id},
                )
        return None

    for event in sealed_events():
        if event.seq != expected_seq:
            return VerifyResult(
                checked,
                head.seq if head else 0,
                head.hash if head else "",
                Break(expected_seq, None, _("mata rantai hilang (dihapus atau dipindah)")),
            )
        if event.prev_hash != prev:
            return VerifyResult(
                checked,
                head.seq if head else 0,
                head.hash if head else "",
                Break(event.seq, event.pk, _("hash sebelumnya tidak cocok (urutan diubah)")),
            )
        if link_hash(prev, event.seq, event.payload) != event.hash:
            return VerifyResult(
                checked,
                head.seq if head else 0,
                head.hash if head else "",
                Break(event.seq, event.pk, _("hash tidak cocok dengan isinya (diubah)")),
            )
        batch.append(event)
        if len(batch) >= batch_size:
            broken = check_batch(batch)
            if broken:
                return VerifyResult(checked, head.seq, head.hash, broken)
            batch = []
        prev, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    broken = check_batch(batch) if batch else None
    head_seq, head_hash = (head.seq, head.hash) if head else (0, "")
    if broken is None and (head_seq != checked or (head_hash or GENESIS) != prev):
        broken = Break(
            head_seq,
            None,
            _("kepala rantai (#%(seq)s) tidak cocok dengan mata rantai terakhir (#%(last)s)")
            % {"seq": head_seq, "last": checked},
        )
    return VerifyResult(checked, head_seq, head_hash, broken)
