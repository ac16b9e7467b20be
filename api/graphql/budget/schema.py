"""Serap's part of the GraphQL schema, mixed into the root ``api/graphql/schema.py``."""

from .queries import BudgetQuery

Query = BudgetQuery
