"""Safe files: the one place where uploaded files are checked and sanitised, and served back.

Every door that accepts a file (complaint attachments and pending uploads, WBS evidence) calls
``safefiles.sanitize.clean_upload``: type by content, size, images re-encoded without metadata
after their dimensions are read from the header, PDFs rewritten by pikepdf without JavaScript,
actions, document info, XMP, embedded files or action annotations; encrypted or broken PDFs are
refused. Every door that serves a stored file uses ``safefiles.responses.attachment_response``
(a download, never inline, under ``default-src 'none'; sandbox`` and ``nosniff``).

A neutral package rather than a domain app: it imports nothing of ours, so complaints, WBS and
reporting may all use it without breaking the import rules (docs/adr/0011-safe-files.md).
"""
