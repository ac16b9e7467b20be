from .queries import LookupsQuery

Query = LookupsQuery
queries = [LookupsQuery]
mutations: list = []
