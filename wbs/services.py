"""Filing a WBS report and the reporter's side of the conversation (by receipt code).

Anti-abuse without knowing the client: a submission rate per client keyed on ``client`` (a
keyed hash of the address that rotates daily, made by ``wbs.privacy`` before the address is
forgotten; it only ever names a cache key), a honeypot field, size limits, and a
failed-attempt counter per report lookup id (so guessing one report's secret is bounded
without keying anything on the guesser's address). Refusals state the real wait.
See docs/adr/0005-wbs.md and 0010-edge-hardening.md.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from inputs.fields import validated
from organizations import limits

from . import receipts
from .crypto import encrypt_identity
from .errors import RateLimitedError, ReceiptNotFoundError
from .evidence import MAX_FILES, evidence_store
from .inputs import ReplyInput, ReportInput
from .models import MessageSender, WbsMessage, WbsReport, WbsReportContent, WbsReporterIdentity
from .uploads import evidence_take

#: How long a report's follow-up stays locked after too many wrong receipt codes.
RECEIPT_LOCK_SECONDS = 15 * 60


def _consume_quota(kind: str, client: str, per_minute: int) -> None:
    """A one-minute window per client; ``client`` is already a keyed hash (never an address)."""
    wait = limits.hit(f"wbs:quota:{kind}:{client or 'unknown'}", limit=per_minute, window=60)
    if wait:
        raise RateLimitedError(_("Terlalu banyak permintaan dari perangkat ini."), retry_after=wait)


@dataclass(frozen=True)
class Submitted:
    report: WbsReport
    receipt_code: str


def report_submit(
    *,
    category_id,
    reported_opd_id,
    reported_person: str,
    title: str,
    description: str,
    incident_date: datetime.date | None = None,
    location: str = "",
    identity_name: str = "",
    identity_contact: str = "",
    honeypot: str = "",
    client: str = "",
    evidence=(),
    evidence_tokens=(),
) -> Submitted:
    """File a report (with evidence files, optional: uploaded with it, or sent ahead and named by
    ``evidence_tokens`` from ``wbs.uploads``). The plaintext receipt code exists only in the
    returned value.

    ``client`` is ``wbs.privacy.client_of(request)``: a daily-rotating keyed hash, for the quota only.
    """
    if honeypot:
        raise ValidationError({"__all__": [_("Laporan tidak dapat diterima.")]})
    data = validated(
        ReportInput,
        {
            "category": category_id,
            "reported_opd": reported_opd_id,
            "reported_person": reported_person,
            "title": title,
            "description": description,
            "incident_date": incident_date,
            "location": location,
            "identity_name": identity_name,
            "identity_contact": identity_contact,
            "evidence": evidence,
        },
    )
    category, opd = data["category"], data["reported_opd"]
    identity_name, identity_contact = data["identity_name"], data["identity_contact"]
    _consume_quota("submit", client, settings.WBS_SUBMISSIONS_PER_MINUTE)

    receipt = receipts.new_receipt()
    while WbsReport.objects.filter(lookup_id=receipt.lookup_id).exists():
        receipt = receipts.new_receipt()
    with transaction.atomic():
        report = WbsReport(
            lookup_id=receipt.lookup_id,
            secret_hash=receipts.hash_secret(receipt.secret),
            category=category,
            reported_opd=opd,
            has_identity=bool(identity_name or identity_contact),
        )
        report.save()
        WbsReportContent.objects.create(
            report=report,
            title=data["title"],
            reported_person=data["reported_person"],
            description=data["description"],
            incident_date=data["incident_date"],
            location=data["location"],
        )
        if report.has_identity:
            WbsReporterIdentity.objects.create(
                report=report, ciphertext=encrypt_identity({"name": identity_name, "contact": identity_contact})
            )
        evidence_store(report=report, files=_with_uploads(data["evidence"], evidence_tokens))
    return Submitted(report=report, receipt_code=receipt.code)


def _with_uploads(files: list, tokens) -> list:
    """The files sent with the request plus those sent ahead (taken once, inside the caller's
    transaction); at most ``MAX_FILES`` in all."""
    taken = evidence_take(tokens)
    if len(files) + len(taken) > MAX_FILES:
        raise ValidationError({"evidence": [_("Paling banyak %(n)s berkas bukti.") % {"n": MAX_FILES}]})
    return [*files, *taken]


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _failures_key(lookup_id: str) -> str:
    return f"wbs:receipt-failures:{lookup_id}"


def report_by_receipt(*, code: str, client: str = "") -> WbsReport:
    """The report a receipt code opens, with what the reporter may see (status and messages).

    Raises ``ReceiptNotFoundError`` for a wrong code and ``RateLimitedError`` when a report's id has
    seen too many wrong secrets lately (the counter is per report, not per client; the error
    carries the lock's real remaining time).
    """
    _consume_quota("followup", client, settings.WBS_FOLLOWUPS_PER_MINUTE)
    receipt = receipts.parse_code(code)
    if receipt is None:
        raise ReceiptNotFoundError
    key = _failures_key(receipt.lookup_id)
    if limits.over(key, limit=settings.WBS_MAX_FAILED_RECEIPTS):
        raise RateLimitedError(
            _("Terlalu banyak kode yang salah untuk laporan ini."),
            retry_after=limits.remaining_wait(key, RECEIPT_LOCK_SECONDS),
        )
    report = (
        WbsReport.objects.select_related("category", "content")
        .prefetch_related("messages")
        .filter(lookup_id=receipt.lookup_id, content_purged_at__isnull=True)
        .first()
    )
    if report is None:
        receipts.burn_time()
        ok = False
    else:
        ok = receipts.verify_secret(receipt.secret, report.secret_hash)
    if not ok:
        limits.count(key, window=RECEIPT_LOCK_SECONDS)
        raise ReceiptNotFoundError
    return report


def reporter_reply(*, code: str, body: str, client: str = "", evidence=(), evidence_tokens=()) -> WbsMessage:
    """The reporter adds a message (more information, an answer, evidence files: uploaded with it
    or named by ``evidence_tokens``) to their report."""
    report = report_by_receipt(code=code, client=client)
    data = validated(ReplyInput, {"body": body, "evidence": evidence})
    if report.is_closed:
        raise ValidationError({"body": [_("Laporan sudah ditutup; pesan baru tidak dapat dikirim.")]})
    with transaction.atomic():
        message = WbsMessage.objects.create(report=report, sender=MessageSender.REPORTER, body=data["body"])
        evidence_store(report=report, files=_with_uploads(data["evidence"], evidence_tokens), message=message)
    return message
