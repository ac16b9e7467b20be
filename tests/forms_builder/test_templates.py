"""Shipped templates: structure, numbers from shared/domain, scoring checked by hand, band edges.

Expected values are computed by hand from the rules in shared/domain/README.md.
"""

import json
from pathlib import Path

import pytest

from forms_builder.form_templates import all_templates, reference_data
from forms_builder.form_templates import spbe as spbe_template
from forms_builder.schema import check_schema, iter_fields
from forms_builder.services import form_evaluate_schema

TEMPLATES = {t["key"]: t for t in all_templates()}
SHARED = Path("/work/shared/domain/bands.json")


def evaluate(key, answers):
    return form_evaluate_schema(schema=TEMPLATES[key], answers=answers)


def test_six_templates_all_publishable():
    assert set(TEMPLATES) == {"lke_sakip", "spbe_mandiri", "spm", "lppd", "lkpj", "sp4n_lapor_mandiri"}
    for schema in TEMPLATES.values():
        assert check_schema(schema) == [], schema["key"]


@pytest.mark.skipif(not SHARED.exists(), reason="shared/domain not mounted here")
def test_reference_data_is_a_verbatim_copy_of_shared_domain():
    assert reference_data() == json.loads(SHARED.read_text())


# --- LKE SAKIP ---------------------------------------------------------------------------


def sakip(plan, measure, report, evaluation):
    return evaluate(
        "lke_sakip",
        {
            "tahun_evaluasi": 2025,
            "perencanaan_kinerja_nilai": plan,
            "pengukuran_kinerja_nilai": measure,
            "pelaporan_kinerja_nilai": report,
            "evaluasi_internal_nilai": evaluation,
        },
    )


def test_sakip_weights_are_those_of_permenpanrb_88_2021():
    weights = {s["key"]: s["weight"] for s in TEMPLATES["lke_sakip"]["fields"] if s["type"] == "section"}
    assert weights == {
        "perencanaan_kinerja": 30,
        "pengukuran_kinerja": 30,
        "pelaporan_kinerja": 15,
        "evaluasi_internal": 25,
    }


@pytest.mark.parametrize(
    ("scores", "total", "grade"),
    [
        ((85, 80, 70, 90), 82.5, "A"),  # 25.5 + 24 + 10.5 + 22.5
        ((100, 100, 0, 60), 75, "BB"),  # 30 + 30 + 0 + 15
        ((100, 100, 100, 100), 100, "AA"),
        ((90.01, 90.01, 90.01, 90.01), 90.01, "AA"),
        ((90, 90, 90, 90), 90, "A"),  # 90 belongs to A (AA is > 90)
        ((80.01, 80.01, 80.01, 80.01), 80.01, "A"),
        ((80, 80, 80, 80), 80, "BB"),
        ((70, 70, 70, 70), 70, "B"),
        ((60, 60, 60, 60), 60, "CC"),
        ((50, 50, 50, 50), 50, "C"),
        ((30.01, 30.01, 30.01, 30.01), 30.01, "C"),
        ((30, 30, 30, 30), 30, "D"),
        ((0, 0, 0, 0), 0, "D"),
        ((95, 85, 80, 70), 83.5, "A"),  # 28.5 + 25.5 + 12 + 17.5
    ],
)
def test_sakip_total_and_grade(scores, total, grade):
    result = sakip(*scores)
    assert result["errors"] == {}
    assert result["scores"]["total"]["score"] == total
    assert result["scores"]["total"]["band"] == grade


def test_sakip_grade_meaning_and_section_scores():
    result = sakip(85, 80, 70, 90)
    assert result["scores"]["total"]["band_meaning"] == "Memuaskan"
    assert [(s["key"], s["score"], s["weight"]) for s in result["scores"]["sections"]] == [
        ("perencanaan_kinerja", 85, 30),
        ("pengukuran_kinerja", 80, 30),
        ("pelaporan_kinerja", 70, 15),
        ("evaluasi_internal", 90, 25),
    ]


def test_sakip_incomplete_has_no_total():
    result = evaluate("lke_sakip", {"tahun_evaluasi": 2025, "perencanaan_kinerja_nilai": 80})
    assert result["scores"]["total"]["score"] is None
    assert result["errors"]["pengukuran_kinerja_nilai"] == ["Wajib diisi."]


# --- SPBE ----------------------------------------------------------------------------------


def spbe(levels: dict[str, int], default: int):
    answers = {"tahun": 2025}
    for _aspect, key, _w in spbe_template.indicator_keys():
        answers[key] = str(levels.get(key, default))
    return evaluate("spbe_mandiri", answers)


def keys_of(aspect):
    return [k for a, k, _w in spbe_template.indicator_keys() if a == aspect]


def test_spbe_structure_4_domains_8_aspects_47_indicators_weights_sum_100():
    schema = TEMPLATES["spbe_mandiri"]
    sections = [s for s in schema["fields"] if s["type"] == "section"]
    indicators = [r.spec for r in iter_fields(schema) if r.spec["type"] == "single_choice"]
    assert len(sections) == 8
    assert len(indicators) == 47
    assert len(schema["scoring"]["groups"]) == 4
    assert sum(i["weight"] for i in indicators) == pytest.approx(100)
    assert [c["label"] for c in indicators[0]["choices"]] == [
        "1 – Rintisan",
        "2 – Terkelola",
        "3 – Terdefinisi",
        "4 – Terpadu dan Terukur",
        "5 – Optimum",
    ]
    per_aspect = {s["key"]: sum(1 for f in s["fields"] if f["type"] == "single_choice") for s in sections}
    assert per_aspect == {
        "kebijakan_tata_kelola": 10,
        "perencanaan_strategis": 4,
        "teknologi_informasi": 4,
        "penyelenggara": 2,
        "penerapan_manajemen": 8,
        "audit_tik": 3,
        "layanan_administrasi": 10,
        "layanan_publik": 6,
    }


@pytest.mark.parametrize(
    ("levels", "default", "index", "predikat"),
    [
        ({}, 3, 3.0, "Baik"),
        ({}, 1, 1.0, "Kurang"),
        ({}, 5, 5.0, "Memuaskan"),
        # Layanan (45.5) at 4 plus three Manajemen indicators (3 × 1.5) at 4: 3 + 50/100 = 3.5
        (
            {
                **dict.fromkeys(keys_of("layanan_administrasi") + keys_of("layanan_publik"), 4),
                **dict.fromkeys(keys_of("penerapan_manajemen")[:3], 4),
            },
            3,
            3.5,
            "Sangat Baik",
        ),
        # only two Manajemen indicators: 3 + 48.5/100 = 3.485 → reported 3.49
        (
            {
                **dict.fromkeys(keys_of("layanan_administrasi") + keys_of("layanan_publik"), 4),
                **dict.fromkeys(keys_of("penerapan_manajemen")[:2], 4),
            },
            3,
            3.49,
            "Baik",
        ),
        # all 4; 8 Tata Kelola indicators (8 × 2.5 = 20) at 5: 4 + 20 / 100 = 4.2
        (dict.fromkeys(keys_of("perencanaan_strategis") + keys_of("teknologi_informasi"), 5), 4, 4.2, "Memuaskan"),
        # all 1; Layanan 45.5 + Tata Kelola 25 + 5 × 1.3 + 2 × 1.5 = 80 at 2 → 1.8
        (
            {
                **dict.fromkeys(
                    keys_of("layanan_administrasi")
                    + keys_of("layanan_publik")
                    + keys_of("perencanaan_strategis")
                    + keys_of("teknologi_informasi")
                    + keys_of("penyelenggara"),
                    2,
                ),
                **dict.fromkeys(keys_of("kebijakan_tata_kelola")[:5], 2),
                **dict.fromkeys(keys_of("penerapan_manajemen")[:2], 2),
            },
            1,
            1.8,
            "Cukup",
        ),
        # all 2; Layanan (45.5) + 5 × 1.3 + 5 × 1.5 at 3: 2 + 59.5 / 100 = 2.595, shown 2.60 but
        # banded exact → Cukup (Baik starts at 2.6; shared/domain: bands are read on the exact value)
        (
            {
                **dict.fromkeys(keys_of("layanan_administrasi") + keys_of("layanan_publik"), 3),
                **dict.fromkeys(keys_of("kebijakan_tata_kelola")[:5], 3),
                **dict.fromkeys(keys_of("penerapan_manajemen")[:5], 3),
            },
            2,
            2.6,
            "Cukup",
        ),
        # all 2; Layanan Administrasi (27.5) + Tata Kelola (25) + 5 × 1.5 at 3: 2 + 60 / 100 = 2.6 exactly
        (
            {
                **dict.fromkeys(keys_of("layanan_administrasi") + keys_of("perencanaan_strategis"), 3),
                **dict.fromkeys(keys_of("teknologi_informasi") + keys_of("penyelenggara"), 3),
                **dict.fromkeys(keys_of("penerapan_manajemen")[:5], 3),
            },
            2,
            2.6,
            "Baik",
        ),
        # the same with one Manajemen indicator less: 2 + 58.5 / 100 = 2.585 → 2.59 → Cukup
        (
            {
                **dict.fromkeys(keys_of("layanan_administrasi") + keys_of("perencanaan_strategis"), 3),
                **dict.fromkeys(keys_of("teknologi_informasi") + keys_of("penyelenggara"), 3),
                **dict.fromkeys(keys_of("penerapan_manajemen")[:4], 3),
            },
            2,
            2.59,
            "Cukup",
        ),
    ],
)
def test_spbe_index_and_predikat(levels, default, index, predikat):
    result = spbe(levels, default)
    assert result["errors"] == {}
    assert result["scores"]["total"]["score"] == index
    assert result["scores"]["total"]["band"] == predikat


def test_spbe_domain_and_aspect_indices():
    levels = dict.fromkeys(keys_of("layanan_administrasi"), 4) | dict.fromkeys(keys_of("layanan_publik"), 2)
    result = spbe(levels, 3)
    groups = {g["key"]: (g["score"], g["band"]) for g in result["scores"]["groups"]}
    # Layanan: (10 × 2.75 × 4 + 6 × 3 × 2) / 45.5 = (110 + 36) / 45.5 = 3.2087…
    assert groups["layanan"] == (3.21, "Baik")
    assert groups["tata_kelola"] == (3, "Baik")
    sections = {s["key"]: s["score"] for s in result["scores"]["sections"]}
    assert sections["layanan_administrasi"] == 4
    assert sections["layanan_publik"] == 2
    # total: 3 + (27.5 × 1 − 18 × 1) / 100 = 3.095 → 3.10
    assert result["scores"]["total"]["score"] == 3.1


def test_spbe_missing_level_is_required():
    result = evaluate("spbe_mandiri", {"tahun": 2025, "i01": "6"})
    assert result["errors"]["i01"] == ["Pilihan '6' tidak tersedia."]
    assert result["errors"]["i02"] == ["Wajib diisi."]
    assert result["scores"]["total"]["score"] is None


# --- SPM -----------------------------------------------------------------------------------


def spm(rows):
    return evaluate("spm", {"tahun": 2025, "layanan": [{"sasaran": s, "terlayani": t} for s, t in rows]})


@pytest.mark.parametrize(
    ("sasaran", "terlayani", "capaian", "category"),
    [
        (200, 200, 100, "Tuntas Paripurna"),
        (10000, 9999, 99.99, "Tuntas Utama"),
        (100, 90, 90, "Tuntas Utama"),
        (10000, 8999, 89.99, "Tuntas Madya"),
        (100, 80, 80, "Tuntas Madya"),
        (100, 70, 70, "Tuntas Pratama"),
        (100, 69, 69, "Tuntas Muda"),  # Kemendagri: 69 = Tuntas Muda
        (100, 60, 60, "Tuntas Muda"),
        (10000, 5999, 59.99, "Belum Tuntas"),
        (10000, 4203, 42.03, "Belum Tuntas"),  # Kemendagri: 42.03 = Belum Tuntas
        (5, 0, 0, "Belum Tuntas"),
    ],
)
def test_spm_achievement_category_per_service(sasaran, terlayani, capaian, category):
    result = spm([(sasaran, terlayani)] + [(1, 1)] * 5)
    assert result["computed"]["layanan.0.capaian"] == capaian
    assert result["labels"]["layanan.0.capaian"] == category


def test_spm_total_is_the_mean_of_six_services():
    result = spm([(100, 100), (100, 90), (100, 80), (100, 70), (100, 60), (10000, 4203)])
    assert result["errors"] == {}
    # (100 + 90 + 80 + 70 + 60 + 42.03) / 6 = 73.671… → 73.67
    assert result["scores"]["total"]["score"] == 73.67
    assert result["scores"]["total"]["band"] == "Tuntas Pratama"
    assert len(result["cleaned_data"]["layanan"]) == 6


def test_spm_served_above_target_is_refused():
    result = spm([(100, 120)] + [(1, 1)] * 5)
    assert result["errors"] == {"layanan": ["Warga terlayani sesuai standar tidak boleh melebihi jumlah sasaran."]}


def test_spm_rows_are_the_six_services():
    table = TEMPLATES["spm"]["fields"][1]["fields"][0]
    assert [r["key"] for r in table["rows"]] == [
        "pendidikan",
        "kesehatan",
        "pekerjaan_umum",
        "perumahan_rakyat",
        "trantibumlinmas",
        "sosial",
    ]


def test_spm_public_fields_are_the_achievement_figures_only():
    from reporting.selectors import public_fields

    # per service: target, served, achievement; and the mean. Not the free-text note, not the year.
    assert public_fields(TEMPLATES["spm"]) == {
        "layanan": ["sasaran", "terlayani", "capaian"],
        "capaian_rata_rata": True,
    }


def test_spm_public_mean_equals_the_total_score():
    result = spm([(100, 100), (100, 90), (100, 80), (100, 70), (100, 60), (10000, 4203)])
    assert result["computed"]["capaian_rata_rata"] == 73.67 == result["scores"]["total"]["score"]
    assert result["labels"]["capaian_rata_rata"] == "Tuntas Pratama"
    assert spm([(100, 100)] * 5)["computed"]["capaian_rata_rata"] is None  # empty until all six are filled


# --- LPPD ----------------------------------------------------------------------------------


def test_lppd_capaian_higher_and_lower_is_better_and_ekppd_status_edges():
    rows = [{"arah": "naik", "target": 80, "realisasi": 72}, {"arah": "turun", "target": 10, "realisasi": 8}]
    rows += [{"arah": "naik", "target": 1, "realisasi": 1}] * 6
    result = evaluate("lppd", {"tahun": 2025, "ikk": rows, "nilai_ekppd": 3})
    assert result["errors"] == {}
    assert result["computed"]["ikk.0.capaian"] == 90  # 72 / 80 × 100
    assert result["computed"]["ikk.1.capaian"] == 120  # (2 − 8 / 10) × 100, not 10 / 8
    assert result["computed"]["ikk_rata_capaian"] == 101.25  # (90 + 120 + 6 × 100) / 8
    assert result["scores"]["total"]["band"] == "Sangat Tinggi"
    for value, status in [
        (4, "Sangat Tinggi"),
        (2.9999, "Tinggi"),
        (2, "Tinggi"),
        (1.9999, "Sedang"),
        (1, "Sedang"),
        (0.9999, "Rendah"),
        (0, "Rendah"),
    ]:
        result = evaluate("lppd", {"tahun": 2025, "ikk": rows, "nilai_ekppd": value})
        assert result["scores"]["total"]["band"] == status, value
    assert evaluate("lppd", {"tahun": 2025, "ikk": rows, "nilai_ekppd": 4.5})["errors"] == {
        "nilai_ekppd": ["Nilai paling besar 4."]
    }


# --- LKPJ ----------------------------------------------------------------------------------


def test_lkpj_budget_absorption_achievement_and_conditions():
    program = {
        "urusan": "Kesehatan",
        "nama_program": "Pemenuhan Upaya Kesehatan",
        "indikator": "Cakupan",
        "arah": "naik",
        "target": 90,
        "realisasi": 81,
        "pagu": 2_000_000_000,
        "realisasi_anggaran": 1_500_000_000,
    }
    answers = {
        "tahun": 2025,
        "dasar_hukum": "PP 13/2019",
        "gambaran_umum": "-",
        "visi_misi": "-",
        "ada_tugas_pembantuan": "tidak",
        "program": [program, {**program, "pagu": 1_000_000_000, "realisasi_anggaran": 1_000_000_000}],
    }
    result = evaluate("lkpj", answers)
    assert result["errors"] == {}
    assert result["computed"]["program.0.serapan"] == 75
    assert result["computed"]["program.0.capaian"] == 90
    assert result["computed"]["serapan_total"] == 83.33  # 2.5 M / 3 M
    assert result["scores"] == {
        "sections": [],
        "groups": [],
        "total": {
            "key": "total",
            "label": "Nilai akhir",
            "score": None,
            "score_exact": None,
            "band": None,
            "band_meaning": None,
        },
    }
    result = evaluate("lkpj", {**answers, "ada_tugas_pembantuan": "ya"})
    assert result["errors"] == {"uraian_tugas_pembantuan": ["Wajib diisi."]}
    over = evaluate("lkpj", {**answers, "program": [{**program, "realisasi_anggaran": 2_000_000_001}]})
    assert over["errors"] == {"program": ["Total realisasi anggaran melebihi total pagu."]}


# --- SP4N-LAPOR ----------------------------------------------------------------------------


def test_lapor_deadlines_come_from_reference_data():
    labels = " ".join(r.spec["label"] for r in iter_fields(TEMPLATES["sp4n_lapor_mandiri"]))
    for days in (3, 5, 14, 60):
        assert f"{days} hari kerja" in labels


def test_lapor_score():
    answers = {
        "periode": "2025",
        "pengelola_ditetapkan": "ya",
        "terhubung_lapor": "ya",
        "verifikasi_tepat": "ya",
        "informasi_tepat": "ya",
        "tanpa_lapangan_tepat": "tidak",
        "dengan_lapangan_tepat": "tidak",
        "aduan_diterima": 60,
        "aduan_tepat_waktu": 45,
        "kendala": "SDM terbatas",
    }
    result = evaluate("sp4n_lapor_mandiri", answers)
    assert result["errors"] == {}
    sections = {s["key"]: s["score"] for s in result["scores"]["sections"]}
    assert sections == {"kepatuhan": 66.67, "kinerja": 75}  # 4 of 6 "Ya"; 45 / 60
    assert result["scores"]["total"]["score"] == 70.83  # (66.666… + 75) / 2
    assert result["scores"]["total"]["band"] is None  # no regulation band for this self-assessment
    perfect = evaluate("sp4n_lapor_mandiri", {**answers, "aduan_tepat_waktu": 60})
    assert "kendala" in perfect["hidden"]
    too_many = evaluate("sp4n_lapor_mandiri", {**answers, "aduan_tepat_waktu": 61})
    assert too_many["errors"] == {
        "aduan_tepat_waktu": ["Pengaduan selesai tepat waktu tidak boleh melebihi pengaduan diterima."]
    }
