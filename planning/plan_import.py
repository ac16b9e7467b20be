"""Importing RPJMD and Renstra tables: map the sheet's columns, check every row, then write
all of them or none.

One row is a node (tujuan, sasaran, programme, kegiatan, sub-kegiatan) and optionally one of
its indicators with its targets; a node repeated on the next rows adds indicators. The user
confirms which column holds which field (``guess_mapping`` proposes it from the headers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organizations.models import OPD

from .models import Direction, Indicator, IndicatorTarget, NomenclatureNode, NomenclatureVersion, PlanNode, Rpjmd
from .plan_models import NOMENCLATURE_LEVEL, PARENT_LEVEL, PEMDA_LEVELS, SUPPORTS_LEVEL, NodeLevel, kind_for_level
from .services import _audited, _require_planner, node_supports_set
from .sheets import normalise, to_decimal

#: field key → (label, header words that suggest it)
FIELDS = {
    "level": (gettext_lazy("Jenjang"), ("jenjang", "tingkat", "level")),
    "code": (gettext_lazy("Kode"), ("kode", "kode rekening", "no")),
    "name": (gettext_lazy("Uraian"), ("uraian", "nama", "tujuan sasaran program")),
    "parent": (gettext_lazy("Kode induk"), ("kode induk", "induk")),
    "opd": (gettext_lazy("OPD"), ("opd", "perangkat daerah", "skpd")),
    "supports": (gettext_lazy("Mendukung sasaran daerah (kode)"), ("sasaran daerah", "mendukung", "sasaran rpjmd")),
    "indicator": (gettext_lazy("Indikator"), ("indikator", "indikator kinerja")),
    "unit": (gettext_lazy("Satuan"), ("satuan",)),
    "direction": (gettext_lazy("Arah"), ("arah", "polaritas")),
    "baseline": (gettext_lazy("Kondisi awal"), ("kondisi awal", "baseline")),
}
LEVEL_WORDS = {
    "tujuan daerah": NodeLevel.TUJUAN_PEMDA,
    "tujuan rpjmd": NodeLevel.TUJUAN_PEMDA,
    "sasaran daerah": NodeLevel.SASARAN_PEMDA,
    "sasaran rpjmd": NodeLevel.SASARAN_PEMDA,
    "tujuan": NodeLevel.TUJUAN_OPD,
    "tujuan opd": NodeLevel.TUJUAN_OPD,
    "sasaran": NodeLevel.SASARAN_OPD,
    "sasaran opd": NodeLevel.SASARAN_OPD,
    "program": NodeLevel.PROGRAM,
    "kegiatan": NodeLevel.KEGIATAN,
    "sub kegiatan": NodeLevel.SUB_KEGIATAN,
    "subkegiatan": NodeLevel.SUB_KEGIATAN,
}
DIRECTION_WORDS = {
    "": Direction.HIGHER,
    "naik": Direction.HIGHER,
    "positif": Direction.HIGHER,
    "makin tinggi makin baik": Direction.HIGHER,
    "turun": Direction.LOWER,
    "negatif": Direction.LOWER,
    "makin rendah makin baik": Direction.LOWER,
    "rentang": Direction.RANGE,
}


def target_fields(rpjmd: Rpjmd) -> dict[str, tuple]:
    return {f"target_{y}": (_("Target %(y)s") % {"y": y}, (f"target {y}", str(y))) for y in rpjmd.years}


def all_fields(rpjmd: Rpjmd) -> dict[str, tuple]:
    return {**FIELDS, **target_fields(rpjmd)}


def guess_mapping(*, header: list[str], rpjmd: Rpjmd) -> dict[str, int | None]:
    """Column index per field, from the header's words (exact match first, then containment)."""
    names = [normalise(h) for h in header]
    mapping: dict[str, int | None] = {}
    for key, (_label, words) in all_fields(rpjmd).items():
        found = next((i for i, n in enumerate(names) if n in words), None)
        if found is None:
            found = next((i for i, n in enumerate(names) for w in words if len(w) > 4 and w in n), None)
        mapping[key] = found
    return mapping


@dataclass
class PlanRow:
    line: int
    level: str
    code: str
    name: str
    parent: str = ""
    opd_id: int | None = None
    opd_name: str = ""
    supports: list[str] = field(default_factory=list)
    indicator: str = ""
    unit: str = ""
    direction: str = Direction.HIGHER
    baseline: str | None = None
    targets: dict[int, list] = field(default_factory=dict)  # year → [value, a, b] as text
    nomenclature_id: int | None = None

    @property
    def level_label(self) -> str:
        return str(NodeLevel(self.level).label)


@dataclass
class PlanPreview:
    rows: list[PlanRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def _target(text: str, direction: str) -> list:
    """``"80"`` → [80, None, None]; ``"10-20"`` (range) → [None, 10, 20]; as text for signing."""
    if direction == Direction.RANGE:
        parts = [p for p in text.replace("–", "-").split("-") if p.strip()]
        if len(parts) != 2:
            raise ValueError(text)
        low, high = to_decimal(parts[0]), to_decimal(parts[1])
        if low is None or high is None or low > high:
            raise ValueError(text)
        return [None, str(low), str(high)]
    value = to_decimal(text)
    return [None if value is None else str(value), None, None]


def plan_rows_check(*, rpjmd: Rpjmd, header: list[str], rows: list[list[str]], mapping: dict) -> PlanPreview:
    """Every row's problem by line (header is line 1); nothing is written."""
    preview = PlanPreview()
    fields = all_fields(rpjmd)
    missing = [str(fields[k][0]) for k in ("level", "code", "name") if mapping.get(k) is None]
    if missing:
        preview.errors.append((1, _("Kolom wajib belum dipilih: %(f)s.") % {"f": ", ".join(missing)}))
        return preview
    agencies = list(OPD.objects.agencies().filter(is_active=True))
    opds = {normalise(o.name): o for o in agencies}
    opds.update({normalise(o.acronym): o for o in agencies if o.acronym})
    version = NomenclatureVersion.objects.filter(is_current=True).first()
    nomen = dict(NomenclatureNode.objects.filter(version=version).values_list("code", "pk")) if version else {}
    existing = {
        (n.opd_id, n.level, n.code) for n in PlanNode.objects.filter(rpjmd=rpjmd).only("opd_id", "level", "code")
    }
    seen: set[tuple] = set()

    def cell(row, key):
        index = mapping.get(key)
        return row[index].strip() if index is not None and index < len(row) else ""

    for line, raw in enumerate(rows, start=2):
        level = LEVEL_WORDS.get(normalise(cell(raw, "level")))
        code, name = cell(raw, "code"), cell(raw, "name")
        if level is None:
            preview.errors.append((line, _("Jenjang “%(v)s” tidak dikenal.") % {"v": cell(raw, "level")}))
            continue
        if not code:
            preview.errors.append((line, _("Kode kosong.")))
            continue
        row = PlanRow(line=line, level=level, code=code, name=name, parent=cell(raw, "parent"))
        if level not in PEMDA_LEVELS:
            opd = opds.get(normalise(cell(raw, "opd")))
            if opd is None:
                preview.errors.append((line, _("OPD “%(v)s” tidak dikenal.") % {"v": cell(raw, "opd")}))
                continue
            row.opd_id, row.opd_name = opd.pk, opd.name
        if level in NOMENCLATURE_LEVEL:
            row.nomenclature_id = nomen.get(code)
            if row.nomenclature_id is None:
                preview.errors.append((line, _("Kode “%(c)s” tidak ada di nomenklatur yang berlaku.") % {"c": code}))
                continue
        if not name:
            preview.errors.append((line, _("Uraian kosong.")))
            continue
        key = (row.opd_id, level, code)
        want_parent = PARENT_LEVEL.get(level)
        if want_parent is not None:
            parent_key = (None if want_parent in PEMDA_LEVELS else row.opd_id, want_parent, row.parent)
            if not row.parent or (parent_key not in seen and parent_key not in existing):
                preview.errors.append((line, _("Induk “%(p)s” belum ada (baris induk harus lebih dulu).") % {
                    "p": row.parent or "—"}))  # fmt: skip
                continue
        supports = [s.strip() for s in cell(raw, "supports").replace(",", ";").split(";") if s.strip()]
        if supports and level not in SUPPORTS_LEVEL:
            preview.errors.append((line, _("Jenjang ini tidak dikaitkan ke sasaran daerah.")))
            continue
        row.supports = supports
        row.indicator, row.unit = cell(raw, "indicator"), cell(raw, "unit")
        direction = DIRECTION_WORDS.get(normalise(cell(raw, "direction")))
        if direction is None:
            preview.errors.append((line, _("Arah “%(v)s” tidak dikenal (naik, turun, rentang).") % {
                "v": cell(raw, "direction")}))  # fmt: skip
            continue
        row.direction = direction
        try:
            baseline = to_decimal(cell(raw, "baseline"))
            row.baseline = None if baseline is None else str(baseline)
            for year in rpjmd.years:
                text = cell(raw, f"target_{year}")
                if text:
                    row.targets[year] = _target(text, direction)
        except ValueError as exc:
            preview.errors.append((line, _("Angka “%(v)s” tidak terbaca.") % {"v": exc.args[0]}))
            continue
        if (row.targets or row.baseline) and not row.indicator:
            preview.errors.append((line, _("Target diisi tanpa nama indikator.")))
            continue
        seen.add(key)
        preview.rows.append(row)
    pemda_codes = {r.code for r in preview.rows if r.level == NodeLevel.SASARAN_PEMDA} | {
        c for (o, lv, c) in existing if lv == NodeLevel.SASARAN_PEMDA
    }
    for row in preview.rows:
        if row.level == NodeLevel.SASARAN_OPD:
            unknown = [s for s in row.supports if s not in pemda_codes]
            if unknown:
                preview.errors.append((row.line, _("Sasaran daerah “%(c)s” tidak ada.") % {"c": ", ".join(unknown)}))
    preview.errors.sort()
    return preview


def _dec(text: str | None) -> Decimal | None:
    return None if text in (None, "") else Decimal(text)


@transaction.atomic
def plan_rows_load(*, rpjmd: Rpjmd, rows: list[PlanRow], actor) -> int:
    """Create or update the nodes, indicators, targets and links of checked rows; all or nothing."""
    _require_planner(actor)
    nodes = {(n.opd_id, n.level, n.code): n for n in PlanNode.objects.filter(rpjmd=rpjmd)}
    reason = _("Impor rencana dari lembar kerja")
    touched: dict[tuple, PlanNode] = {}
    for order, row in enumerate(rows):
        key = (row.opd_id, row.level, row.code)
        node = nodes.get(key) or PlanNode(rpjmd=rpjmd, level=row.level, opd_id=row.opd_id, code=row.code)
        want_parent = PARENT_LEVEL.get(row.level)
        parent = None
        if want_parent is not None:
            parent = nodes[(None if want_parent in PEMDA_LEVELS else row.opd_id, want_parent, row.parent)]
        if key not in touched:
            node.name, node.parent, node.nomenclature_id, node.order = row.name, parent, row.nomenclature_id, order
            node.full_clean()
            _audited(node, actor=actor, reason=reason).save()
            nodes[key] = touched[key] = node
        if row.indicator:
            indicator = Indicator.objects.filter(node=node, name=row.indicator).first() or Indicator(
                node=node, name=row.indicator, kind=kind_for_level(row.level)
            )
            indicator.unit, indicator.direction, indicator.baseline = row.unit, row.direction, _dec(row.baseline)
            indicator.responsible_opd_id = row.opd_id
            _audited(indicator, actor=actor, reason=reason).save()
            have = {t.year: t for t in IndicatorTarget.objects.filter(indicator=indicator)}
            for year, (value, low, high) in row.targets.items():
                target = have.get(year) or IndicatorTarget(indicator=indicator, year=year)
                target.value, target.value_min, target.value_max = _dec(value), _dec(low), _dec(high)
                _audited(target, actor=actor, reason=reason).save()
    for row in rows:
        if row.supports and row.level == NodeLevel.SASARAN_OPD:
            node = nodes[(row.opd_id, row.level, row.code)]
            targets = [nodes[(None, NodeLevel.SASARAN_PEMDA, c)] for c in row.supports]
            current = list(node.supports.all())
            node_supports_set(node=node, targets={*current, *targets}, actor=actor, reason=reason)
    return len(touched)


def rows_to_json(rows: list[PlanRow]) -> list[dict]:
    return [r.__dict__ | {"targets": {str(y): v for y, v in r.targets.items()}} for r in rows]


def rows_from_json(data: list[dict]) -> list[PlanRow]:
    return [PlanRow(**(d | {"targets": {int(y): v for y, v in d["targets"].items()}})) for d in data]


def plan_import_check_or_fail(preview: PlanPreview) -> None:
    if preview.errors:
        raise ValidationError([_("Baris %(n)d: %(m)s") % {"n": line, "m": msg} for line, msg in preview.errors])
