"""Attachments uploaded ahead of a submission, for doors without multipart (GraphQL, apps).

``POST /api/v1/complaints/uploads/`` runs the very same checks as a multipart submission
(``attachments.clean_upload``: type by content, size, images re-encoded without EXIF/GPS) and
returns a random token; ``complaint_submit(uploads=[token, …])`` and
``complaint_add_information(uploads=…)`` take the cleaned files once. Only the token's SHA-256
is stored; unused uploads expire after ``COMPLAINT_UPLOAD_TTL_MINUTES`` (60) and are pruned.
"""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import ratelimit
from .attachments import CleanFile, clean_upload
from .errors import RateLimitedError, ValidationError
from .models import PendingUpload

PRUNE_BATCH = 200


def upload_ttl() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "COMPLAINT_UPLOAD_TTL_MINUTES", 60))


def upload_limit() -> tuple[int, int]:
    """Uploads per client and window (default: enough for the submission limit's attachments)."""
    return getattr(settings, "COMPLAINT_UPLOAD_RATE", (30, 3600))


def _hash(token: str) -> str:
    return hashlib.sha256(str(token).encode()).hexdigest()


def complaint_upload_create(*, upload, client: str = "") -> tuple[PendingUpload, str]:
    """Check and store one file; returns the row and its token (shown once)."""
    limit, window = upload_limit()
    if not ratelimit.hit(scope="complaint-upload", client=client, limit=limit, window=window):
        raise RateLimitedError(_("Terlalu banyak unggahan dari perangkat ini. Coba lagi nanti."))
    try:
        clean = clean_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    complaint_uploads_prune()
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


def _delete_files(names) -> None:
    storage = PendingUpload._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def complaint_uploads_prune(*, now=None) -> int:
    """Delete expired pending uploads (rows and files); a bounded batch per call."""
    cutoff = (now or timezone.now()) - upload_ttl()
    rows = list(PendingUpload.objects.filter(created_at__lt=cutoff).order_by("created_at")[:PRUNE_BATCH])
    if not rows:
        return 0
    PendingUpload.objects.filter(pk__in=[r.pk for r in rows]).delete()
    names = [r.file.name for r in rows]
    transaction.on_commit(lambda: _delete_files(names))
    return len(rows)
