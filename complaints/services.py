"""Every service of the complaints domain, for the doors to import from one place."""

from . import access
from .duplicates import complaint_duplicate_candidates
from .escalation import complaints_escalate
from .submission import (
    Submitted,
    complaint_add_information,
    complaint_confirm,
    complaint_rate,
    complaint_reopen,
    complaint_rotate_secret,
    complaint_secret_for_replay,
    complaint_submit,
    complaint_support,
)
from .uploads import complaint_upload_create, complaint_uploads_prune
from .workflow import (
    complaint_add_note,
    complaint_answer,
    complaint_assign,
    complaint_close,
    complaint_merge,
    complaint_reject,
    complaint_reveal_reporter,
    complaint_start,
    complaint_verify,
)

__all__ = [
    "Submitted",
    "access",
    "complaint_add_information",
    "complaint_add_note",
    "complaint_answer",
    "complaint_assign",
    "complaint_close",
    "complaint_confirm",
    "complaint_duplicate_candidates",
    "complaint_merge",
    "complaint_rate",
    "complaint_reject",
    "complaint_reopen",
    "complaint_reveal_reporter",
    "complaint_rotate_secret",
    "complaint_secret_for_replay",
    "complaint_start",
    "complaint_submit",
    "complaint_support",
    "complaint_upload_create",
    "complaint_uploads_prune",
    "complaint_verify",
    "complaints_escalate",
]
