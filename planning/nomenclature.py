"""Loading the nomenclature: validate every row first, then write all of them or none.

The row checks live here so the admin import (preview with row errors), the demo and a
management command share them. Codes are checked for their shape and for a parent present in
the same file or already in the version.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import NomenclatureNode, NomenclatureVersion, level_of_code, parent_code


@dataclass
class RowError:
    line: int
    code: str
    message: str


@dataclass
class NomenclaturePreview:
    rows: list[tuple[str, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def nomenclature_rows_check(*, version: NomenclatureVersion, rows: Iterable[tuple[str, str]]) -> NomenclaturePreview:
    """Every row's problem, named by its line (the header is line 1), without writing anything."""
    preview = NomenclaturePreview()
    existing = set(NomenclatureNode.objects.filter(version=version).values_list("code", flat=True))
    seen: set[str] = set()
    for line, (raw_code, raw_name) in enumerate(rows, start=2):
        code, name = (raw_code or "").strip(), (raw_name or "").strip()
        if level_of_code(code) is None:
            preview.errors.append(
                RowError(line, code, _("Kode “%(code)s” tidak berbentuk kode nomenklatur.") % {"code": code})
            )
            continue
        if not name:
            preview.errors.append(RowError(line, code, _("Nama kosong.")))
            continue
        if code in seen:
            preview.errors.append(RowError(line, code, _("Kode “%(code)s” muncul dua kali.") % {"code": code}))
            continue
        up = parent_code(code)
        if up is not None and up not in seen and up not in existing:
            preview.errors.append(
                RowError(line, code, _("Induk “%(parent)s” belum ada (baris induk harus lebih dulu).") % {"parent": up})
            )
            continue
        seen.add(code)
        preview.rows.append((code, name))
    return preview


def nomenclature_rows_load(*, version: NomenclatureVersion, rows: Iterable[tuple[str, str]]) -> int:
    """Create or rename the nodes of ``rows`` in ``version``; all or nothing. Returns the row count."""
    preview = nomenclature_rows_check(version=version, rows=rows)
    if preview.errors:
        raise ValidationError([f"{_('Baris')} {e.line}: {e.message}" for e in preview.errors])
    with transaction.atomic():
        by_code = {n.code: n for n in NomenclatureNode.objects.filter(version=version)}
        for code, name in preview.rows:
            node = by_code.get(code)
            if node is None:
                up = parent_code(code)
                node = NomenclatureNode.objects.create(
                    version=version,
                    code=code,
                    name=name,
                    level=level_of_code(code),
                    parent=by_code.get(up) if up else None,
                )
                by_code[code] = node
            elif node.name != name:
                node.name = name
                node.save(update_fields=["name"])
    return len(preview.rows)
