"""WBS evidence files: checked and sanitised by ``safefiles`` (images re-encoded, PDFs rewritten
without metadata or scripts), encrypted at rest, read only by the Inspektorat with each read logged.

Nothing about the sender is kept: no original file name (a path may name a person or a
machine), no client address or user agent; only the sanitised content, its type and size.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from safefiles.sanitize import CleanFile, clean_upload

from .crypto import decrypt_evidence, encrypt_evidence
from .models import WbsEvidence, WbsMessage, WbsReport
from .selectors import ensure_inspector, report_get

MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_FILES = 5


def evidence_clean(files) -> list[CleanFile]:
    """Sanitised copies of the uploads (before any row is written); errors keyed ``evidence``."""
    files = [f for f in (files or []) if f]
    if len(files) > MAX_FILES:
        raise ValidationError({"evidence": [_("Paling banyak %(n)s berkas bukti.") % {"n": MAX_FILES}]})
    errors, cleaned = [], []
    for upload in files:
        try:
            cleaned.append(clean_upload(upload, max_size=MAX_FILE_SIZE))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"evidence": errors})
    return cleaned


def evidence_store(*, report: WbsReport, files: list[CleanFile], message: WbsMessage | None = None) -> list:
    """Encrypt and store cleaned files (inside the caller's transaction)."""
    rows = []
    for clean in files:
        clean.content.seek(0)
        data = clean.content.read()
        rows.append(
            WbsEvidence.objects.create(
                report=report,
                message=message,
                ciphertext=encrypt_evidence(data),
                content_type=clean.content_type,
                size=len(data),
            )
        )
    return rows


@dataclass(frozen=True)
class EvidenceFile:
    filename: str
    content_type: str
    data: bytes


def evidence_read(*, user, pk: int, door: str, report_pk: int | None = None) -> EvidenceFile:
    """One evidence file for an Inspektorat member (superusers too need the role); logged.

    ``report_pk`` (a door whose URL names the case) must be the file's case. Raises
    ``PermissionDenied`` for anyone else and ``WbsEvidence.DoesNotExist`` when absent.
    """
    from audit.reads import log_sensitive_read

    ensure_inspector(user)  # before the lookup: no answer tells an outsider whether it exists
    evidence = WbsEvidence.objects.get(pk=pk, **({"report_id": report_pk} if report_pk is not None else {}))
    report = report_get(user=user, pk=evidence.report_id)  # inspector, no conflict of interest
    log_sensitive_read(user=user, obj=report, action="wbs.evidence_read", door=door, detail=f"bukti #{evidence.pk}")
    return EvidenceFile(
        filename=f"bukti-wbs-{evidence.pk}.{evidence.get_extension()}",
        content_type=evidence.content_type,
        data=decrypt_evidence(bytes(evidence.ciphertext)),
    )
