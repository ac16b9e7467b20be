"""SPM: the six basic services of PP 2/2018 (Permendagri 59/2021) with their achievement.

One fixed row per service: people targeted, people served to the standard, achievement =
served / target × 100, and its category (``spm_category`` in ``bands.json``). The form's
total is the mean of the six achievements, a summary of ours (not a regulatory index),
shown with the same categories; change or remove it in the designer if the Pemda prefers.

Public (``public``): the per-service figures (target, served, achievement) and the mean,
a computed field so the public report page can show it (it shows fields, not scores). The
free-text ``keterangan`` stays internal; the year is already the period's.
"""

from . import bands

SERVICES = [
    ("pendidikan", "Pendidikan"),
    ("kesehatan", "Kesehatan"),
    ("pekerjaan_umum", "Pekerjaan umum"),
    ("perumahan_rakyat", "Perumahan rakyat dan kawasan permukiman"),
    ("trantibumlinmas", "Ketenteraman, ketertiban umum dan pelindungan masyarakat"),
    ("sosial", "Sosial"),
]


def schema() -> dict:
    return {
        "schema_version": 1,
        "key": "spm",
        "title": "Laporan Penerapan Standar Pelayanan Minimal (SPM)",
        "description": "Capaian enam urusan SPM (PP 2/2018, Permendagri 59/2021): sasaran, warga terlayani, kategori.",
        "fields": [
            {"key": "tahun", "type": "year", "label": "Tahun", "required": True},
            {
                "key": "capaian_spm",
                "type": "section",
                "label": "Capaian SPM",
                "weight": 1,
                "score": "if(count(layanan.capaian) == 6, avg(layanan.capaian), null)",
                "bands": bands("spm_category"),
                "fields": [
                    {
                        "key": "layanan",
                        "type": "table",
                        "label": "Layanan dasar",
                        "rows": [{"key": k, "label": label} for k, label in SERVICES],
                        "columns": [
                            {
                                "key": "sasaran",
                                "type": "integer",
                                "label": "Jumlah sasaran (orang)",
                                "required": True,
                                "min_value": 0,
                                "public": True,
                            },
                            {
                                "key": "terlayani",
                                "type": "integer",
                                "label": "Terlayani sesuai standar (orang)",
                                "required": True,
                                "min_value": 0,
                                "public": True,
                            },
                            {
                                "key": "capaian",
                                "type": "computed",
                                "label": "Capaian (%)",
                                "formula": "terlayani / sasaran * 100",
                                "decimals": 2,
                                "bands": bands("spm_category"),
                                "public": True,
                            },
                            # free text for the reviewer (sources, caveats): stays internal
                            {"key": "keterangan", "type": "short_text", "label": "Keterangan"},
                        ],
                    },
                    {
                        "key": "capaian_rata_rata",
                        "type": "computed",
                        "label": "Rata-rata capaian SPM (%)",
                        "help_text": "Rata-rata capaian enam layanan dasar; sama dengan nilai bagian ini.",
                        "formula": "if(count(layanan.capaian) == 6, avg(layanan.capaian), null)",
                        "decimals": 2,
                        "bands": bands("spm_category"),
                        "public": True,
                    },
                ],
            },
        ],
        "rules": [
            {
                "expression": "max(layanan.capaian) <= 100",
                "message": "Warga terlayani sesuai standar tidak boleh melebihi jumlah sasaran.",
                "field": "layanan",
            }
        ],
        "scoring": {
            "label": "Rata-rata capaian SPM",
            "method": "weighted_mean",
            "decimals": 2,
            "bands": bands("spm_category"),
        },
    }
