"""An editor designs a form in the Wagtail admin in real chromium, publishes v1, edits, publishes v2.

The StreamField designer is React; blocks are added through its "+" buttons and the
block-type combobox, and fields are filled by the names Wagtail gives them
(``body-0-value-fields-1-value-key``). Results are checked in the database and via REST.
"""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from forms_builder.models import FormDefinition, FormVersion
from organizations.roles import GlobalRole
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"

#: JS: the last "+" button of the stream at ``path`` (block ids replaced by "*").
_MARK_ADD_BUTTON = """(path) => {
  document.querySelectorAll('[data-e2e-add]').forEach(b => b.removeAttribute('data-e2e-add'));
  const chain = (el) => { const parts = []; let n = el.closest('[data-contentpath]');
    while (n) { const p = n.dataset.contentpath; parts.unshift(/^[0-9a-f-]{36}$/.test(p) ? '*' : p);
      n = n.parentElement && n.parentElement.closest('[data-contentpath]'); }
    return parts.join('/'); };
  const found = [...document.querySelectorAll('button.c-sf-add-button')].filter(b => chain(b) === path);
  if (!found.length) return false;
  found[found.length - 1].setAttribute('data-e2e-add', '1');
  return true;
}"""


def add_block(page, path: str, option: str) -> None:
    assert page.evaluate(_MARK_ADD_BUTTON, path), f"no add button for {path}"
    choice = page.get_by_role("option", name=option, exact=True)
    for _attempt in range(3):  # a click before the block's script is ready opens nothing: click again
        page.locator("[data-e2e-add]").click()
        try:
            choice.wait_for(state="visible", timeout=5000)
            break
        except PlaywrightTimeoutError:
            continue
    choice.click()
    page.wait_for_timeout(150)


def fill(page, name: str, value: str) -> None:
    page.locator(f"[name='{name}']").fill(value)


def publish(page) -> None:
    page.locator("footer .w-dropdown__toggle, [data-w-dropdown-target=toggle]").last.click()
    page.locator("button[name='action-publish']").click()
    page.wait_for_load_state("networkidle")


def login(page, live_server, user) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def test_editor_builds_publishes_and_versions_a_form(page, live_server):
    editor = UserFactory(username="editor.kominfo", roles=[GlobalRole.KOMINFO_EDITOR])
    login(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/snippets/forms_builder/formdefinition/add/")
    fill(page, "title", "Capaian Kinerja Triwulan")
    fill(page, "key", "capaian_triwulan")

    # a section with two numbers, a formula and a conditional explanation
    add_block(page, "body", "Bagian")
    fill(page, "body-0-value-key", "kinerja")
    fill(page, "body-0-value-label", "Kinerja")
    for i, (option, key, label) in enumerate(
        [
            ("Bilangan desimal", "target", "Target"),
            ("Bilangan desimal", "realisasi", "Realisasi"),
            ("Isian terhitung (rumus)", "capaian", "Capaian (%)"),
            ("Teks panjang", "penjelasan", "Penjelasan bila belum tercapai"),
        ]
    ):
        add_block(page, "body/*/fields", option)
        fill(page, f"body-0-value-fields-{i}-value-key", key)
        fill(page, f"body-0-value-fields-{i}-value-label", label)
    fill(page, "body-0-value-fields-2-value-formula", "realisasi / target * 100")
    fill(page, "body-0-value-fields-3-value-show_if", "capaian < 100")
    page.locator("[name='body-0-value-fields-0-value-required']").check()

    # a table of activities with free rows and a column formula
    add_block(page, "body", "Tabel")
    fill(page, "body-1-value-key", "kegiatan")
    fill(page, "body-1-value-label", "Kegiatan")
    fill(page, "body-1-value-max_rows", "10")
    for i, (option, key, label) in enumerate(
        [("Teks singkat", "nama", "Nama kegiatan"), ("Jumlah Rupiah", "pagu", "Pagu")]
    ):
        add_block(page, "body/*/columns", option)
        fill(page, f"body-1-value-columns-{i}-value-key", key)
        fill(page, f"body-1-value-columns-{i}-value-label", label)
    add_block(page, "body", "Isian terhitung (rumus)")
    fill(page, "body-2-value-key", "total_pagu")
    fill(page, "body-2-value-label", "Total pagu")
    fill(page, "body-2-value-formula", "sum(kegiatan.pagu)")

    publish(page)
    page.screenshot(path="/tmp/e2e-form-v1.png", full_page=True)
    form = FormDefinition.objects.get(key="capaian_triwulan")
    v1 = FormVersion.objects.get(form=form)
    assert v1.number == 1
    assert v1.published_by == editor
    section, table, total = v1.schema["fields"]
    assert [f["key"] for f in section["fields"]] == ["target", "realisasi", "capaian", "penjelasan"]
    assert section["fields"][3]["show_if"] == "capaian < 100"
    assert table["columns"][1] == {"key": "pagu", "type": "rupiah", "label": "Pagu"}
    assert total["formula"] == "sum(kegiatan.pagu)"

    # edit: relabel a field and add one, then publish a second version
    page.goto(f"{live_server.url}/admin/snippets/forms_builder/formdefinition/edit/{form.pk}/")
    fill(page, "body-0-value-fields-0-value-label", "Target triwulan")
    # the live preview renders the unsaved draft through the evaluate service
    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_text("Target triwulan", exact=True)).to_be_visible(timeout=15000)
    expect(preview.get_by_text("= realisasi / target * 100")).to_be_visible()
    page.locator("[data-side-panel-toggle=preview]").click()
    add_block(page, "body", "Tahun")
    fill(page, "body-3-value-key", "tahun")
    fill(page, "body-3-value-label", "Tahun")
    publish(page)
    page.screenshot(path="/tmp/e2e-form-v2.png", full_page=True)

    versions = list(FormVersion.objects.filter(form=form).order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].schema == v1.schema  # v1 intact
    assert versions[0].schema["fields"][0]["fields"][0]["label"] == "Target"
    assert versions[1].schema["fields"][0]["fields"][0]["label"] == "Target triwulan"
    assert versions[1].schema["fields"][3]["key"] == "tahun"

    # the REST door serves both and evaluates with the formula
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    assert client.get(f"/api/v1/forms/{form.pk}/").json()["version"] == 2
    assert "tahun" not in str(client.get(f"/api/v1/forms/{form.pk}/?version=1").json()["schema"])
    answers = {"target": 80, "realisasi": 60, "kegiatan": [{"nama": "A", "pagu": 100}, {"nama": "B", "pagu": 50}]}
    result = client.post(f"/api/v1/forms/{form.pk}/evaluate/", {"answers": answers}, format="json").json()
    assert result["computed"] == {"capaian": 75, "total_pagu": 150}


def test_publishing_a_duplicate_key_is_refused_in_the_designer(page, live_server):
    editor = UserFactory(username="editor.dua", roles=[GlobalRole.KOMINFO_EDITOR])
    login(page, live_server, editor)
    page.goto(f"{live_server.url}/admin/snippets/forms_builder/formdefinition/add/")
    fill(page, "title", "Formulir Ganda")
    fill(page, "key", "ganda")
    for i in range(2):
        add_block(page, "body", "Teks singkat")
        fill(page, f"body-{i}-value-key", "nama")
        fill(page, f"body-{i}-value-label", f"Nama {i}")
    publish(page)
    page.screenshot(path="/tmp/e2e-form-dupe.png", full_page=True)
    assert "Kunci 'nama' dipakai lebih dari sekali" in page.content()
    assert not FormVersion.objects.filter(form__key="ganda").exists()
