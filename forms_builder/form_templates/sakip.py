"""LKE SAKIP: the evaluation worksheet of PermenPANRB 88/2021 (four components, AA…D).

Each component is a section whose score is the evaluator's score for it in percent; the
component weights (30/30/15/25) and the grade bands come from ``bands.json``. Total =
Σ(score × weight) / Σ weight, which is Σ(score × weight) / 100 because the weights add up
to 100. The sub-component criteria and their weights are not in our reference data, so
the template leaves them to the Pemda (add fields with weights in the designer).
"""

from . import bands, reference_data

KEYS = {
    "Perencanaan Kinerja": "perencanaan_kinerja",
    "Pengukuran Kinerja": "pengukuran_kinerja",
    "Pelaporan Kinerja": "pelaporan_kinerja",
    "Evaluasi Akuntabilitas Kinerja Internal": "evaluasi_internal",
}


def _component(name: str, weight: float) -> dict:
    key = KEYS[name]
    return {
        "key": key,
        "type": "section",
        "label": name,
        "weight": weight,
        "help_text": f"Bobot komponen {weight} (PermenPANRB 88/2021).",
        "fields": [
            {
                "key": f"{key}_nilai",
                "type": "percentage",
                "label": f"Nilai komponen {name} (%)",
                "required": True,
                "decimals": 2,
                "weight": 1,
                "public": True,
            },
            {"key": f"{key}_catatan", "type": "long_text", "label": "Catatan evaluator"},
            {
                "key": f"{key}_bukti",
                "type": "file",
                "label": "Bukti dukung",
                "allowed_types": ["pdf", "xlsx", "docx"],
                "max_size_mb": 10,
            },
        ],
    }


def schema() -> dict:
    components = reference_data()["sakip_lke_components_88_2021"]
    return {
        "schema_version": 1,
        "key": "lke_sakip",
        "title": "Lembar Kerja Evaluasi (LKE) SAKIP",
        "description": "Evaluasi SAKIP menurut PermenPANRB 88/2021: empat komponen berbobot, predikat AA sampai D.",
        "fields": [
            {"key": "tahun_evaluasi", "type": "year", "label": "Tahun yang dievaluasi", "required": True},
            *(_component(c["component"], c["weight"]) for c in components),
        ],
        "rules": [],
        "scoring": {"label": "Nilai SAKIP", "method": "weighted_mean", "decimals": 2, "bands": bands("sakip_grade")},
    }
