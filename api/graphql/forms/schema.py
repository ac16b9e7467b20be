"""Forms' part of the root schema (``api/graphql/schema.py``)."""

from .queries import FormsQuery

queries: list[type] = [FormsQuery]
mutations: list[type] = []
