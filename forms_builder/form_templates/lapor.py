"""SP4N-LAPOR self-assessment (Perpres 76/2013, PermenPANRB 62/2018).

Questions on the handling deadlines in working days (``lapor_deadlines_working_days``:
3 to verify, 5 for information or simple complaints, 14 without and 60 with a field
inspection) and the share of complaints finished on time. No regulation gives a grade
here: the score is the share of "Ya" answers and of on-time complaints, the two sections
weighted equally (a template choice, editable), with no band table.
"""

from . import reference_data


def _question(key: str, label: str) -> dict:
    return {
        "key": key,
        "type": "single_choice",
        "label": label,
        "required": True,
        "weight": 1,
        "choices": [{"value": "ya", "label": "Ya", "score": 100}, {"value": "tidak", "label": "Tidak", "score": 0}],
    }


def schema() -> dict:
    d = reference_data()["lapor_deadlines_working_days"]
    return {
        "schema_version": 1,
        "key": "sp4n_lapor_mandiri",
        "title": "Penilaian Mandiri Pengelolaan Pengaduan SP4N-LAPOR!",
        "description": "Kepatuhan tenggat penanganan pengaduan (hari kerja) dan ketepatan waktu penyelesaian.",
        "fields": [
            {"key": "periode", "type": "short_text", "label": "Periode penilaian", "required": True},
            {
                "key": "kepatuhan",
                "type": "section",
                "label": "Kepatuhan prosedur",
                "weight": 1,
                "fields": [
                    _question("pengelola_ditetapkan", "Pengelola pengaduan telah ditetapkan dengan keputusan"),
                    _question("terhubung_lapor", "Kanal pengaduan terhubung dengan SP4N-LAPOR!"),
                    _question(
                        "verifikasi_tepat", f"Pengaduan diverifikasi paling lambat {d['verification']} hari kerja"
                    ),
                    _question(
                        "informasi_tepat",
                        f"Permintaan informasi/pengaduan sederhana dijawab paling lambat "
                        f"{d['information_or_simple']} hari kerja",
                    ),
                    _question(
                        "tanpa_lapangan_tepat",
                        f"Pengaduan tanpa pemeriksaan lapangan selesai paling lambat "
                        f"{d['without_field_inspection']} hari kerja",
                    ),
                    _question(
                        "dengan_lapangan_tepat",
                        f"Pengaduan dengan pemeriksaan lapangan selesai paling lambat "
                        f"{d['with_field_inspection']} hari kerja",
                    ),
                ],
            },
            {
                "key": "kinerja",
                "type": "section",
                "label": "Kinerja penyelesaian",
                "weight": 1,
                "score": "persen_tepat_waktu",
                "fields": [
                    {
                        "key": "aduan_diterima",
                        "type": "integer",
                        "label": "Pengaduan diterima",
                        "required": True,
                        "min_value": 0,
                    },
                    {
                        "key": "aduan_tepat_waktu",
                        "type": "integer",
                        "label": "Pengaduan selesai tepat waktu",
                        "required": True,
                        "min_value": 0,
                    },
                    {
                        "key": "persen_tepat_waktu",
                        "type": "computed",
                        "label": "Selesai tepat waktu (%)",
                        "formula": "aduan_tepat_waktu / aduan_diterima * 100",
                        "decimals": 2,
                    },
                    {"key": "kendala", "type": "long_text", "label": "Kendala", "show_if": "persen_tepat_waktu < 100"},
                ],
            },
        ],
        "rules": [
            {
                "expression": "aduan_tepat_waktu <= aduan_diterima",
                "field": "aduan_tepat_waktu",
                "message": "Pengaduan selesai tepat waktu tidak boleh melebihi pengaduan diterima.",
            },
        ],
        "scoring": {"label": "Nilai pengelolaan pengaduan", "method": "weighted_mean", "decimals": 2},
    }
