"""Demo cascade: Kabupaten Nunukan's RPJMD 2025–2029 down to sub-kegiatan, with two years of
quarterly realisation. Deterministic (seeded), idempotent (skipped when the plan exists),
written with the history-aware bulk writes.

The five OPDs the demo's LKE SAKIP scores keep their LKjIP indicators (``reporting.demo``)
as IKU OPD with the same 2025 target and realisation, so both pages tell one story.
"""

from __future__ import annotations

import random
from decimal import Decimal

from django.utils import timezone

from audit.bulk import bulk_create_tracked
from organizations.models import OPD

from .models import (
    Direction,
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    Misi,
    NodeLevel,
    NodeSupport,
    NomenclatureLevel,
    NomenclatureNode,
    NomenclatureVersion,
    PlanNode,
    Realisation,
    RealisationStatus,
    Rpjmd,
)

YEARS = (2025, 2026)
START, END = 2025, 2029
SEED = 20250101

MISI = [
    "Mewujudkan sumber daya manusia yang sehat, cerdas dan berdaya saing.",
    "Mewujudkan infrastruktur wilayah perbatasan yang merata dan berkelanjutan.",
    "Mewujudkan perekonomian daerah yang tangguh berbasis potensi lokal.",
    "Mewujudkan tata kelola pemerintahan yang bersih, efektif dan melayani.",
]
#: tujuan → [(sasaran, IKU Pemda, unit, direction, baseline, target 2025, yearly step)]
TUJUAN = [
    (
        "Meningkatkan kualitas sumber daya manusia",
        [
            ("Meningkatnya derajat kesehatan masyarakat", "Usia harapan hidup", "tahun", "naik", 71.2, 71.5, 0.2),
            ("Meningkatnya kualitas pendidikan", "Rata-rata lama sekolah", "tahun", "naik", 8.1, 8.3, 0.15),
            ("Menurunnya angka kemiskinan", "Persentase penduduk miskin", "%", "turun", 6.9, 6.6, -0.2),
        ],
    ),
    (
        "Meningkatkan kualitas infrastruktur dan lingkungan",
        [
            (
                "Meningkatnya konektivitas wilayah perbatasan",
                "Persentase jalan kabupaten kondisi mantap",
                "%",
                "naik",
                60,
                65,
                3,
            ),
            (
                "Meningkatnya kualitas lingkungan hidup",
                "Indeks kualitas lingkungan hidup",
                "indeks",
                "naik",
                70,
                71,
                0.5,
            ),
        ],
    ),
    (
        "Meningkatkan pertumbuhan ekonomi daerah",
        [
            ("Meningkatnya pertumbuhan ekonomi", "Laju pertumbuhan ekonomi", "%", "naik", 4.8, 5.0, 0.2),
            ("Meningkatnya ketahanan pangan", "Skor pola pangan harapan", "skor", "naik", 82, 84, 1.5),
            ("Terkendalinya tingkat pengangguran", "Tingkat pengangguran terbuka", "%", "turun", 4.2, 4.0, -0.1),
        ],
    ),
    (
        "Mewujudkan tata kelola pemerintahan yang baik",
        [
            ("Meningkatnya akuntabilitas kinerja pemerintah daerah", "Nilai SAKIP Pemda", "nilai", "naik", 62, 65, 2.5),
            ("Meningkatnya kualitas pelayanan publik", "Indeks kepuasan masyarakat", "indeks", "naik", 78, 80, 1),
        ],
    ),
]
#: OPD acronym → (nomenclature bidang code, Pemda sasaran indexes it supports (0–9) per OPD sasaran)
OPDS = {
    "Dinkes": ("1.02", [[0], [0, 2]]), "RSUD Nunukan": ("1.02", [[0], [9]]), "Disdikbud": ("1.01", [[1], [1]]),
    "DPUPR": ("1.03", [[3], [3, 4]]), "Diskominfotik": ("2.16", [[9], [8]]), "Disperkim": ("1.04", [[4], [2]]),
    "Satpol PP-Damkar": ("1.05", [[9], []]), "Dinsos": ("1.06", [[2], [2]]), "Disnakertrans": ("2.07", [[7], [5]]),
    "DP3A": ("2.08", [[2], [9]]), "DKP": ("2.09", [[6], [6]]), "DLH": ("2.11", [[4], [4]]),
    "Disdukcapil": ("2.12", [[9], [9]]), "DPMD": ("2.13", [[2], [5]]), "DPPKB": ("2.14", [[0], [2]]),
    "Dishub": ("2.15", [[3], [5]]), "Dinkop UKM": ("2.17", [[5], [7]]), "DPMPTSP": ("2.18", [[5], [9]]),
    "Disporapar": ("2.19", [[1], [5]]), "Dispusip": ("2.23", [[1], []]), "Diskan": ("3.25", [[6], [5]]),
    "Distan": ("3.27", [[6], [5]]), "Disdag": ("3.30", [[5], [7]]), "Setda": ("4.01", [[8], [9]]),
    "Bappeda-Litbang": ("5.01", [[8], [8]]), "BPKAD": ("5.02", [[8], [5]]),
}  # fmt: skip


def _iku_opd(acronym: str) -> list[tuple]:
    """The SAKIP demo's LKjIP indicators of this OPD (name, unit, arah, 2025 target, 2025 realisation)."""
    from reporting.demo import SAKIP_INDICATORS

    return [(n, u, a, v[-1][0], v[-1][1]) for n, u, a, v in SAKIP_INDICATORS.get(acronym, [])]


def _d(value) -> Decimal:
    return Decimal(str(round(value, 2)))


class _Builder:
    def __init__(self, rpjmd: Rpjmd):
        self.rpjmd, self.rng = rpjmd, random.Random(SEED)  # noqa: S311 — demo figures, not secrets
        self.nodes: list[PlanNode] = []
        self.indicators: list[tuple[PlanNode, Indicator, list]] = []  # node, indicator, [(year, target)]

    def node(self, level, code, name, *, opd=None, parent=None, nomenclature=None, order=0) -> PlanNode:
        node = PlanNode(rpjmd=self.rpjmd, level=level, code=code, name=name[:500], opd=opd, parent=parent,
                        nomenclature=nomenclature, order=order)  # fmt: skip
        self.nodes.append(node)
        return node

    def indicator(self, node, kind, name, unit, direction, baseline, first, step, *, opd=None, fixed=None):
        ind = Indicator(node=node, kind=kind, name=name[:500], unit=unit, direction=direction,
                        baseline=_d(baseline), responsible_opd=opd, data_source="Laporan OPD")  # fmt: skip
        targets = [(y, _d(first + step * (y - START))) for y in range(START, END + 1)]
        self.indicators.append((node, ind, targets, fixed))
        return ind


def _save_nodes(nodes: list[PlanNode]) -> None:
    """Parents before children: one bulk write per level, then the parents' ids are known."""
    for level in NodeLevel:
        batch = [n for n in nodes if n.level == level]
        for n in batch:
            n.parent_id = n.parent.pk if n.parent is not None else None
        bulk_create_tracked(PlanNode, batch, batch_size=500)


def load_cascade(*, stdout) -> Rpjmd | None:
    if Rpjmd.objects.filter(start_year=START).exists():
        return None
    rpjmd = Rpjmd(name="RPJMD Kabupaten Nunukan 2025–2029", start_year=START, end_year=END, is_published=True,
                  visi="Nunukan yang maju, sejahtera dan berdaya saing sebagai beranda terdepan NKRI")  # fmt: skip
    rpjmd.save()
    misi = [Misi.objects.create(rpjmd=rpjmd, number=i + 1, text=t) for i, t in enumerate(MISI)]
    b = _Builder(rpjmd)
    pemda_sasaran: list[PlanNode] = []
    for t_i, (tujuan, sasaran) in enumerate(TUJUAN):
        tnode = b.node(NodeLevel.TUJUAN_PEMDA, f"T{t_i + 1}", tujuan, order=t_i)
        tnode.misi = misi[t_i]
        for s_i, (name, iku, unit, direction, base, first, step) in enumerate(sasaran):
            snode = b.node(NodeLevel.SASARAN_PEMDA, f"S{t_i + 1}.{s_i + 1}", name, parent=tnode, order=s_i)
            b.indicator(snode, IndicatorKind.IKU_PEMDA, iku, unit, direction, base, first, step)
            pemda_sasaran.append(snode)
    opds = {o.acronym: o for o in OPD.objects.filter(acronym__in=OPDS)}
    version = NomenclatureVersion.objects.filter(is_current=True).first()
    nomen = list(NomenclatureNode.objects.filter(version=version).order_by("code")) if version else []
    links: list[tuple[PlanNode, PlanNode]] = []
    for o_i, (acronym, (bidang, supports)) in enumerate(OPDS.items()):
        opd = opds.get(acronym)
        if opd is None:
            continue
        tujuan = b.node(NodeLevel.TUJUAN_OPD, "T1", f"Meningkatnya kinerja {opd.name}", opd=opd, order=o_i)
        ikus = _iku_opd(acronym)
        sas_nodes = []
        for s_i, targets in enumerate(supports):
            name = ikus[s_i][0] if s_i < len(ikus) else f"Meningkatnya capaian layanan {opd.name} ({s_i + 1})"
            snode = b.node(NodeLevel.SASARAN_OPD, f"T1.S{s_i + 1}", f"Sasaran: {name}", opd=opd, parent=tujuan,
                           order=s_i)  # fmt: skip
            if s_i < len(ikus):
                n, unit, arah, target, real = ikus[s_i]
                b.indicator(snode, IndicatorKind.IKU_OPD, n, unit, arah, target * 0.95, target, 0.5 if arah == "naik"
                            else -0.2, opd=opd, fixed=(target, real))  # fmt: skip
            else:
                b.indicator(snode, IndicatorKind.IKU_OPD, f"Indeks kinerja layanan {acronym} {s_i + 1}", "%",
                            "naik", 70, 75, 2.5, opd=opd)  # fmt: skip
            links += [(snode, pemda_sasaran[i]) for i in targets]
            sas_nodes.append(snode)
        _programmes(b, opd, [n for n in nomen if n.code.startswith(bidang + ".")], sas_nodes)
    _save_nodes(b.nodes)
    bulk_create_tracked(NodeSupport, [NodeSupport(node=s, target=t) for s, t in links])
    _save_indicators(b)
    stdout.write(f"Perencanaan: {rpjmd.name}, {len(b.nodes)} simpul, {len(b.indicators)} indikator.")
    return rpjmd


def _programmes(b: _Builder, opd: OPD, nomen: list[NomenclatureNode], sasaran: list[PlanNode]) -> None:
    by_code: dict[str, PlanNode] = {}
    for n_i, item in enumerate(nomen):
        if item.level == NomenclatureLevel.PROGRAM:
            parent = sasaran[n_i % len(sasaran)]
            level, kind = NodeLevel.PROGRAM, IndicatorKind.OUTCOME
        elif item.level in (NomenclatureLevel.KEGIATAN, NomenclatureLevel.SUB_KEGIATAN):
            parent = by_code.get(item.code.rsplit(".", 2 if item.level == NomenclatureLevel.KEGIATAN else 1)[0])
            level = NodeLevel.KEGIATAN if item.level == NomenclatureLevel.KEGIATAN else NodeLevel.SUB_KEGIATAN
            kind = IndicatorKind.OUTPUT
        else:
            continue
        if parent is None:
            continue
        node = b.node(level, item.code, item.name, opd=opd, parent=parent, nomenclature=item, order=n_i)
        by_code[item.code] = node
        if level == NodeLevel.PROGRAM:
            b.indicator(node, kind, f"Persentase capaian sasaran {item.name.lower()[:80]}", "%", "naik", 70, 80, 4,
                        opd=opd)  # fmt: skip
        else:
            b.indicator(node, kind, f"Jumlah keluaran: {item.name[:120]}", "dokumen", "naik", 8, 10, 1, opd=opd)


def _save_indicators(b: _Builder) -> None:
    for _node, ind, _t, _f in b.indicators:
        ind.node_id = ind.node.pk
    bulk_create_tracked(Indicator, [i for _n, i, _t, _f in b.indicators], batch_size=500)
    targets, reals = [], []
    now = timezone.now()
    for _node, ind, yearly, fixed in b.indicators:
        for year, target in yearly:
            if fixed and year == YEARS[0]:
                target = _d(fixed[0])
            targets.append(IndicatorTarget(indicator=ind, year=year, value=target))
        for year in YEARS:
            target = next(t for y, t in yearly if y == year)
            if fixed and year == YEARS[0]:
                final = _d(fixed[1])
            else:
                factor = b.rng.uniform(0.6, 1.12) if ind.direction == Direction.HIGHER else b.rng.uniform(0.9, 1.3)
                final = _d(float(target) * factor)
            for q in (1, 2, 3, 4):
                share = Decimal(q) / 4 if ind.unit == "dokumen" else Decimal(1)
                value = _d(float(final) * float(share) * (1 if q == 4 else b.rng.uniform(0.9, 1.0)))
                pending = year == YEARS[1] and q == 4
                reals.append(Realisation(
                    indicator=ind, year=year, quarter=q, plan_value=_d(float(target) * float(share)), value=value,
                    status=RealisationStatus.SUBMITTED if pending else RealisationStatus.VERIFIED,
                    verified_at=None if pending else now,
                ))  # fmt: skip
    bulk_create_tracked(IndicatorTarget, targets, batch_size=1000)
    bulk_create_tracked(Realisation, reals, batch_size=1000)
