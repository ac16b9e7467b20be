"""Published results' part of the root schema (``api/graphql/schema.py``)."""

from .queries import ResultsQuery

queries: list[type] = [ResultsQuery]
mutations: list[type] = []
