"""GraphQL for published results (anonymous, read-only): the performance cascade.

``types`` names the objects, ``queries`` resolves them, ``schema`` hands them to the root schema.
"""
