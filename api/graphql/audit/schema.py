"""Audit's part of the root schema (``api/graphql/schema.py``)."""

from .queries import AuditQuery

queries: list[type] = [AuditQuery]
mutations: list[type] = []
