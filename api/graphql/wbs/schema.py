"""WBS's part of the root schema (``api/graphql/schema.py``)."""

from .mutations import WbsMutations
from .queries import WbsQueries

queries: list[type] = [WbsQueries]
mutations: list[type] = [WbsMutations]
