"""SP4N-LAPOR self-assessment (Perpres 76/2013, PermenPANRB 62/2018).

Questions on the handling deadlines in working days (``lapor_deadlines_working_days``:
3 to verify, 5 for information or simple complaints, 14 without and 60 with a field
inspection) and the share of complaints finished on time. No regulation gives a grade
here: the score is the share of "Ya" answers and of on-time complaints, the two sections
weighted equally (a template choice, editable), with no band table.

When a report on this form is started, the platform fills the complaint counts from its own data
(``complaints.lapor``, through ``forms_builder.prefill``): the ``data_*`` copies are locked, the
editable figures start equal to them, and changing one needs a reason (``alasan_koreksi``).
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


#: Figures the platform fills from its complaint data (``complaints.lapor``): (editable, locked copy).
_FIGURES = (
    ("aduan_diterima", "data_aduan_diterima"),
    ("aduan_terverifikasi_tepat_waktu", "data_aduan_terverifikasi_tepat_waktu"),
    ("aduan_tepat_waktu", "data_aduan_tepat_waktu"),
)
PLATFORM_HELP = "Diisi otomatis dari data pengaduan Sepakat saat laporan dimulai; tidak dapat diubah."


def _platform(key: str, label: str) -> dict:
    return {"key": key, "type": "integer", "label": label, "help_text": PLATFORM_HELP, "min_value": 0}


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
                    _platform("data_aduan_diterima", "Pengaduan diterima menurut data Sepakat"),
                    {
                        "key": "aduan_diterima",
                        "type": "integer",
                        "label": "Pengaduan diterima",
                        "required": True,
                        "min_value": 0,
                    },
                    _platform(
                        "data_aduan_terverifikasi_tepat_waktu",
                        "Pengaduan diverifikasi tepat waktu menurut data Sepakat",
                    ),
                    {
                        "key": "aduan_terverifikasi_tepat_waktu",
                        "type": "integer",
                        "label": f"Pengaduan diverifikasi dalam {d['verification']} hari kerja",
                        "min_value": 0,
                    },
                    _platform("data_aduan_tepat_waktu", "Pengaduan selesai tepat waktu menurut data Sepakat"),
                    {
                        "key": "aduan_tepat_waktu",
                        "type": "integer",
                        "label": "Pengaduan selesai tepat waktu",
                        "required": True,
                        "min_value": 0,
                    },
                    {
                        "key": "data_kepuasan",
                        "type": "decimal",
                        "label": "Rata-rata penilaian pelapor menurut data Sepakat",
                        "help_text": PLATFORM_HELP,
                        "decimals": 2,
                    },
                    {
                        "key": "alasan_koreksi",
                        "type": "long_text",
                        "label": "Alasan angka berbeda dari data Sepakat",
                        "help_text": "Wajib diisi bila angka yang Anda isi berbeda dari angka menurut data Sepakat.",
                        "required_if": " or ".join(
                            f"({platform} != null and {figure} != {platform})" for figure, platform in _FIGURES
                        ),
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
            {
                "expression": (
                    "aduan_terverifikasi_tepat_waktu == null or aduan_terverifikasi_tepat_waktu <= aduan_diterima"
                ),
                "field": "aduan_terverifikasi_tepat_waktu",
                "message": "Pengaduan diverifikasi tepat waktu tidak boleh melebihi pengaduan diterima.",
            },
        ],
        "scoring": {"label": "Nilai pengelolaan pengaduan", "method": "weighted_mean", "decimals": 2},
    }
