import graphene


class Query(graphene.ObjectType):
    ping = graphene.String()

    def resolve_ping(root, info):
        return "pong"


schema = graphene.Schema(query=Query)
