"""GraphQL for Serap (budget absorption and contracts), through ``budget``'s selectors.

``types`` names the objects, ``queries`` resolves them, ``schema`` hands them to the root schema.
"""
