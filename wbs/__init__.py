"""Whistleblowing for the Inspectorate: anonymous reports with receipt codes, messages and evidence,
encrypted reporter identities with a four-eyes reveal, investigation, and retention. Nothing that points
to WBS is logged with a client address. Its public form pages live in ``home`` (``home/wbs_pages.py``)."""
