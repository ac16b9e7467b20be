"""Issue 16, the designer's formula help in real chromium: fields and functions beside a formula,
a click inserts a key at the cursor, and a wrong formula's problem shows at that input."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from organizations.roles import GlobalRole
from tests.e2e.test_form_designer import login
from tests.factories import UserFactory, make_form, simple_schema
from tests.forms_builder.test_live_evaluate import SCORED

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_formula_help_lists_fields_inserts_keys_and_shows_problems(browser, live_server):
    editor = UserFactory(roles=[GlobalRole.KOMINFO_EDITOR], username="editor.rumus")
    form = make_form(simple_schema("rumus_e2e", **SCORED))
    context = browser.new_context(locale="id-ID", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30000)
    login(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/snippets/forms_builder/formdefinition/edit/{form.pk}/")

    formula = page.locator("input[name$='-value-formula']").first
    expect(formula).to_have_value("1000 * 2.5")
    formula.click()
    help_panel = page.locator("#formula-help")
    expect(help_panel).to_be_visible()
    expect(help_panel.locator("[data-fh=fields]")).to_contain_text("Tingkat kematangan → tingkat")
    expect(help_panel.locator("[data-fh=functions]")).to_contain_text("skor()")
    expect(help_panel.locator("[data-fh=functions]")).to_contain_text('capaian(realisasi, target, "naik")')

    formula.fill("")
    help_panel.locator("button[data-insert='skor(']").click()
    help_panel.locator("button[data-insert='tingkat']").click()
    formula.press("End")
    formula.type(") * nilai_hilang")
    expect(formula).to_have_value("skor(tingkat) * nilai_hilang")
    problem = page.locator("p.fh-problem:visible")
    expect(problem).to_have_text("Tidak ada isian dengan kunci 'nilai_hilang' di formulir ini.")
    expect(formula).to_have_attribute("aria-invalid", "true")
    formula.fill("skor(tingkat) * 2")
    expect(page.locator("p.fh-problem:visible")).to_have_count(0)
    page.screenshot(path="/tmp/e2e-formula-help.png")
    context.close()
