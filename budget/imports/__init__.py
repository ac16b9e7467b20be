"""Imports from the finance system's export (XLSX/CSV): map columns once, preview every row error,
then apply all or nothing; the same file twice changes nothing (file digest), a corrected file
replaces the figures of the months it covers (the old values go to ``FigureRevision``). Kinds:
realisation, cash plan (monthly sums) and pagu (``pagu``: lines created or revised, tracked history).

``reader`` streams rows (openpyxl read-only / csv), ``check`` validates and aggregates them into
monthly sums per budget line (memory bounded by lines × months, not by rows), ``apply`` writes.
"""
