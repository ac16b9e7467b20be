"""Organizations' part of the root schema (``api/graphql/schema.py``)."""

from .queries import OrganizationsQuery

queries: list[type] = [OrganizationsQuery]
mutations: list[type] = []
