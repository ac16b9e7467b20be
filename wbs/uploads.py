"""Evidence sent ahead of a WBS report or reply, for doors without multipart (GraphQL, apps).

``POST /api/v1/wbs/uploads/`` runs the very checks of evidence sent with a report
(``evidence.evidence_clean``: type by content, size, images re-encoded and PDFs rewritten without
metadata), encrypts the result like stored evidence and answers a random token. The report
(``report_submit(evidence_tokens=…)``) or reply (``reporter_reply(evidence_tokens=…)``) takes
the files once, inside its own transaction. Only the token's SHA-256 is stored, with the
ciphertext, type, size and time: no client address, user agent, file name or quota key.
Tokens expire after ``WBS_UPLOAD_TTL_MINUTES``; expired rows are pruned on each upload (a
bounded batch) and by the daily WBS job.
"""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organizations import limits
from safefiles.sanitize import CleanFile

from .crypto import decrypt_evidence, encrypt_evidence
from .errors import RateLimitedError
from .evidence import evidence_clean
from .models import WbsPendingEvidence

PRUNE_BATCH = 200
TOKEN_ERROR = _("Token bukti tidak dikenal, sudah dipakai, atau kedaluwarsa. Unggah berkasnya lagi.")


def upload_ttl() -> dt.timedelta:
    return dt.timedelta(minutes=settings.WBS_UPLOAD_TTL_MINUTES)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def evidence_upload_create(*, upload, client: str = "") -> tuple[WbsPendingEvidence, str]:
    """Check, clean and store one file encrypted; returns the row and its token (shown once).

    ``client`` is ``wbs.privacy.client_of(request)`` (a daily-rotating keyed hash): it names the
    per-minute quota's cache key only and is never stored with the file.
    """
    wait = limits.hit(f"wbs:quota:upload:{client or 'unknown'}", limit=settings.WBS_UPLOADS_PER_MINUTE, window=60)
    if wait:
        raise RateLimitedError(_("Terlalu banyak unggahan dari perangkat ini."), retry_after=wait)
    try:
        (clean,) = evidence_clean([upload])
    except ValidationError as exc:
        raise ValidationError({"file": exc.message_dict["evidence"]}) from None
    evidence_uploads_prune(limit=PRUNE_BATCH)
    clean.content.seek(0)
    data = clean.content.read()
    token = secrets.token_urlsafe(24)
    row = WbsPendingEvidence.objects.create(
        token_hash=_hash(token), ciphertext=encrypt_evidence(data), content_type=clean.content_type, size=len(data)
    )
    return row, token


def evidence_take(tokens) -> list[CleanFile]:
    """The cleaned files behind ``tokens``, removed from the pending uploads. Call inside the
    transaction that stores them: the rows are locked, so a token is used once, and a failure
    later in that transaction leaves the tokens usable. Errors are keyed ``evidence``."""
    tokens = list(tokens or [])
    if not tokens:
        return []
    if not all(isinstance(t, str) and t for t in tokens):
        raise ValidationError({"evidence": [TOKEN_ERROR]})
    hashes = [_hash(t) for t in tokens]
    fresh = timezone.now() - upload_ttl()
    rows = {r.token_hash: r for r in WbsPendingEvidence.objects.select_for_update().filter(token_hash__in=hashes)}
    if len(set(hashes)) != len(hashes) or any(h not in rows or rows[h].created_at < fresh for h in hashes):
        raise ValidationError({"evidence": [TOKEN_ERROR]})
    files = []
    for h in hashes:
        row = rows[h]
        data = decrypt_evidence(bytes(row.ciphertext))
        files.append(CleanFile(ContentFile(data, name="bukti"), row.content_type, len(data)))
    WbsPendingEvidence.objects.filter(pk__in=[r.pk for r in rows.values()]).delete()
    return files


def evidence_uploads_prune(*, now: dt.datetime | None = None, limit: int | None = None) -> int:
    """Delete pending evidence older than the TTL (all of it, or ``limit`` rows); returns how many.
    Rows a submission holds are skipped (``skip_locked``), so two runs never block each other."""
    cutoff = (now or timezone.now()) - upload_ttl()
    total = 0
    while limit is None or total < limit:
        size = PRUNE_BATCH if limit is None else min(PRUNE_BATCH, limit - total)
        with transaction.atomic():
            ids = list(
                WbsPendingEvidence.objects.select_for_update(skip_locked=True)
                .filter(created_at__lt=cutoff)
                .order_by("created_at", "pk")
                .values_list("pk", flat=True)[:size]
            )
            if ids:
                WbsPendingEvidence.objects.filter(pk__in=ids).delete()
        total += len(ids)
        if len(ids) < size:
            break
    return total
