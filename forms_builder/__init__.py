"""The form engine and its designer: what a form is, never who files it or when.

Owns form definitions (a Wagtail snippet with drafts, revisions, locking and live preview) and their
immutable published versions, the field types, the JSON schema, the expression language and its
interpreter, validation of answers, scoring and bands (and ``capaian``, achievement against a
target), the shipped form templates, import/export of definitions as JSON and the evaluate service.
Apps that collect answers build on it (``reporting`` for periodic OPD reports, ``complaints`` for a
category's extra fields); it imports none of them (``tests/test_import_rules.py``).
"""
