"""Attachment checks: type by content (``filetype``), size limits, and image re-encoding
with Pillow so no metadata (EXIF, GPS, XMP, ICC comments) survives."""

import io
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_TYPES = {"image/jpeg": ("JPEG", "jpg"), "image/png": ("PNG", "png"), "image/webp": ("JPEG", "jpg")}
PDF_TYPE = "application/pdf"
MAX_PIXELS = 40_000_000


def max_file_size() -> int:
    return settings.COMPLAINT_MAX_FILE_SIZE


def max_files() -> int:
    return settings.COMPLAINT_MAX_FILES


@dataclass
class CleanFile:
    content: ContentFile
    content_type: str
    size: int


def _reencode(data: bytes, mime: str) -> CleanFile:
    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.width * img.height > MAX_PIXELS:
                raise ValidationError(_("Gambar terlalu besar (piksel)."), code="image_too_large")
            img.load()
            img = ImageOps.exif_transpose(img)  # keep the visible orientation, then drop EXIF
            fmt, ext = IMAGE_TYPES[mime]
            if fmt == "JPEG" and img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            elif fmt == "PNG" and img.mode not in ("RGB", "RGBA", "L", "LA"):
                img = img.convert("RGBA")
            clean = Image.new(img.mode, img.size)  # a fresh image: no info, EXIF, XMP or ICC
            clean.paste(img)
            out = io.BytesIO()
            if fmt == "JPEG":
                clean.save(out, format="JPEG", quality=85, optimize=True)
            else:
                clean.save(out, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("Berkas gambar rusak atau tidak dapat dibaca."), code="bad_image") from exc
    data = out.getvalue()
    mime_out = "image/jpeg" if fmt == "JPEG" else "image/png"
    return CleanFile(ContentFile(data, name=f"lampiran.{ext}"), mime_out, len(data))


def clean_upload(upload) -> CleanFile:
    """Validate one uploaded file and return a safe copy; raises ``ValidationError`` in Indonesian."""
    size = getattr(upload, "size", None)
    if size is None or size > max_file_size():
        raise ValidationError(
            _("Ukuran berkas paling besar %(mb)s MB.") % {"mb": max_file_size() // (1024 * 1024)},
            code="file_too_large",
        )
    upload.seek(0)
    data = upload.read()
    if len(data) > max_file_size():
        raise ValidationError(_("Ukuran berkas terlalu besar."), code="file_too_large")
    kind = filetype.guess(data)
    mime = kind.mime if kind else ""
    if mime in IMAGE_TYPES:
        return _reencode(data, mime)
    if mime == PDF_TYPE:
        return CleanFile(ContentFile(data, name="lampiran.pdf"), PDF_TYPE, len(data))
    raise ValidationError(_("Hanya gambar (JPEG, PNG, WebP) atau PDF yang diterima."), code="file_type")


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
