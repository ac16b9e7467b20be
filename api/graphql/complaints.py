"""GraphQL door for complaints: the same services and selectors as REST, the same exposure rules.

Public: ``publicComplaints``, ``publicComplaint``, ``trackComplaint`` (code + secret) and the
reporter mutations; staff: ``complaints``, ``complaint`` and ``complaintAction``. Attachments:
GraphQL has no standard multipart, so files go first to ``POST /api/v1/complaints/uploads/``
(the same checks as every door) and the mutations take the returned tokens (``attachments``).

The parts live beside this module (saleor's layout): object types in ``complaint_types``,
queries in ``complaint_queries``, mutations in ``complaint_mutations``; this module only
hands them to ``schema.py`` (ADR 0002).
"""

from .complaint_mutations import (
    ComplaintAction,
    ComplaintsMutation,
    ReporterAction,
    RevealComplaintReporter,
    SubmitComplaint,
    SubmitComplaintInput,
    SupportComplaint,
)
from .complaint_queries import ComplaintsQuery
from .complaint_types import (
    AttachmentType,
    CategoryRef,
    EventType,
    MergedType,
    OPDBrief,
    PublicComplaintPage,
    PublicComplaintType,
    ReporterType,
    StaffComplaintPage,
    StaffComplaintType,
    TrackedComplaintType,
)

queries: list[type] = [ComplaintsQuery]
mutations: list[type] = [ComplaintsMutation]

# Names that lived here before the split stay importable from this module.
__all__ = [
    "AttachmentType",
    "CategoryRef",
    "ComplaintAction",
    "ComplaintsMutation",
    "ComplaintsQuery",
    "EventType",
    "MergedType",
    "OPDBrief",
    "PublicComplaintPage",
    "PublicComplaintType",
    "ReporterAction",
    "ReporterType",
    "RevealComplaintReporter",
    "StaffComplaintPage",
    "StaffComplaintType",
    "SubmitComplaint",
    "SubmitComplaintInput",
    "SupportComplaint",
    "TrackedComplaintType",
    "mutations",
    "queries",
]
