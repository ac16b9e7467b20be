"""GraphQL lookups for complaint apps (anonymous, read-only): OPDs, kecamatan with their
kelurahan/desa, complaint categories with their extra-field forms (``complaints.lookups``).

``types`` names the objects, ``queries`` resolves them, ``schema`` hands them to the root schema.
"""
