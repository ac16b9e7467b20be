"""The file-upload field type: allowed types by content, and size."""

from __future__ import annotations

import filetype
from django.utils.translation import gettext_lazy as _

from .field_base import FieldError, FieldType

#: File types an editor may allow; each is recognised by its content (``filetype``), never its name.
FILE_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "zip": "application/zip",
}
MAX_FILE_MB = 50


class File(FieldType):
    """An upload: its type is read from its first bytes (``filetype``), never from its name.

    A file object (an upload) is sniffed; a dict ``{name, size, mime}`` is the metadata of a
    file already checked and stored by a service (submissions keep attachments apart).
    """

    name, label = "file", _("Unggah berkas")
    options = ("allowed_types", "max_size_mb")

    def check_spec(self, spec):
        unknown = set(spec.get("allowed_types") or []) - set(FILE_TYPES)
        if unknown:
            return [
                _("Jenis berkas tidak dikenal pada isian '%(key)s': %(t)s")
                % {"key": spec["key"], "t": ", ".join(sorted(unknown))}
            ]
        return []

    def _limits(self, spec):
        allowed = spec.get("allowed_types") or ["pdf"]
        max_mb = min(float(spec.get("max_size_mb") or 5), MAX_FILE_MB)
        return {FILE_TYPES[t] for t in allowed if t in FILE_TYPES}, int(max_mb * 1024 * 1024), allowed

    def clean(self, value, spec, ctx):
        mimes, max_bytes, allowed = self._limits(spec)
        if isinstance(value, dict):
            name, size, mime = str(value.get("name", ""))[:255], value.get("size"), value.get("mime")
            if not isinstance(size, int) or size < 0:
                raise FieldError(_("Data berkas tidak lengkap."))
        elif hasattr(value, "read") and hasattr(value, "size"):
            name, size = getattr(value, "name", "") or "", value.size
            if size > max_bytes:
                raise FieldError(_("Berkas terlalu besar (paling besar %(n)s MB).") % {"n": max_bytes // 1048576})
            value.seek(0)
            head = value.read(8192)
            value.seek(0)
            kind = filetype.guess(head)
            mime = kind.mime if kind else None
        else:
            raise FieldError(_("Unggah sebuah berkas."))
        if size > max_bytes:
            raise FieldError(_("Berkas terlalu besar (paling besar %(n)s MB).") % {"n": max_bytes // 1048576})
        if mime not in mimes:
            raise FieldError(_("Jenis berkas tidak diizinkan. Yang diizinkan: %(t)s.") % {"t": ", ".join(allowed)})
        return {"name": name, "size": size, "mime": mime}
