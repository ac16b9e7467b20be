"""Renaksi: the Pemda's multi-year action plan (rencana aksi) of SP4N-LAPOR complaint management.

Part of ``complaints`` (DESIGN: the app owns the LAPOR self-assessment and the action plan). A plan
(``ActionPlan``, e.g. "Renaksi 2025–2027") holds actions (``Action``) each owned by one OPD with an
output, an indicator and a due date; the owner OPD reports quarterly progress (``ActionProgress``,
one per action, year and quarter) with evidence files (``ActionEvidence``, cleaned by ``safefiles``).

- ``models``: data and invariants (constraints in ``Meta``); re-exported by ``complaints.models``.
- ``status``: THE status rule (belum mulai / berjalan / selesai / terlambat), in Python and as a
  query filter, and the quarterly reporting calendar.
- ``access``: who may edit the plan, who may report progress, who sees what.
- ``services`` / ``selectors``: changes (actor, reason, transaction) and reads (visibility, prefetch).
- ``reminders``: the django-q2 job's rules (quarter reminders, overdue notices, once-only).
- ``public``: the plain data the public page, REST and GraphQL serve (public fields only).
"""
