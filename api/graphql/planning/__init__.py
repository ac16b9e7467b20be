"""GraphQL for staff planning data: the indicators whose realisation the user enters (read) and the
edits over the planning services (link a sasaran, submit a quarter, Bappeda's review).

``types`` names the objects, ``queries`` and ``mutations`` resolve them, ``schema`` hands them to the
root schema.
"""
