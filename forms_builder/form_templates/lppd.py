"""LPPD (PP 13/2019, Permendagri 18/2020): a representative set of key indicators (IKK).

The IKK rows are examples per government affair; the full list is in the regulation's
annex and can be added in the designer. Achievement per IKK follows the verified rule
(higher or lower is better). The EKPPD status thresholds are *unconfirmed* and sit here
as data (``ekppd_status_unconfirmed``), editable.
"""

from . import bands
from ._common import indicator_columns

IKK = [
    ("pendidikan_aps", "Pendidikan: angka partisipasi sekolah usia 7–15 tahun"),
    ("kesehatan_persalinan", "Kesehatan: persentase persalinan di fasilitas kesehatan"),
    ("pu_jalan_mantap", "Pekerjaan umum: persentase jalan kabupaten dalam kondisi mantap"),
    ("perkim_rtlh", "Perumahan: persentase rumah tidak layak huni"),
    ("trantib_perda", "Trantibumlinmas: persentase penegakan perda"),
    ("sosial_pmks", "Sosial: persentase PMKS yang memperoleh bantuan sosial"),
    ("lh_sampah", "Lingkungan hidup: persentase sampah yang tertangani"),
    ("adminduk_ktp", "Administrasi kependudukan: persentase penduduk ber-KTP elektronik"),
]


def schema() -> dict:
    ekppd = bands("ekppd_status_unconfirmed")
    return {
        "schema_version": 1,
        "key": "lppd",
        "title": "Laporan Penyelenggaraan Pemerintahan Daerah (LPPD)",
        "description": "IKK per urusan (contoh representatif; lengkapi dari lampiran Permendagri 18/2020). "
        "Ambang status EKPPD belum terkonfirmasi dan dapat disunting.",
        "fields": [
            {"key": "tahun", "type": "year", "label": "Tahun anggaran", "required": True},
            {
                "key": "ikk_bagian",
                "type": "section",
                "label": "Indikator Kinerja Kunci (IKK)",
                "fields": [
                    {
                        "key": "ikk",
                        "type": "table",
                        "label": "IKK",
                        "rows": [{"key": k, "label": label} for k, label in IKK],
                        "columns": indicator_columns(),
                    },
                    {
                        "key": "ikk_rata_capaian",
                        "type": "computed",
                        "label": "Rata-rata capaian IKK (%)",
                        "formula": "avg(ikk.capaian)",
                        "decimals": 2,
                    },
                ],
            },
            {
                "key": "ekppd",
                "type": "section",
                "label": "Status EKPPD",
                "bands": ekppd,
                "fields": [
                    {
                        "key": "nilai_ekppd",
                        "type": "decimal",
                        "label": "Nilai EKPPD (0–4)",
                        "min_value": 0,
                        "max_value": 4,
                        "decimals": 4,
                        "weight": 1,
                    },
                ],
            },
        ],
        "rules": [],
        "scoring": {"label": "Status EKPPD", "method": "weighted_mean", "decimals": 4, "bands": ekppd},
    }
