"""GraphQL door for wbs: types, queries and mutations over the domain's services and selectors."""

#: ObjectType classes whose fields join the root Query / Mutation (see api/graphql/schema.py).
queries: list[type] = []
mutations: list[type] = []
