"""Serap's part of the root schema (``api/graphql/schema.py``)."""

from .queries import BudgetQuery

queries: list[type] = [BudgetQuery]
mutations: list[type] = []
