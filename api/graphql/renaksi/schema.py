"""The Renaksi's part of the root schema (``api/graphql/schema.py``)."""

from .queries import RenaksiQuery

queries: list[type] = [RenaksiQuery]
mutations: list[type] = []
