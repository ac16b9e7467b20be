"""GraphQL door for forms: published schemas and evaluation, over the same services as REST.

``forms`` (paginated), ``form(id, version)`` with the complete schema as JSON, and
``evaluateForm(id, answers, version)``: answers in, nothing saved, out the cleaned data,
errors by field path, computed fields and scores (a query, as it changes nothing).
``types`` names the objects, ``queries`` resolves them, ``schema`` hands them to the root schema.
"""
