"""GraphQL for staff planning data (read): the indicators whose realisation the user enters.

``types`` names the objects, ``queries`` resolves them, ``schema`` hands them to the root schema.
"""
