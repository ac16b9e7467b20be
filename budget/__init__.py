"""Serap: budget absorption and contract-schedule monitoring per OPD.

Owns the fiscal year's budgets (pagu per sub-kegiatan of ``planning``'s nomenclature, original and
revised, by funding source), the monthly cash plan (anggaran kas) and realisation (SP2D), absorption
and deviation; procurement packages, contracts, their stages with a responsible party and their
physical/financial progress (S-curve); the rules (kontrak kritis, late penalty, lateness) as data in
``rules``; "who is slow" per OPD; imports from the finance system's export; alerts through
``notifications``; the OCDS 1.1 export. Doors (admin, dashboard, REST, GraphQL, public page) are thin.
"""
