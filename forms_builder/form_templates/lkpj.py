"""LKPJ (PP 13/2019): the regional head's accountability report to the DPRD, as an outline.

A structured narrative with programme achievements per affair. Achievement uses the
verified indicator rule; budget absorption is realisasi / pagu × 100 (shared/domain). No
grading: the regulation gives none for LKPJ.
"""

from ._common import indicator_columns


def schema() -> dict:
    return {
        "schema_version": 1,
        "key": "lkpj",
        "title": "Laporan Keterangan Pertanggungjawaban (LKPJ) Kepala Daerah",
        "description": "Kerangka LKPJ: pendahuluan, kebijakan umum, capaian program per urusan, "
        "tugas pembantuan, penutup.",
        "fields": [
            {"key": "tahun", "type": "year", "label": "Tahun anggaran", "required": True},
            {
                "key": "bab_pendahuluan",
                "type": "section",
                "display": "step",
                "label": "Bab I Pendahuluan",
                "fields": [
                    {"key": "dasar_hukum", "type": "long_text", "label": "Dasar hukum", "required": True},
                    {"key": "gambaran_umum", "type": "long_text", "label": "Gambaran umum daerah", "required": True},
                ],
            },
            {
                "key": "bab_kebijakan",
                "type": "section",
                "display": "step",
                "label": "Bab II Kebijakan Umum Pemerintahan Daerah",
                "fields": [
                    {"key": "visi_misi", "type": "long_text", "label": "Visi dan misi", "required": True},
                    {"key": "prioritas", "type": "long_text", "label": "Prioritas pembangunan daerah"},
                ],
            },
            {
                "key": "bab_urusan",
                "type": "section",
                "display": "step",
                "label": "Bab III Penyelenggaraan Urusan Pemerintahan",
                "fields": [
                    {
                        "key": "program",
                        "type": "table",
                        "label": "Capaian program",
                        "min_rows": 1,
                        "max_rows": 200,
                        "columns": [
                            {"key": "urusan", "type": "short_text", "label": "Urusan", "required": True},
                            {"key": "opd", "type": "opd_choice", "label": "OPD pelaksana"},
                            {"key": "nama_program", "type": "short_text", "label": "Program", "required": True},
                            {
                                "key": "indikator",
                                "type": "short_text",
                                "label": "Indikator kinerja program",
                                "required": True,
                            },
                            *indicator_columns(),
                            {"key": "pagu", "type": "rupiah", "label": "Pagu anggaran (Rp)", "required": True},
                            {
                                "key": "realisasi_anggaran",
                                "type": "rupiah",
                                "label": "Realisasi anggaran (Rp)",
                                "required": True,
                            },
                            {
                                "key": "serapan",
                                "type": "computed",
                                "label": "Serapan (%)",
                                "formula": "realisasi_anggaran / pagu * 100",
                                "decimals": 2,
                            },
                        ],
                    },
                    {
                        "key": "total_pagu",
                        "type": "computed",
                        "label": "Total pagu (Rp)",
                        "formula": "sum(program.pagu)",
                    },
                    {
                        "key": "total_realisasi",
                        "type": "computed",
                        "label": "Total realisasi (Rp)",
                        "formula": "sum(program.realisasi_anggaran)",
                    },
                    {
                        "key": "serapan_total",
                        "type": "computed",
                        "label": "Serapan total (%)",
                        "formula": "total_realisasi / total_pagu * 100",
                        "decimals": 2,
                    },
                ],
            },
            {
                "key": "bab_tugas_pembantuan",
                "type": "section",
                "display": "step",
                "label": "Bab IV Tugas Pembantuan",
                "fields": [
                    {
                        "key": "ada_tugas_pembantuan",
                        "type": "yes_no",
                        "label": "Ada tugas pembantuan?",
                        "required": True,
                    },
                    {
                        "key": "uraian_tugas_pembantuan",
                        "type": "long_text",
                        "label": "Uraian tugas pembantuan",
                        "show_if": "ada_tugas_pembantuan",
                        "required_if": "ada_tugas_pembantuan",
                    },
                ],
            },
            {
                "key": "bab_penutup",
                "type": "section",
                "display": "step",
                "label": "Bab V Penutup",
                "fields": [
                    {"key": "penutup", "type": "long_text", "label": "Penutup"},
                    {
                        "key": "lampiran",
                        "type": "file",
                        "label": "Lampiran",
                        "allowed_types": ["pdf"],
                        "max_size_mb": 20,
                    },
                ],
            },
        ],
        "rules": [
            {
                "expression": "total_realisasi <= total_pagu",
                "field": "program",
                "message": "Total realisasi anggaran melebihi total pagu.",
            },
        ],
        "scoring": {},
    }
