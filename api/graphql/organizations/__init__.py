"""GraphQL door for organizations: ``me``, ``opds`` (paginated, filtered) and ``opd``.

Resolvers call ``organizations.selectors`` only; the OPD list joins ``parent`` there, so
a page costs the same few queries whatever its size. ``types`` names the objects,
``queries`` resolves them, ``schema`` hands them to the root schema.
"""
