"""Shipped form templates (Python modules building form schemas, not Django templates), as
published-schema JSON (see ``forms_builder.schema``), importable anywhere.

Every number comes from ``bands.json`` here, a verbatim copy of the project's regulatory
reference data (``shared/domain/bands.json``; sources and certainty in its README), or is
quoted in the template with its source. Numbers marked *unconfirmed* there are plain data
in the template, editable in the designer like everything else.
"""

import json
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def reference_data() -> dict:
    """The regulatory band tables and weights (a copy of shared/domain/bands.json)."""
    return json.loads((Path(__file__).parent / "bands.json").read_text(encoding="utf-8"))


def bands(name: str) -> list[dict]:
    """A band table by name, copied so a template never shares mutable data."""
    return [dict(b) for b in reference_data()[name]]


def all_templates() -> list[dict]:
    """Every shipped template schema, in menu order."""
    from . import lapor, lkpj, lppd, sakip, spbe, spm

    return [m.schema() for m in (sakip, spbe, spm, lppd, lkpj, lapor)]
