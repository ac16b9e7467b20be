"""Planning: the nomenclature of government affairs and the SAKIP performance cascade.

Owns the Kemendagri nomenclature (urusan → bidang urusan → program → kegiatan → sub-kegiatan, each
with its official code, versioned by the decree that issued it), which budget monitoring (``budget``)
links its budget lines to; and, built on it, the RPJMD and Renstra OPD, their indicators, yearly
targets, the Perjanjian Kinerja, quarterly realisation, achievement (through the form engine's one
capaian service), the performance tree and the LKjIP.
"""
