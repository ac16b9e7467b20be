"""GraphQL for Serap (budget absorption and contracts): ``types``, ``queries``, ``schema``."""

from .schema import Query

queries: list[type] = [Query]
mutations: list[type] = []
