"""The GraphQL schema, assembled from one module per domain (saleor's layout)."""

import graphene

from . import audit, complaints, forms, organizations, planning, reports, results, wbs
from . import budget as budget_graphql
from .lookups.schema import Query as LookupsQuery

DOMAINS = (organizations, forms, complaints, wbs, audit, reports, results, planning, budget_graphql)


class _Ping(graphene.ObjectType):
    ping = graphene.String(description="Liveness check; answers 'pong'.")

    def resolve_ping(root, info):
        return "pong"


_queries = [q for d in DOMAINS for q in d.queries]
_queries.append(LookupsQuery)  # complaint apps' lookups (api/graphql/lookups/)
_mutations = [m for d in DOMAINS for m in d.mutations]

Query = type("Query", (*_queries, _Ping, graphene.ObjectType), {})
Mutation = type("Mutation", (*_mutations, graphene.ObjectType), {}) if _mutations else None

schema = graphene.Schema(query=Query, mutation=Mutation)
