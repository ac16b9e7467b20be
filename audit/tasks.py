"""django-q2 jobs of the audit trail (scheduled by migration ``audit/0004`` and ``audit/schedules.py``)."""

import logging

from .chain import chain_head, seal_job, seal_pending
from .jobs import audited_job
from .retention import history_prune_all, retention_policy
from .verify import verify_chain

logger = logging.getLogger("sepakat.audit")


@audited_job("audit_verify")
def verify_chain_job() -> dict:
    """Nightly: seal pending events, verify the whole chain, log the head for anchoring."""
    seal_pending()
    result = verify_chain()
    head = chain_head()
    if result.ok:
        logger.info("audit chain OK: %s links, head #%s %s", result.checked, head.seq, head.hash)
    else:
        logger.error("AUDIT CHAIN BROKEN: %s", result.broken)
    return {"ok": result.ok, "checked": result.checked, "broken": str(result.broken or ""), **head.as_dict()}


@audited_job("audit_seal")
def seal_chain_job() -> int:
    """Seal the signed events waiting for their link (queued after commits, and every minute)."""
    return seal_job()


@audited_job("audit_prune")
def prune_history_job() -> int:
    """Weekly: apply ``AUDIT_RETENTION_DAYS`` (nothing happens when it is empty)."""
    if not retention_policy():
        return 0
    return sum(run.deleted for run in history_prune_all())
