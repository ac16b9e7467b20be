"""GraphQL door for audit: ``auditEvents`` (same filters as REST and the admin) and ``auditRecord``.

Auditor and Inspektorat only (401 anonymous, 403 others); restricted models (WBS) are
hidden from Auditors by ``audit.selectors``.
``types`` names the objects, ``queries`` resolves them, ``schema`` hands them to the root schema.
"""
