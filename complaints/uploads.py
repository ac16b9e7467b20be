"""Attachments uploaded ahead of a submission, for doors without multipart (GraphQL, apps).

``POST /api/v1/complaints/uploads/`` runs the very same checks as a multipart submission
(``attachments.clean_upload``: type by content, size, images re-encoded without EXIF/GPS) and
returns a random token; ``complaint_submit(uploads=[token, …])`` and
``complaint_add_information(uploads=…)`` take the cleaned files once. Only the token's SHA-256
is stored; unused uploads expire after ``COMPLAINT_UPLOAD_TTL_MINUTES`` (60) and are pruned
by ``complaint_uploads_prune``: every hour by the django-q2 schedule ``complaints.prune_uploads``
(``complaints.tasks.prune_uploads``, migration ``complaints/0007``) and a batch on each upload.
"""

import datetime as dt
import hashlib
import logging
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import ratelimit
from .attachments import CleanFile, clean_upload
from .errors import ValidationError
from .models import PendingUpload

PRUNE_BATCH = 200

logger = logging.getLogger(__name__)


def upload_ttl() -> dt.timedelta:
    return dt.timedelta(minutes=settings.COMPLAINT_UPLOAD_TTL_MINUTES)


def upload_limit() -> tuple[int, int]:
    """Uploads per client and window (default: enough for the submission limit's attachments)."""
    return settings.COMPLAINT_UPLOAD_RATE


def _hash(token: str) -> str:
    return hashlib.sha256(str(token).encode()).hexdigest()


def complaint_upload_create(*, upload, client: str = "") -> tuple[PendingUpload, str]:
    """Check and store one file; returns the row and its token (shown once)."""
    limit, window = upload_limit()
    ratelimit.enforce(
        scope="complaint-upload",
        client=client,
        limit=limit,
        window=window,
        message=_("Terlalu banyak unggahan dari perangkat ini."),
    )
    try:
        clean = clean_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    complaint_uploads_prune(limit=PRUNE_BATCH)  # bounded: the hourly job does the rest
    token = secrets.token_urlsafe(24)
    row = PendingUpload(token_hash=_hash(token), content_type=clean.content_type, size=clean.size)
    row.file.save(clean.content.name, clean.content, save=False)
    row.save()
    return row, token


def take_uploads(tokens) -> list[CleanFile]:
    """The cleaned files behind ``tokens``, removed from the pending uploads (call inside the
    submitting transaction: the rows are locked, so a token is used once). Unknown or expired
    tokens are an error keyed ``attachments``."""
    tokens = [t for t in (tokens or []) if t]
    if not tokens:
        return []
    if not all(isinstance(t, str) for t in tokens):
        raise ValidationError({"attachments": [_("Token unggahan tidak dikenal, sudah dipakai, atau kedaluwarsa.")]})
    hashes = [_hash(t) for t in tokens]
    fresh = timezone.now() - upload_ttl()
    rows = {r.token_hash: r for r in PendingUpload.objects.select_for_update().filter(token_hash__in=hashes)}
    if len(set(hashes)) != len(hashes) or any(h not in rows or rows[h].created_at < fresh for h in hashes):
        raise ValidationError({"attachments": [_("Token unggahan tidak dikenal, sudah dipakai, atau kedaluwarsa.")]})
    files = []
    for h in hashes:
        row = rows[h]
        with row.file.open("rb") as fh:
            data = fh.read()
        ext = row.file.name.rsplit(".", 1)[-1]
        files.append(CleanFile(ContentFile(data, name=f"lampiran.{ext}"), row.content_type, row.size))
    names = [rows[h].file.name for h in hashes]
    PendingUpload.objects.filter(pk__in=[r.pk for r in rows.values()]).delete()
    transaction.on_commit(lambda: _delete_files(names))
    return files


def uploads_alive(tokens) -> list[str]:
    """The tokens among ``tokens`` that a submission would still take (known, not expired), in
    their order: what a form re-shown after an error may keep carrying. One query."""
    tokens = [t for t in (tokens or []) if isinstance(t, str) and t]
    if not tokens:
        return []
    fresh = timezone.now() - upload_ttl()
    alive = set(
        PendingUpload.objects.filter(token_hash__in=[_hash(t) for t in tokens], created_at__gte=fresh).values_list(
            "token_hash", flat=True
        )
    )
    return [t for t in dict.fromkeys(tokens) if _hash(t) in alive]


def _delete_files(names) -> None:
    storage = PendingUpload._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def complaint_uploads_prune(*, now: dt.datetime | None = None, limit: int | None = None) -> int:
    """Delete the pending uploads older than the TTL, rows and stored files; returns how many rows.

    The one expiry rule, for the hourly job (no ``limit``: everything expired, in batches) and
    for each upload (a bounded ``limit``). Safe to run twice or on two workers at once: rows are
    locked and rows another transaction holds (a submission taking them, another prune) are
    skipped. Files are deleted before their rows, inside the transaction, so a crash leaves a
    row whose file is gone (deleted again, harmlessly, next run) and never a file nobody
    points at. A file the storage refuses to delete keeps its row for the next run.
    """
    cutoff = (now or timezone.now()) - upload_ttl()
    total = 0
    while limit is None or total < limit:
        size = PRUNE_BATCH if limit is None else min(PRUNE_BATCH, limit - total)
        seen, deleted = _prune_batch(cutoff=cutoff, size=size)
        total += deleted
        if seen < size or not deleted:
            break
    return total


def _prune_batch(*, cutoff: dt.datetime, size: int) -> tuple[int, int]:
    """One batch: (rows looked at, rows deleted)."""
    storage = PendingUpload._meta.get_field("file").storage
    with transaction.atomic():
        rows = list(
            PendingUpload.objects.select_for_update(skip_locked=True)
            .filter(created_at__lt=cutoff)
            .order_by("created_at", "pk")[:size]
        )
        gone = []
        for row in rows:
            try:
                if row.file.name:
                    storage.delete(row.file.name)
            except Exception:  # storage down or refusing: keep the row, the next run retries it
                logger.exception("pending upload %s: file %s not deleted", row.pk, row.file.name)
                continue
            gone.append(row.pk)
        if gone:
            PendingUpload.objects.filter(pk__in=gone).delete()
    return len(rows), len(gone)
