"""The complaint apps' lookups' part of the root schema (``api/graphql/schema.py``)."""

from .queries import LookupsQuery

queries: list[type] = [LookupsQuery]
mutations: list[type] = []
