"""Bands are read on the exact value; rounding is for display only (shared/domain/README.md).

Through the evaluate door (``POST /api/v1/forms/{id}/evaluate/``): a total shown rounded onto a
band edge keeps the band of its exact value, for the SAKIP grade, the SPBE predikat and an SPM
category. Each case also says what the old rule (banding the rounded figure) would have given.
"""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from forms_builder.form_templates import sakip, spbe, spm
from tests.factories import OPDFactory, make_form, opd_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=opd_user(OPDFactory()))
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def evaluate(client, form, answers) -> dict:
    response = client.post(f"/api/v1/forms/{form.pk}/evaluate/", {"answers": answers}, format="json")
    assert response.status_code == 200, response.content
    return response.json()


def sakip_answers(score: float, last: float) -> dict:
    """Perencanaan, pengukuran, pelaporan (weights 30 + 30 + 15) at ``score``; evaluasi (25) at ``last``."""
    return {
        "tahun_evaluasi": 2025,
        "perencanaan_kinerja_nilai": score,
        "pengukuran_kinerja_nilai": score,
        "pelaporan_kinerja_nilai": score,
        "evaluasi_internal_nilai": last,
    }


@pytest.mark.parametrize(
    ("score", "last", "exact", "shown", "grade"),
    [
        (80, 80.01, 80.0025, 80, "A"),  # shown 80.00 (BB's top) but above the edge: A (rounded rule: BB)
        (80, 79.99, 79.9975, 80, "BB"),  # below 80, shown 80: BB either way (80 is included in BB)
        (80, 80, 80, 80, "BB"),
        (70, 70.01, 70.0025, 70, "BB"),  # rounded rule: B
        (90, 90.01, 90.0025, 90, "AA"),  # rounded rule: A
        (30, 30.01, 30.0025, 30, "C"),  # rounded rule: D
    ],
)
def test_sakip_grade_on_the_exact_total(client, score, last, exact, shown, grade):
    total = evaluate(client, make_form(sakip.schema()), sakip_answers(score, last))["scores"]["total"]
    assert total["score"] == shown
    assert total["score_exact"] == exact
    assert total["band"] == grade


def spbe_levels(raised: dict, default: int) -> dict:
    answers = {key: str(default) for _a, key, _w in spbe.indicator_keys()}
    answers.update({k: str(v) for k, v in raised.items()})
    return {"tahun": 2025, **answers}


def keys_of(aspect: str) -> list[str]:
    return [key for a, key, _w in spbe.indicator_keys() if a == aspect]


def test_spbe_predikat_on_the_exact_index(client):
    form = make_form(spbe.schema())
    # all 2; Layanan (45.5) + 5 × 1.3 + 5 × 1.5 at 3: 2.595, shown 2.6, yet below Baik's 2.6: Cukup
    raised = dict.fromkeys(keys_of("layanan_administrasi") + keys_of("layanan_publik"), 3)
    raised |= dict.fromkeys(keys_of("kebijakan_tata_kelola")[:5] + keys_of("penerapan_manajemen")[:5], 3)
    total = evaluate(client, form, spbe_levels(raised, 2))["scores"]["total"]
    assert (total["score"], total["score_exact"], total["band"]) == (2.6, 2.595, "Cukup")
    # one more Manajemen indicator at 3: 2.61 exactly → Baik
    raised |= dict.fromkeys(keys_of("penerapan_manajemen")[5:6], 3)
    total = evaluate(client, form, spbe_levels(raised, 2))["scores"]["total"]
    assert (total["score"], total["band"]) == (2.61, "Baik")
    # aspects too: Penerapan Manajemen 5 of 8 at 3, the rest 2 → 2.625, shown 2.63, Baik
    result = evaluate(client, form, spbe_levels(dict.fromkeys(keys_of("penerapan_manajemen")[:5], 3), 2))
    aspect = next(s for s in result["scores"]["sections"] if s["key"] == "penerapan_manajemen")
    assert (aspect["score"], aspect["score_exact"], aspect["band"]) == (2.63, 2.625, "Baik")


def test_spm_category_on_the_exact_achievement(client):
    form = make_form(spm.schema())
    rows = {k: {"sasaran": 100, "terlayani": 100} for k, _label in spm.SERVICES}
    rows["kesehatan"] = {"sasaran": 20000, "terlayani": 19999}  # 99.995 %: shown 100, not every person served
    result = evaluate(client, form, {"tahun": 2025, "layanan": rows})
    assert result["computed"]["layanan.1.capaian"] == 100
    assert result["labels"]["layanan.1.capaian"] == "Tuntas Utama"
    assert result["labels"]["layanan.0.capaian"] == "Tuntas Paripurna"
