"""Filing a WBS report and the reporter's side of the conversation (by receipt code).

Anti-abuse without knowing the client: a global submission rate, a honeypot field, size
limits, and a failed-attempt counter per report lookup id (so guessing one report's secret
is bounded without keying anything on the guesser's address). See docs/adr/0005-wbs.md.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inputs.fields import validated

from . import receipts
from .crypto import encrypt_identity
from .errors import RateLimitedError, ReceiptNotFoundError
from .inputs import BodyInput, ReportInput
from .models import MessageSender, WbsMessage, WbsReport, WbsReportContent, WbsReporterIdentity


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _consume_global_quota(kind: str, per_minute: int) -> None:
    """A fixed-window counter shared by every client: the key holds no client detail."""
    bucket = int(timezone.now().timestamp() // 60)
    key = f"wbs:quota:{kind}:{bucket}"
    cache.add(key, 0, 120)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 120)
        used = 1
    if used > per_minute:
        raise RateLimitedError


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
    evidence=(),
) -> Submitted:
    """File a report (with evidence files, optional). The plaintext receipt code exists only in
    the returned value."""
    if honeypot:
        raise ValidationError({"__all__": [_("Laporan tidak dapat diterima.")]})
    errors: dict = {}
    data = {}
    try:
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
            },
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    cleaned = _clean_evidence(errors, evidence)
    if errors:
        raise ValidationError(errors)
    category, opd = data["category"], data["reported_opd"]
    identity_name, identity_contact = data["identity_name"], data["identity_contact"]
    _consume_global_quota("submit", _setting("WBS_SUBMISSIONS_PER_MINUTE", 30))

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
        evidence_store(report=report, files=cleaned)
    return Submitted(report=report, receipt_code=receipt.code)


def _as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _failures_key(lookup_id: str) -> str:
    return f"wbs:receipt-failures:{lookup_id}"


def report_by_receipt(*, code: str) -> WbsReport:
    """The report a receipt code opens, with what the reporter may see (status and messages).

    Raises ``ReceiptNotFoundError`` for a wrong code and ``RateLimitedError`` when a report's id has
    seen too many wrong secrets lately (the counter is per report, not per client).
    """
    _consume_global_quota("followup", _setting("WBS_FOLLOWUPS_PER_MINUTE", 120))
    receipt = receipts.parse_code(code)
    if receipt is None:
        raise ReceiptNotFoundError
    key = _failures_key(receipt.lookup_id)
    if (cache.get(key) or 0) >= _setting("WBS_MAX_FAILED_RECEIPTS", 10):
        raise RateLimitedError
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
        cache.add(key, 0, 15 * 60)
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, 15 * 60)
        raise ReceiptNotFoundError
    return report


def reporter_reply(*, code: str, body: str, evidence=()) -> WbsMessage:
    """The reporter adds a message (more information, an answer, evidence files) to their report."""
    report = report_by_receipt(code=code)
    errors: dict = {}
    try:
        body = validated(BodyInput, {"body": body})["body"]
    except ValidationError as exc:
        errors.update(exc.message_dict)
    cleaned = _clean_evidence(errors, evidence)
    if errors:
        raise ValidationError(errors)
    if report.is_closed:
        raise ValidationError({"body": [_("Laporan sudah ditutup; pesan baru tidak dapat dikirim.")]})
    with transaction.atomic():
        message = WbsMessage.objects.create(report=report, sender=MessageSender.REPORTER, body=body)
        evidence_store(report=report, files=cleaned, message=message)
    return message


def _clean_evidence(errors: dict, files) -> list:
    from .evidence import evidence_clean

    try:
        return evidence_clean(files)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        return []


def evidence_store(**kwargs):
    from .evidence import evidence_store as store

    return store(**kwargs)
