"""GraphQL door for periodic reports: the same services, selectors and shapes as REST.

Queries ``myCurrentReports``, ``reportSubmissions`` (filters, paginated), ``reportSubmission(id)``;
mutations ``saveReportDraft(id, answers, expectedRevision)`` (a stale revision is a 412 error
with ``extensions.code == "stale_revision"`` and the changed field paths in ``extensions.errors``),
``submitReport``, ``returnReport``, ``verifyReport``, ``publishReport`` — each honours the
``Idempotency-Key`` header (a replay returns ``replayed: true`` and makes no second transition).
Attachments are uploaded through REST (multipart); here they are listed with their download URL.

``types`` names the objects, ``queries`` and ``mutations`` resolve them, ``schema`` hands them
to the root schema.
"""
