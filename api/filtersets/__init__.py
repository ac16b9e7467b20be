"""django-filter FilterSets shared by the REST and GraphQL doors, one module per domain."""
