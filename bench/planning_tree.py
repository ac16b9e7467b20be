"""The performance cascade at two sizes (≈ 500 and ≈ 5,000 nodes, three years of quarters):
building the achievements, drawing the SVG tree and its text alternative, the public page
and the results API. The query count must be the same at both sizes.
"""

from decimal import Decimal

from django.db import reset_queries
from django.test import Client

from organizations.models import OPD, OPDKind
from planning.achievement import cascade_build
from planning.models import (
    Indicator,
    IndicatorKind,
    IndicatorTarget,
    NodeLevel,
    NodeSupport,
    PlanNode,
    Realisation,
    RealisationStatus,
    Rpjmd,
)
from planning.tree_svg import tree_svg, tree_text_html

YEARS = (2025, 2026, 2027)
PER_OPD = 55  # 1 tujuan, 2 sasaran, 4 programmes, 12 kegiatan, 36 sub-kegiatan
SIZES = (500, 5000)
PREFIX = "Bench Kinerja"


def _bulk(model, rows):
    return model.objects.bulk_create(rows, batch_size=2000)  # audit: bulk-ok (benchmark data, scratch database)


def build(size: int) -> Rpjmd:
    Rpjmd.objects.all().delete()
    OPD.objects.filter(name__startswith=PREFIX).delete()
    rpjmd = Rpjmd.objects.create(name="RPJMD Bench 2025–2029", start_year=2025, end_year=2029, is_published=True)
    tujuan = _bulk(PlanNode, [PlanNode(rpjmd=rpjmd, level=NodeLevel.TUJUAN_PEMDA, code=f"T{i}", name=f"Tujuan {i}")
                              for i in range(4)])  # fmt: skip
    sasaran = _bulk(PlanNode, [PlanNode(rpjmd=rpjmd, level=NodeLevel.SASARAN_PEMDA, code=f"S{i}", name=f"Sasaran {i}",
                                        parent=tujuan[i % 4]) for i in range(10)])  # fmt: skip
    opds = _bulk(OPD, [OPD(name=f"{PREFIX} {i}", kind=OPDKind.DINAS) for i in range(max(1, size // PER_OPD))])

    def level(rows):
        return _bulk(PlanNode, rows)

    t = level([PlanNode(rpjmd=rpjmd, level=NodeLevel.TUJUAN_OPD, code="T1", name="Tujuan OPD", opd=o) for o in opds])
    s = level([PlanNode(rpjmd=rpjmd, level=NodeLevel.SASARAN_OPD, code=f"S{k}", name=f"Sasaran OPD {k}",
                        opd=p.opd, parent=p) for p in t for k in range(2)])  # fmt: skip
    _bulk(NodeSupport, [NodeSupport(node=n, target=sasaran[i % 10]) for i, n in enumerate(s)])
    p = level([PlanNode(rpjmd=rpjmd, level=NodeLevel.PROGRAM, code=f"{i}.02.{k:02d}", name=f"Program {k}",
                        opd=q.opd, parent=q) for i, q in enumerate(s) for k in range(2)])  # fmt: skip
    g = level([PlanNode(rpjmd=rpjmd, level=NodeLevel.KEGIATAN, code=f"{q.code}.2.{k:02d}", name=f"Kegiatan {k}",
                        opd=q.opd, parent=q) for q in p for k in range(3)])  # fmt: skip
    u = level([PlanNode(rpjmd=rpjmd, level=NodeLevel.SUB_KEGIATAN, code=f"{q.code}.{k:04d}", name=f"Sub {k}",
                        opd=q.opd, parent=q) for q in g for k in range(3)])  # fmt: skip
    nodes = [*sasaran, *s, *p, *g, *u]
    indicators = _bulk(Indicator, [Indicator(node=n, kind=IndicatorKind.OUTPUT, name=f"Indikator {n.code}", unit="%")
                                   for n in nodes])  # fmt: skip
    _bulk(IndicatorTarget, [IndicatorTarget(indicator=i, year=y, value=Decimal(100)) for i in indicators
                            for y in (*YEARS, 2029)])  # fmt: skip
    _bulk(Realisation, [Realisation(indicator=i, year=y, quarter=q, value=Decimal(60 + (i.pk * 7 + q) % 50),
                                    status=RealisationStatus.VERIFIED)
                        for i in indicators for y in YEARS for q in (1, 2, 3, 4)])  # fmt: skip
    return rpjmd


def run(report) -> None:
    from wagtail.models import Site

    from home.planning_pages import PerformancePage

    home = Site.objects.get(is_default_site=True).root_page
    page = PerformancePage(title="Kinerja Bench", slug="kinerja-bench")
    home.add_child(instance=page)
    page.save_revision().publish()
    client = Client()
    for size in SIZES:
        rpjmd = build(size)
        reset_queries()  # the query log is a bounded deque: empty it so the counts are real
        nodes = PlanNode.objects.filter(rpjmd=rpjmd).count()
        cascade = cascade_build(rpjmd=rpjmd, year=2026)
        report.measure("cascade_build (achievement of every node)", nodes, lambda r=rpjmd: cascade_build(rpjmd=r,
                       year=2026), rounds=3)  # fmt: skip
        svg = tree_svg(cascade, max_depth=7)
        report.measure("tree_svg, every level", nodes, lambda c=cascade: tree_svg(c, max_depth=7), rounds=3)
        report.measure("tree_text_html, every level", nodes, lambda c=cascade: tree_text_html(c), rounds=3)
        url = page.url + "?tahun=2026&jenjang=7"
        body = client.get(url).content
        report.measure("public page, whole tree", nodes, lambda u=url: client.get(u), rounds=3)
        report.measure("GET /api/v1/results/performance/tree/", nodes,
                       lambda: client.get("/api/v1/results/performance/tree/?tahun=2026"), rounds=3)  # fmt: skip
        report.note(f"size {nodes} nodes, {Realisation.objects.count()} quarters ({len(YEARS)} years): "
                    f"SVG {len(svg) / 1024:.0f} KiB, page {len(body) / 1024:.0f} KiB")  # fmt: skip
