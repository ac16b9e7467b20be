"""Walk the hash chain, check every event's HMAC and every history row's coverage
(``manage.py audit_verify``).

Read-only: it does not seal. Unsealed events (the tail the seal job has not reached yet) are
checked like sealed ones (content, HMAC, source row) and counted as "belum disegel".
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .chain import GENESIS, link_hash, sealed_events, unsealed_events
from .integrity import (
    Finding,
    accepted_redigests,
    coverage_findings,
    event_content_problem,
    signed_from_seq,
    source_digests,
    source_problem,
    trusted_prunes,
)
from .models import AuditEvent, ChainHead, RefusedEvent


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
    #: Problems outside the chain's links: forged or altered unsealed events, refused events,
    #: orphan history rows, copied events.
    findings: list[Finding] = field(default_factory=list)
    #: Signed events not yet sealed (checked, not a failure).
    pending: int = 0

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.findings

    def problems(self) -> list[str]:
        lines = [str(self.broken)] if self.broken else []
        return lines + [str(f) for f in self.findings]


def _problems(events: list[AuditEvent], *, cutover: int, check_sources: bool, prunes: dict):
    """(event, words) for each of these events that fails a check, in order."""
    digests = source_digests(events) if check_sources else {}
    accepted = accepted_redigests(events, digests) if check_sources else {}
    for event in events:
        problem = event_content_problem(event, cutover)
        if problem is None and check_sources:
            problem = source_problem(event, digests, prunes, accepted)
        if problem:
            yield event, problem


def _check_batch(events: list[AuditEvent], *, cutover: int, check_sources: bool, prunes: dict):
    """The first problem among these events, as (event, words), or None."""
    return next(_problems(events, cutover=cutover, check_sources=check_sources, prunes=prunes), None)


def _unsealed_findings(*, cutover: int, check_sources: bool, prunes: dict, chunk: int = 1000):
    findings: list[Finding] = []
    refused = dict(RefusedEvent.objects.values_list("event_id", "problem"))
    for event_id in sorted(refused):
        findings.append(Finding(_("ditolak saat penyegelan: %(p)s") % {"p": refused[event_id]}, event_id=event_id))
    pending, last = 0, 0
    while True:
        batch = list(unsealed_events().filter(id__gt=last)[:chunk])
        if not batch:
            break
        last = batch[-1].pk
        pending += len(batch)
        for event, problem in _problems(batch, cutover=cutover, check_sources=check_sources, prunes=prunes):
            findings.append(Finding(problem, event_id=event.pk))
    return findings, pending


def verify_chain(*, check_sources: bool = True, batch_size: int = 1000) -> VerifyResult:
    """Check every link, every event's HMAC and (by default) every source row and history row."""
    head = ChainHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, "")
    cutover = signed_from_seq()
    prev, expected_seq, checked = GENESIS, 1, 0
    prunes = trusted_prunes(cutover) if check_sources else {}
    batch: list[AuditEvent] = []
    broken: Break | None = None

    for event in sealed_events():
        if event.seq != expected_seq:
            broken = Break(expected_seq, None, _("mata rantai hilang (dihapus atau dipindah)"))
            break
        if event.prev_hash != prev:
            broken = Break(event.seq, event.pk, _("hash sebelumnya tidak cocok (urutan diubah)"))
            break
        if link_hash(prev, event.seq, event.payload) != event.hash:
            broken = Break(event.seq, event.pk, _("hash tidak cocok dengan isinya (diubah)"))
            break
        batch.append(event)
        if len(batch) >= batch_size:
            bad = _check_batch(batch, cutover=cutover, check_sources=check_sources, prunes=prunes)
            if bad:
                broken = Break(bad[0].seq, bad[0].pk, bad[1])
                break
            batch = []
        prev, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    if broken is None and batch:
        bad = _check_batch(batch, cutover=cutover, check_sources=check_sources, prunes=prunes)
        if bad:
            broken = Break(bad[0].seq, bad[0].pk, bad[1])
    if broken is None and (head_seq != checked or (head_hash or GENESIS) != prev):
        broken = Break(
            head_seq,
            None,
            _("kepala rantai (#%(seq)s) tidak cocok dengan mata rantai terakhir (#%(last)s)")
            % {"seq": head_seq, "last": checked},
        )
    findings, pending = _unsealed_findings(cutover=cutover, check_sources=check_sources, prunes=prunes)
    if check_sources:
        findings += coverage_findings()
    return VerifyResult(checked, head_seq, head_hash, broken, findings, pending)
