"""Complaint attachment limits; the checks and sanitising are ``safefiles.sanitize``'s (type by
content, size, images re-encoded without metadata, PDFs rewritten without scripts or metadata)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from safefiles.sanitize import IMAGE_TYPES, PDF_TYPE, CleanFile
from safefiles.sanitize import clean_upload as safe_clean_upload

__all__ = ["IMAGE_TYPES", "PDF_TYPE", "CleanFile", "clean_upload", "clean_uploads", "max_file_size", "max_files"]


def max_file_size() -> int:
    return settings.COMPLAINT_MAX_FILE_SIZE


def max_files() -> int:
    return settings.COMPLAINT_MAX_FILES


def clean_upload(upload) -> CleanFile:
    """Validate one uploaded file and return a sanitised copy (``safefiles``: the one checker)."""
    return safe_clean_upload(upload, max_size=max_file_size())


def clean_uploads(files) -> list[CleanFile]:
    files = [f for f in (files or []) if f]
    if len(files) > max_files():
        raise ValidationError(_("Paling banyak %(n)s lampiran.") % {"n": max_files()}, code="too_many_files")
    errors, cleaned = [], []
    for f in files:
        try:
            cleaned.append(clean_upload(f))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    return cleaned
