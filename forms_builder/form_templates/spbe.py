"""SPBE self-assessment (PermenPANRB 59/2020): 4 domains, 8 aspects, 47 indicators, levels 1–5.

Structure and capability levels are verified; the indicator weights are *unconfirmed*
(Kebijakan Internal 1.3 each, Tata Kelola 2.5, Manajemen 1.5, Layanan Administrasi 2.75,
Layanan Publik 3.0; see shared/domain/README.md) and sit here as plain data, editable in
the designer. Index = Σ(level × weight) / Σ weight for each aspect, domain and in total;
predikat from ``spbe_predikat`` read on the exact index (shown rounded to two decimals). Indicator names
follow the evaluation guide and may be edited; keys stay.
"""

from . import bands, reference_data

# (domain key, domain label, aspect key, aspect label, weight per indicator, indicator names)
ASPECTS = [
    (
        "kebijakan_internal",
        "Kebijakan Internal",
        "kebijakan_tata_kelola",
        "Kebijakan Internal Tata Kelola SPBE",
        1.3,
        [
            "Kebijakan Internal Arsitektur SPBE",
            "Kebijakan Internal Peta Rencana SPBE",
            "Kebijakan Internal Manajemen Data",
            "Kebijakan Internal Pembangunan Aplikasi SPBE",
            "Kebijakan Internal Layanan Pusat Data",
            "Kebijakan Internal Layanan Jaringan Intra",
            "Kebijakan Internal Penggunaan Sistem Penghubung Layanan",
            "Kebijakan Internal Manajemen Keamanan Informasi",
            "Kebijakan Internal Audit TIK",
            "Kebijakan Internal Tim Koordinasi SPBE",
        ],
    ),
    (
        "tata_kelola",
        "Tata Kelola",
        "perencanaan_strategis",
        "Perencanaan Strategis SPBE",
        2.5,
        [
            "Arsitektur SPBE",
            "Peta Rencana SPBE",
            "Keterpaduan Rencana dan Anggaran SPBE",
            "Inovasi Proses Bisnis SPBE",
        ],
    ),
    (
        "tata_kelola",
        "Tata Kelola",
        "teknologi_informasi",
        "Teknologi Informasi dan Komunikasi",
        2.5,
        [
            "Pembangunan Aplikasi SPBE",
            "Layanan Pusat Data",
            "Layanan Jaringan Intra",
            "Penggunaan Sistem Penghubung Layanan",
        ],
    ),
    (
        "tata_kelola",
        "Tata Kelola",
        "penyelenggara",
        "Penyelenggara SPBE",
        2.5,
        [
            "Tim Koordinasi SPBE",
            "Kolaborasi Penerapan SPBE",
        ],
    ),
    (
        "manajemen",
        "Manajemen",
        "penerapan_manajemen",
        "Penerapan Manajemen SPBE",
        1.5,
        [
            "Penerapan Manajemen Risiko SPBE",
            "Penerapan Manajemen Keamanan Informasi",
            "Penerapan Manajemen Data",
            "Penerapan Manajemen Aset TIK",
            "Penerapan Kompetensi Sumber Daya Manusia",
            "Penerapan Manajemen Pengetahuan",
            "Penerapan Manajemen Perubahan",
            "Penerapan Manajemen Layanan SPBE",
        ],
    ),
    (
        "manajemen",
        "Manajemen",
        "audit_tik",
        "Audit TIK",
        1.5,
        [
            "Pelaksanaan Audit Infrastruktur SPBE",
            "Pelaksanaan Audit Aplikasi SPBE",
            "Pelaksanaan Audit Keamanan SPBE",
        ],
    ),
    (
        "layanan",
        "Layanan",
        "layanan_administrasi",
        "Layanan Administrasi Pemerintahan Berbasis Elektronik",
        2.75,
        [
            "Layanan Perencanaan",
            "Layanan Penganggaran",
            "Layanan Keuangan",
            "Layanan Pengadaan Barang dan Jasa",
            "Layanan Kepegawaian",
            "Layanan Kearsipan Dinamis",
            "Layanan Pengelolaan Barang Milik Daerah",
            "Layanan Pengawasan Internal Pemerintah",
            "Layanan Akuntabilitas Kinerja Organisasi",
            "Layanan Kinerja Pegawai",
        ],
    ),
    (
        "layanan",
        "Layanan",
        "layanan_publik",
        "Layanan Publik Berbasis Elektronik",
        3.0,
        [
            "Layanan Pengaduan Pelayanan Publik",
            "Layanan Data Terbuka",
            "Layanan Jaringan Dokumentasi dan Informasi Hukum",
            "Layanan Publik Sektor 1",
            "Layanan Publik Sektor 2",
            "Layanan Publik Sektor 3",
        ],
    ),
]


def indicator_keys() -> list[tuple[str, str, float]]:
    """(aspect key, indicator key, weight) for the 47 indicators, numbered i01…i47."""
    out, n = [], 0
    for _dk, _dl, aspect, _al, weight, names in ASPECTS:
        for _name in names:
            n += 1
            out.append((aspect, f"i{n:02d}", weight))
    return out


def schema() -> dict:
    levels = reference_data()["spbe_levels"]
    predikat = bands("spbe_predikat")
    choices = [{"value": str(k), "label": f"{k} – {v}", "score": int(k)} for k, v in levels.items()]
    keys = iter(indicator_keys())
    sections, domains = [], {}
    for domain, domain_label, aspect, aspect_label, weight, names in ASPECTS:
        fields = []
        for name in names:
            _a, key, _w = next(keys)
            fields.append(
                {
                    "key": key,
                    "type": "single_choice",
                    "label": f"{key.upper()} {name}",
                    "choices": choices,
                    "weight": weight,
                    "required": True,
                    "public": True,
                }
            )
            fields.append({"key": f"{key}_penjelasan", "type": "long_text", "label": f"Penjelasan {key.upper()}"})
        sections.append({"key": aspect, "type": "section", "label": aspect_label, "bands": predikat, "fields": fields})
        domains.setdefault(
            domain, {"key": domain, "label": f"Domain {domain_label}", "sections": [], "bands": predikat}
        )
        domains[domain]["sections"].append(aspect)
    return {
        "schema_version": 1,
        "key": "spbe_mandiri",
        "title": "Penilaian Mandiri SPBE",
        "description": "Evaluasi mandiri SPBE (PermenPANRB 59/2020): 4 domain, 8 aspek, 47 indikator, tingkat 1–5. "
        "Bobot indikator belum terkonfirmasi; sunting bila pedoman berubah.",
        "fields": [{"key": "tahun", "type": "year", "label": "Tahun penilaian", "required": True}, *sections],
        "rules": [],
        "scoring": {
            "label": "Indeks SPBE",
            "method": "weighted_mean",
            "decimals": 2,
            "bands": predikat,
            "groups": list(domains.values()),
        },
    }
