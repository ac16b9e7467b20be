"""Demo nomenclature: a realistic subset (health, education, public works, communication)."""

import csv
from datetime import date
from pathlib import Path

from .models import NomenclatureVersion
from .nomenclature import nomenclature_rows_load

DEMO_CSV = Path(__file__).parent / "data" / "nomenklatur_demo.csv"
DEMO_DECREE = "900.1.15.5-1317/2023"


def demo_nomenclature_version() -> NomenclatureVersion:
    version, _ = NomenclatureVersion.objects.get_or_create(
        decree=DEMO_DECREE,
        defaults={
            "name": "Klasifikasi, Kodefikasi dan Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah",
            "issued_on": date(2023, 6, 9),
            "is_current": True,
        },
    )
    with DEMO_CSV.open(encoding="utf-8") as handle:
        rows = [(r["kode"], r["nama"]) for r in csv.DictReader(handle)]
    nomenclature_rows_load(version=version, rows=rows)
    return version


def load(*, stdout, style) -> None:
    from .cascade_demo import load_cascade

    version = demo_nomenclature_version()
    stdout.write(f"Nomenklatur: {version.nodes.count()} kode ({version.decree}).")
    load_cascade(stdout=stdout)
