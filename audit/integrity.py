"""Is each audit event the application's, and is each history row covered by one?

One place for the checks that ``audit_verify`` (every event, every history table) and the
auditor's screens (the events and rows on the page) share:

* an event's columns still match its payload, and its HMAC (audit/signing.py) verifies:
  required of every unsealed event and of every event sealed after the cutover
  (``ChainHead.signed_from_seq``);
* its source row (history row + m2m rows, log entry, read row) is there and unchanged, unless a
  chained prune run removed it;
* every history row of every tracked model has exactly one event (an orphan row was inserted
  around the application; an event whose row changed or vanished shows as above);
* no two events claim the same source row (a copied event).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext as _

from .chain import event_payload, row_digest, source_digest_of
from .models import AuditEvent, ChainHead, EventSource, PruneRun, RefusedEvent
from .registry import canonical_label, label_aliases
from .signing import signature_valid


@dataclass(frozen=True)
class Finding:
    """One integrity problem, in words an auditor reads."""

    message: str
    event_id: int | None = None
    seq: int | None = None
    model: str = ""
    history_id: int | None = None

    def __str__(self) -> str:
        if self.event_id is not None:
            where = _("Peristiwa id %(id)s (mata rantai #%(seq)s)") % {
                "id": self.event_id,
                "seq": self.seq if self.seq is not None else _("belum disegel"),
            }
        else:
            where = _("Baris riwayat %(model)s #%(id)s") % {"model": self.model, "id": self.history_id}
        return f"{where}: {self.message}"


def signed_from_seq() -> int:
    head = ChainHead.objects.filter(pk=1).only("signed_from_seq").first()
    return head.signed_from_seq if head else 0


def needs_signature(event: AuditEvent, cutover: int) -> bool:
    return event.seq is None or event.seq > cutover or bool(event.hmac)


def event_content_problem(event: AuditEvent, cutover: int) -> str | None:
    """The event's own columns, payload and HMAC (no query)."""
    if event_payload(event, source_digest_of(event)) != event.payload:
        return _("isi peristiwa tidak cocok dengan muatannya (diubah)")
    if needs_signature(event, cutover) and not signature_valid(
        payload=event.payload, key_id=event.hmac_key_id, mac=event.hmac
    ):
        return _("HMAC peristiwa tidak sah: tidak ditulis oleh aplikasi (dipalsukan atau diubah)")
    return None


def trusted_prunes(cutover: int | None = None) -> dict[str, list]:
    """Finished prune runs recorded by an event of the application: model label -> cutoffs.

    The event must be sealed (and signed, after the cutover) or unsealed with a valid HMAC.
    """
    cutover = signed_from_seq() if cutover is None else cutover
    refused = RefusedEvent.objects.values("event_id")
    trusted = [
        event.source_id
        for event in AuditEvent.objects.filter(source=EventSource.SYSTEM).exclude(pk__in=refused)
        if (event.seq is not None or event.hmac) and event_content_problem(event, cutover) is None
    ]
    cutoffs = defaultdict(list)
    for model, cutoff in PruneRun.objects.filter(pk__in=trusted, dry_run=False, finished_at__isnull=False).values_list(
        "model", "cutoff"
    ):
        cutoffs[canonical_label(model)].append(cutoff)
    return cutoffs


def source_digests(events: list[AuditEvent]) -> dict[tuple, str]:
    """Current digests of the events' source rows: (source, model, source_id) -> digest."""
    from .events import history_digest, source_model_for

    groups: dict[tuple, list[AuditEvent]] = defaultdict(list)
    for event in events:
        if event.source_id is not None:
            groups[(event.source, event.model)].append(event)
    found = {}
    for (source, label), members in groups.items():
        model = source_model_for(members[0])
        if model is None:
            continue
        pk = "history_id" if source == EventSource.HISTORY else "pk"
        objs = model.objects.filter(**{f"{pk}__in": [e.source_id for e in members]})
        if source == EventSource.HISTORY:
            values = {row["history_id"]: row for row in objs.values()}
            # Instances only where m2m rows are part of the digest (one query otherwise).
            if getattr(model, "_history_m2m_fields", None):
                for obj in objs:
                    found[(source, label, obj.history_id)] = history_digest(obj, values[obj.history_id])
            else:
                for history_id, row in values.items():
                    found[(source, label, history_id)] = row_digest({"row": row})
        else:
            for row in objs.values():
                found[(source, label, row["id"])] = row_digest(row)
    return found


def accepted_redigests(events: list[AuditEvent], digests: dict) -> dict[tuple, tuple[str, str]]:
    """Signed digest changes (``audit.redigest``) for the history events whose row digest differs;
    no query when every row matches."""
    from .redigest import accepted_changes

    mismatched: dict[str, list[int]] = defaultdict(list)
    for event in events:
        key = (event.source, event.model, event.source_id)
        if event.source == EventSource.HISTORY and key in digests and digests[key] != source_digest_of(event):
            mismatched[event.model].append(event.source_id)
    accepted = {}
    for label, ids in mismatched.items():
        for source_id, change in accepted_changes(label, ids).items():
            accepted[(EventSource.HISTORY, label, source_id)] = change
    return accepted


def source_problem(event: AuditEvent, digests: dict, prunes: dict, accepted: dict | None = None) -> str | None:
    if event.source_id is None:
        return None
    key = (event.source, event.model, event.source_id)
    current = digests.get(key)
    if current is not None and accepted and accepted.get(key) == (source_digest_of(event), current):
        return None  # a column dropped from the history table by a migration (signed)
    if current is None:
        if any(event.occurred_at < cutoff for cutoff in prunes.get(canonical_label(event.model), [])):
            return None
        return _("baris sumber %(src)s #%(id)s hilang (dihapus)") % {"src": event.source, "id": event.source_id}
    if current != source_digest_of(event):
        return _("baris sumber %(src)s #%(id)s telah diubah") % {"src": event.source, "id": event.source_id}
    return None


def event_problems(events: list[AuditEvent], *, check_sources: bool = True) -> dict[int, str]:
    """Problems of these events (a page of the timeline, a record's trail): event id -> words."""
    if not events:
        return {}
    cutover = signed_from_seq()
    refused = set(RefusedEvent.objects.filter(event_id__in=[e.pk for e in events]).values_list("event_id", flat=True))
    digests = source_digests(events) if check_sources else {}
    prunes = trusted_prunes(cutover) if check_sources else {}
    accepted = accepted_redigests(events, digests) if check_sources else {}
    problems = {}
    for event in events:
        problem = event_content_problem(event, cutover)
        if problem is None and event.pk in refused:
            problem = _("ditolak saat penyegelan: HMAC tidak sah")
        if problem is None and check_sources:
            problem = source_problem(event, digests, prunes, accepted)
        if problem:
            problems[event.pk] = problem
    return problems


ORPHAN_PROBLEM = _("baris riwayat tanpa peristiwa audit yang sah: disisipkan di luar aplikasi (mungkin dipalsukan)")


def orphan_history_rows(history_model, label: str):
    """History rows of ``label`` that no event covers (a queryset)."""
    covered = AuditEvent.objects.filter(  # events written before a model moved app carry its old label
        source=EventSource.HISTORY, model__in=label_aliases(label), source_id=OuterRef("history_id")
    ).exclude(pk__in=RefusedEvent.objects.values("event_id"))  # a refused (forged) event covers nothing
    return history_model.objects.filter(~Exists(covered))


def coverage_findings(*, limit: int = 100) -> list[Finding]:
    """Orphan history rows of every tracked model, and events claiming one source row twice."""
    from .registry import registered_models

    findings: list[Finding] = []
    for model in registered_models():
        label = model._meta.label_lower
        history_model = getattr(model, model._meta.simple_history_manager_attribute).model
        for history_id in (
            orphan_history_rows(history_model, label)
            .order_by("history_id")
            .values_list("history_id", flat=True)[:limit]
        ):
            findings.append(Finding(str(ORPHAN_PROBLEM), model=label, history_id=history_id))
    duplicates = (
        AuditEvent.objects.filter(source_id__isnull=False)
        .values("source", "model", "source_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)[:limit]
    )
    for dup in duplicates:
        for event_id, seq in (
            AuditEvent.objects.filter(source=dup["source"], model=dup["model"], source_id=dup["source_id"])
            .order_by("id")
            .values_list("id", "seq")[1:]
        ):
            findings.append(
                Finding(
                    _("peristiwa ganda untuk baris sumber %(src)s #%(id)s (disalin)")
                    % {"src": dup["source"], "id": dup["source_id"]},
                    event_id=event_id,
                    seq=seq,
                )
            )
    return findings
