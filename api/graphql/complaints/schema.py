"""Complaints' part of the root schema (``api/graphql/schema.py``)."""

from .mutations import ComplaintsMutation
from .queries import ComplaintsQuery

queries: list[type] = [ComplaintsQuery]
mutations: list[type] = [ComplaintsMutation]
