"""Issue 16, the designer's "Pratinjau & coba" in real chromium: the editor types sample answers in
the live preview and sees computed values, scores and bands follow, on the unsaved draft.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from organizations.roles import GlobalRole
from tests.e2e.test_form_designer import login
from tests.factories import UserFactory, make_form, simple_schema
from tests.forms_builder.test_live_evaluate import SCORED

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_editor_tries_sample_answers_in_the_preview(browser, live_server):
    editor = UserFactory(roles=[GlobalRole.KOMINFO_EDITOR], username="editor.coba")
    form = make_form(simple_schema("coba_e2e", **SCORED))
    context = browser.new_context(locale="id-ID", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(60000)
    login(page, live_server, editor)

    page.goto(f"{live_server.url}/admin/snippets/forms_builder/formdefinition/edit/{form.pk}/")
    # an unsaved change to the draft: the preview tries what is being edited, not what was saved
    page.fill("input[name=title]", "Penilaian Mandiri (draf)")
    page.locator("[data-side-panel-toggle=preview]").click()
    first = page.frame_locator("iframe#w-preview-iframe")
    expect(first.locator("h1")).to_have_text("Penilaian Mandiri (draf)", timeout=30000)
    page.select_option("#id_preview_mode", "evaluate")
    # Wagtail loads the new mode in a fresh iframe and swaps it in: wait for that one
    iframe = page.locator("iframe#w-preview-iframe[src*='mode=evaluate']")
    expect(iframe).to_have_count(1, timeout=30000)
    frame = iframe.content_frame
    expect(frame.get_by_role("heading", name="Pratinjau & coba")).to_be_visible(timeout=20000)
    expect(frame.locator("h1")).to_have_text("Penilaian Mandiri (draf)")
    expect(frame.locator("#try[data-evaluated]")).to_be_attached()
    expect(frame.locator("[id='computed-indeks']")).to_have_text("2.500 — Baik")

    frame.locator("select[name='f-tingkat']").select_option("optimum")
    frame.locator("select[name='f-punya_wbs']").select_option("ya")
    expect(frame.locator("#try-total")).to_have_text("3")
    expect(frame.locator("#try-total-band")).to_have_text("Memuaskan")
    expect(frame.locator("#try-alasan")).to_be_hidden()

    frame.locator("select[name='f-tingkat']").select_option("rintisan")
    frame.locator("select[name='f-punya_wbs']").select_option("tidak")
    expect(frame.locator("#try-total-band")).to_have_text("Kurang")
    expect(frame.locator("#try-alasan")).to_be_visible()
    expect(frame.locator("#try-errors")).to_contain_text("Alasan belum punya WBS: Wajib diisi.")
    page.screenshot(path="/tmp/e2e-designer-try.png", full_page=False)
    context.close()
