"""Periodic reports' part of the root schema (``api/graphql/schema.py``)."""

from .mutations import ReportsMutation
from .queries import ReportsQuery

queries: list[type] = [ReportsQuery]
mutations: list[type] = [ReportsMutation]
