"""GraphQL door for complaints: the same services and selectors as REST, the same exposure rules.

Public: ``publicComplaints``, ``publicComplaint``, ``trackComplaint`` (code + secret) and the
reporter mutations; staff: ``complaints``, ``complaint`` and ``complaintAction``. Attachments:
GraphQL has no standard multipart, so files go first to ``POST /api/v1/complaints/uploads/``
(the same checks as every door) and the mutations take the returned tokens (``attachments``).

``types`` names the objects (one per audience), ``queries`` and ``mutations`` resolve them,
``schema`` hands them to the root schema (ADR 0002). The lookups a complaint form needs (OPDs,
areas, categories) are the ``lookups`` package beside this one.
"""
