"""Exports of periodic reports to CSV/XLSX: ``writers`` (the plan, rows and file writers, used
inline by the admin door), ``columns`` (one column per field key, typed cells), ``exports.xlsx_stream``
(a fast streaming XLSX writer) and ``jobs`` (large exports built by a django-q2 worker)."""
