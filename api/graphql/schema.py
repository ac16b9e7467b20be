"""The GraphQL schema, assembled from one package per domain (saleor's layout).

Each domain is ``api/graphql/<domain>/`` with ``types.py`` (object and input types),
``queries.py`` / ``mutations.py`` (the root fields and their resolvers, calling the domain's
selectors and services) and ``schema.py`` listing the ``queries`` / ``mutations`` classes that
join the root ``Query`` / ``Mutation`` here. The modules beside the packages are infrastructure:
``auth``, ``cost``, ``errors``, ``pagination``, ``views``. The printed schema is the public
contract, committed as ``schema.graphql`` (``tests/api/test_graphql_contract.py``).
"""

import graphene

from .audit import schema as audit
from .budget import schema as budget
from .complaints import schema as complaints
from .forms import schema as forms
from .lookups import schema as lookups
from .organizations import schema as organizations
from .planning import schema as planning
from .renaksi import schema as renaksi
from .reports import schema as reports
from .results import schema as results
from .wbs import schema as wbs

#: In this order (it is the order of the printed schema's fields).
DOMAINS = (organizations, forms, complaints, wbs, audit, reports, results, planning, budget, lookups, renaksi)


class _Ping(graphene.ObjectType):
    ping = graphene.String(description="Liveness check; answers 'pong'.")

    def resolve_ping(root, info):
        return "pong"


_queries = [q for d in DOMAINS for q in d.queries]
_mutations = [m for d in DOMAINS for m in d.mutations]

Query = type("Query", (*_queries, _Ping, graphene.ObjectType), {})
Mutation = type("Mutation", (*_mutations, graphene.ObjectType), {}) if _mutations else None

schema = graphene.Schema(query=Query, mutation=Mutation)
