"""The LKjIP draft: DOCX (python-docx finds the tables) and PDF, stored as new private documents."""

import io

import pytest
from docx import Document as Docx
from wagtail.documents import get_document_model

from home.selectors import public_documents
from planning.achievement import cascade_build
from planning.lkjip import lkjip_draft_create
from tests.factories import add_indicator, bappeda_user, plan_world

pytestmark = pytest.mark.django_db


def test_lkjip_draft_docx_and_pdf_are_new_private_documents(client):
    world = plan_world(opds=2)
    add_indicator(world.sasaran, target=100, realised=87.5, name="IKU Pemda uji")
    add_indicator(world.opd_sasaran[0], target=10, realised=12, direction="turun")
    planner = bappeda_user()
    client.force_login(planner)
    response = client.post("/admin/perencanaan/lkjip/", {"tahun": 2026}, follow=True)
    assert "Draf LKjIP disimpan" in response.content.decode()
    docs = list(get_document_model().objects.order_by("pk"))
    assert [d.title for d in docs] == ["Draf LKjIP 2026 versi 1 (DOCX)", "Draf LKjIP 2026 versi 1 (PDF)"]
    with docs[0].file.open("rb") as handle:
        word = Docx(io.BytesIO(handle.read()))
    texts = [[c.text for c in row.cells] for table in word.tables for row in table.rows]
    assert ["S1 Sasaran uji", "IKU Pemda uji", "%", "100", "87,5", "87,5%", "Baik", "—", "—"] in texts
    opd_row = next(r for r in texts if r[0] == world.opds[0].name)
    assert opd_row[1:3] == ["80%", "Baik"]  # (2 − 12/10) × 100, lower is better
    assert opd_row[4] == "—"  # no Serap data: efficiency empty, not zero
    with docs[1].file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert not public_documents().exists()  # drafts are in a private collection
    lkjip_draft_create(cascade=cascade_build(rpjmd=world.rpjmd, year=2026), actor=planner)
    titles = set(get_document_model().objects.values_list("title", flat=True))
    assert "Draf LKjIP 2026 versi 2 (DOCX)" in titles
    assert "Draf LKjIP 2026 versi 1 (DOCX)" in titles  # never overwritten
