"""The audit trail: history on every tracked model, registered from outside (``registry``) so no
domain model carries audit code; the sensitive-read log (``reads``); the hash chain over every event
(``chain``, ``verify``); the auditor's timeline, record history, diffs and exports; retention; and the
one way to name a job or command as an actor (``jobs.audited_job``). It imports no domain app."""
