"""GraphQL door for WBS: the same services and selectors as REST, the same rules.

Public fields (categories, follow-up, submit, reply) forget the client's address first.
``wbsCase`` is the detail read and is logged; lists and mutation results carry no content
beyond the title.

``types`` names the objects (content fields resolve to empty once retention has purged them),
``queries`` and ``mutations`` resolve them, ``schema`` hands them to the root schema.
"""
