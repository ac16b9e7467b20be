"""GraphQL for published results (anonymous, read-only): the performance cascade."""

from .schema import Query

queries = [Query]
mutations: list = []
