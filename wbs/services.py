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

from organizations.models import OPD

from . import receipts
from .crypto import encrypt_identity
from .errors import RateLimitedError, ReceiptNotFoundError
from .models import MessageSender, WbsCategory, WbsMessage, WbsReport, WbsReportContent, WbsReporterIdentity

MAX_TEXT = 200
REQUIRED = _("Wajib diisi.")


def _setting(name: str) -> int:
    return int(getattr(settings, name))


def max_body() -> int:
    return _setting("WBS_MAX_BODY_CHARS")


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


def _clean_text(errors: dict, field: str, value, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if required and not text:
        errors[field] = [REQUIRED]
    elif len(text) > limit:
        errors[field] = [_("Paling banyak %(limit)s karakter.") % {"limit": limit}]
    return text


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
) -> Submitted:
    """File a report. The plaintext receipt code exists only in the returned value."""
    if honeypot:
        raise ValidationError({"__all__": [_("Laporan tidak dapat diterima.")]})
    errors: dict = {}
    category = WbsCategory.objects.filter(pk=_as_int(category_id), is_active=True).first()
    if category is None:
        errors["category"] = [_("Pilih kategori yang tersedia.")]
    opd = OPD.objects.filter(pk=_as_int(reported_opd_id), is_active=True).first()
    if opd is None:
        errors["reported_opd"] = [_("Pilih OPD terlapor yang tersedia.")]
    title = _clean_text(errors, "title", title)
    reported_person = _clean_text(errors, "reported_person", reported_person)
    description = _clean_text(errors, "description", description, limit=max_body())
    if "description" not in errors and len(description) < 20:
        errors["description"] = [_("Uraikan kejadian paling sedikit 20 karakter.")]
    location = _clean_text(errors, "location", location, required=False)
    identity_name = _clean_text(errors, "identity_name", identity_name, required=False)
    identity_contact = _clean_text(errors, "identity_contact", identity_contact, required=False)
    if incident_date is not None and incident_date > timezone.localdate():
        errors["incident_date"] = [_("Tanggal kejadian tidak boleh di masa depan.")]
    if errors:
        raise ValidationError(errors)
    _consume_global_quota("submit", _setting("WBS_SUBMISSIONS_PER_MINUTE"))

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
            title=title,
            reported_person=reported_person,
            description=description,
            incident_date=incident_date,
            location=location,
        )
        if report.has_identity:
            WbsReporterIdentity.objects.create(
                report=report, ciphertext=encrypt_identity({"name": identity_name, "contact": identity_contact})
            )
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
    _consume_global_quota("followup", _setting("WBS_FOLLOWUPS_PER_MINUTE"))
    receipt = receipts.parse_code(code)
    if receipt is None:
        raise ReceiptNotFoundError
    key = _failures_key(receipt.lookup_id)
    if (cache.get(key) or 0) >= _setting("WBS_MAX_FAILED_RECEIPTS"):
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


def reporter_reply(*, code: str, body: str) -> WbsMessage:
    """The reporter adds a message (more information, an answer) to their report."""
    report = report_by_receipt(code=code)
    errors: dict = {}
    body = _clean_text(errors, "body", body, limit=max_body())
    if errors:
        raise ValidationError(errors)
    if report.is_closed:
        raise ValidationError({"body": [_("Laporan sudah ditutup; pesan baru tidak dapat dikirim.")]})
    return WbsMessage.objects.create(report=report, sender=MessageSender.REPORTER, body=body)
