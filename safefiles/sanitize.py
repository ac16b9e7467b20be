"""Check and sanitise one uploaded file (images and PDFs); Indonesian errors for people."""

import io
from dataclasses import dataclass

import filetype
import pikepdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_TYPES = {"image/jpeg": ("JPEG", "jpg"), "image/png": ("PNG", "png"), "image/webp": ("JPEG", "jpg")}
PILLOW_FORMATS = ("JPEG", "PNG", "WEBP")
PDF_TYPE = "application/pdf"

#: Pillow's own decompression-bomb limit, lowered to ours (it refuses at twice this).
Image.MAX_IMAGE_PIXELS = settings.UPLOAD_MAX_IMAGE_PIXELS

#: Action types that run code, open other files or send data; neutralised wherever they sit.
DANGEROUS_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/RichMediaExecute",
    "/Rendition",
    "/Sound",
    "/Movie",
}
#: Annotation kinds that carry files, media or scripts.
DANGEROUS_ANNOTATIONS = {"/FileAttachment", "/Movie", "/Sound", "/Screen", "/RichMedia", "/3D"}


@dataclass
class CleanFile:
    content: ContentFile
    content_type: str
    size: int


def _image_too_large(width: int, height: int) -> ValidationError:
    return ValidationError(
        _("Gambar terlalu besar: %(w)s×%(h)s piksel (paling banyak %(mp)s juta piksel). Perkecil gambarnya dulu.")
        % {"w": width, "h": height, "mp": settings.UPLOAD_MAX_IMAGE_PIXELS // 1_000_000},
        code="image_too_large",
    )


def clean_image(data: bytes, mime: str) -> CleanFile:
    """Re-encode an image into a fresh one: no EXIF, GPS, XMP, ICC or comments survive.

    The dimensions come from the header (``Image.open`` does not decode) and an oversize image
    is refused before any pixel is decoded, so memory per upload stays under about
    ``UPLOAD_MAX_IMAGE_PIXELS`` × 4 bytes (twice that while copying).
    """
    try:
        with Image.open(io.BytesIO(data), formats=PILLOW_FORMATS) as img:
            width, height = img.size
            if width * height > settings.UPLOAD_MAX_IMAGE_PIXELS:
                raise _image_too_large(width, height)
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
    except Image.DecompressionBombError as exc:
        raise ValidationError(_("Gambar terlalu besar (piksel)."), code="image_too_large") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(_("Berkas gambar rusak atau tidak dapat dibaca."), code="bad_image") from exc
    data = out.getvalue()
    mime_out = "image/jpeg" if fmt == "JPEG" else "image/png"
    return CleanFile(ContentFile(data, name=f"lampiran.{ext}"), mime_out, len(data))


def _neutralise_actions(pdf: pikepdf.Pdf) -> None:
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Type") == "/EmbeddedFile":
            obj.write(b"")
            continue
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        if obj.get("/S") in DANGEROUS_ACTIONS or "/JS" in obj:
            for key in list(obj.keys()):
                del obj[key]
        for key in ("/AA", "/OpenAction", "/AF", "/EF"):  # actions; associated and embedded files
            if key in obj:
                del obj[key]


def _strip_annotations(page: pikepdf.Page) -> None:
    annots = page.obj.get("/Annots")
    if annots is None:
        return
    kept = pikepdf.Array()
    for annot in annots:
        if not isinstance(annot, pikepdf.Dictionary):
            continue
        if annot.get("/Subtype") in DANGEROUS_ANNOTATIONS:
            continue
        if "/A" in annot and annot.A.get("/S") != "/URI":  # links to a URL stay; other actions go
            continue
        if "/AA" in annot:
            continue
        kept.append(annot)
    if len(kept):
        page.obj.Annots = kept
    else:
        del page.obj["/Annots"]


def clean_pdf(data: bytes) -> CleanFile:
    """Rewrite a PDF without JavaScript, actions, document info, XMP, embedded files or
    action annotations; encrypted or unreadable PDFs are refused."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError as exc:
        raise ValidationError(
            _("PDF terkunci kata sandi tidak diterima. Unggah PDF tanpa kata sandi."), code="pdf_encrypted"
        ) from exc
    except (pikepdf.PdfError, ValueError, OSError) as exc:
        raise ValidationError(_("Berkas PDF rusak atau tidak dapat dibaca."), code="bad_pdf") from exc
    with pdf:
        if pdf.is_encrypted:
            raise ValidationError(_("PDF terenkripsi tidak diterima. Unggah PDF tanpa enkripsi."), code="pdf_encrypted")
        try:
            root = pdf.Root
            for key in ("/OpenAction", "/AA", "/Names", "/Metadata", "/AcroForm", "/Collection", "/URI", "/AF"):
                if key in root:
                    del root[key]
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            for page in pdf.pages:
                for key in ("/AA", "/Metadata", "/AF"):
                    if key in page.obj:
                        del page.obj[key]
                _strip_annotations(page)
            _neutralise_actions(pdf)
            out = io.BytesIO()
            pdf.save(out, fix_metadata_version=False, deterministic_id=True)
        except (pikepdf.PdfError, ValueError, KeyError, TypeError) as exc:
            raise ValidationError(_("Berkas PDF rusak atau tidak dapat dibaca."), code="bad_pdf") from exc
    cleaned = out.getvalue()
    return CleanFile(ContentFile(cleaned, name="lampiran.pdf"), PDF_TYPE, len(cleaned))


def clean_upload(upload, *, max_size: int) -> CleanFile:
    """Validate one uploaded file and return a sanitised copy; raises ``ValidationError``."""
    size = getattr(upload, "size", None)
    if size is None or size > max_size:
        raise ValidationError(
            _("Ukuran berkas paling besar %(mb)s MB.") % {"mb": max_size // (1024 * 1024)}, code="file_too_large"
        )
    upload.seek(0)
    data = upload.read(max_size + 1)
    if len(data) > max_size:
        raise ValidationError(_("Ukuran berkas terlalu besar."), code="file_too_large")
    kind = filetype.guess(data)
    mime = kind.mime if kind else ""
    if mime in IMAGE_TYPES:
        return clean_image(data, mime)
    if mime == PDF_TYPE:
        return clean_pdf(data)
    raise ValidationError(_("Hanya gambar (JPEG, PNG, WebP) atau PDF yang diterima."), code="file_type")
