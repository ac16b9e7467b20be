"""GraphQL lookups for complaint apps (anonymous, read-only): OPDs, kecamatan with their
kelurahan/desa, complaint categories with their extra-field forms (``complaints.lookups``)."""
