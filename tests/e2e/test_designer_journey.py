"""Issue 16's journey in real chromium, with the demo's people (``organizations.demo``).

1. ``editor`` (Editor Kominfo) builds a scored self-assessment: a section of two weighted Ya/Tidak
   questions, a conditional explanation, a computed index banded by the named table "Predikat
   SPBE", and a table of activities; tries it with sample answers in "Pratinjau & coba" (computed
   value and band shown), publishes it, all in fewer than 40 counted actions (clicks, fills,
   selects, checks; page loads are not actions), then assigns it to Dinkes.
2. ``operator.dinkes`` sees the assignment in the admin home's to-do, fills the report: the
   conditional field appears, two table rows are added without a page load, and submits.
3. ``auditor`` opens the report's history diff and reads labels, not keys.

Screenshots of the designer at phone (390x844) and desktop widths go to /tmp/journey-*.png.
"""

from __future__ import annotations

import io
import re

import pytest
from django.core.management.color import no_style
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from forms_builder.demo import band_tables_load
from forms_builder.models import FormDefinition
from organizations import demo as org_demo
from reporting.models import Assignment, Submission, SubmissionStatus
from reporting.periods import local_zone
from tests.e2e.test_form_designer import _MARK_ADD_BUTTON

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LIMIT = 40


class Counted:
    """A page whose user actions are counted (clicks, fills, selects, checks)."""

    def __init__(self, page):
        self.page = page
        self.actions: list[str] = []

    def _count(self, what: str) -> None:
        self.actions.append(what)

    def click(self, locator, what: str) -> None:
        self._count(f"klik {what}")
        locator.click()

    def fill(self, name: str, value: str) -> None:
        self._count(f"isi {name}")
        self.page.locator(f"[name='{name}']").fill(value)

    def select(self, locator, value: str, what: str) -> None:
        self._count(f"pilih {what}")
        locator.select_option(value)

    def add_block(self, path: str, option: str) -> None:
        """The "+" of the stream at ``path`` and the block type: two actions (a retry is not counted)."""
        page = self.page
        assert page.evaluate(_MARK_ADD_BUTTON, path), f"no add button for {path}"
        choice = page.get_by_role("option", name=option, exact=True)
        self._count(f"klik + {path}")
        for _attempt in range(3):  # a click before the block's script is ready opens nothing: click again
            page.locator("[data-e2e-add]").click()
            try:
                choice.wait_for(state="visible", timeout=5000)
                break
            except PlaywrightTimeoutError:
                continue
        self._count(f"pilih {option}")
        choice.click()
        page.wait_for_timeout(150)


def login(browser, live_server, username: str, **context_options):
    context = browser.new_context(locale="id-ID", **context_options)
    page = context.new_page()
    page.set_default_timeout(30000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", org_demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page


def test_editor_builds_tries_publishes_operator_fills_auditor_reads_labels(browser, live_server, settings):
    settings.SEPAKAT_SHOW_DEMO_PASSWORDS = True
    org_demo.load(stdout=io.StringIO(), style=no_style())
    band_tables_load()  # the demo's "Predikat SPBE"

    # 1. the editor builds the form ---------------------------------------------------------
    context, page = login(browser, live_server, "editor", viewport={"width": 1400, "height": 1000})
    page.goto(f"{live_server.url}/admin/snippets/forms_builder/formdefinition/add/")
    me = Counted(page)
    me.fill("title", "Penilaian Mandiri Tata Kelola")
    me.fill("key", "mandiri_tata_kelola")
    me.add_block("body", "Bagian")
    me.fill("body-0-value-label", "Tata kelola")  # keys left empty: made from the labels
    for i, label in enumerate(["Punya kebijakan internal?", "Punya WBS?"]):
        me.add_block("body/*/fields", "Ya/Tidak")
        me.fill(f"body-0-value-fields-{i}-value-label", label)
        me.fill(f"body-0-value-fields-{i}-value-weight", "1")
    me.add_block("body/*/fields", "Teks panjang")
    me.fill("body-0-value-fields-2-value-label", "Alasan belum punya WBS")
    me.fill("body-0-value-fields-2-value-show_if", "punya_wbs == false")
    me.add_block("body", "Isian terhitung (rumus)")
    me.fill("body-1-value-label", "Indeks tata kelola")
    me.fill("body-1-value-formula", "(skor(punya_kebijakan_internal) + skor(punya_wbs)) / 2 * 5")
    # the named band table, typed once for every form
    block = page.locator("[name='body-1-value-band_table']").locator(
        "xpath=ancestor::div[contains(@class,'chooser')][1]"
    )
    me._count("klik pilih tabel pita nilai")
    choice = page.locator(".modal").get_by_text("Predikat SPBE", exact=True)
    for _attempt in range(3):  # a click while an autosave re-renders the block opens nothing: click again
        block.locator("button.chooser__choose-button").click()
        try:
            choice.wait_for(state="visible", timeout=5000)
            break
        except PlaywrightTimeoutError:
            continue
    me.click(choice, "Predikat SPBE")
    expect(block).to_contain_text("Predikat SPBE")
    me.add_block("body", "Tabel")
    me.fill("body-2-value-label", "Kegiatan")
    me.add_block("body/*/columns", "Teks singkat")
    me.fill("body-2-value-columns-0-value-label", "Nama kegiatan")
    me.add_block("body/*/columns", "Jumlah Rupiah")
    me.fill("body-2-value-columns-1-value-label", "Anggaran")
    for name, (width, height) in {"desktop": (1400, 1000), "ponsel": (390, 844)}.items():
        page.set_viewport_size({"width": width, "height": height})
        page.locator("[name='body-1-value-formula']").scroll_into_view_if_needed()
        page.screenshot(path=f"/tmp/journey-designer-{name}.png")
    page.set_viewport_size({"width": 1400, "height": 1000})

    # Wagtail autosaves a new snippet (creating it) and then re-renders the side panels, which
    # resets the preview mode: try once that first autosave has landed (no action of the editor)
    expect(page).to_have_url(re.compile(r"/formdefinition/edit/\d+/"), timeout=30000)
    expect(page.get_by_text("Tersimpan").first).to_be_visible(timeout=30000)

    # try it with sample answers, on the draft
    me.click(page.locator("[data-side-panel-toggle=preview]"), "pratinjau")
    first = page.frame_locator("iframe#w-preview-iframe")
    expect(first.locator("h1")).to_have_text("Penilaian Mandiri Tata Kelola", timeout=30000)
    me.select(page.locator("#id_preview_mode"), "evaluate", "Pratinjau & coba")
    iframe = page.locator("iframe#w-preview-iframe[src*='mode=evaluate']")
    try:
        expect(iframe).to_have_count(1, timeout=30000)
    finally:
        page.screenshot(path="/tmp/journey-preview.png")
    frame = iframe.content_frame
    expect(frame.locator("#try[data-evaluated]")).to_be_attached(timeout=30000)
    me.select(frame.locator("select[name='f-punya_kebijakan_internal']"), "ya", "jawaban contoh 1")
    me.select(frame.locator("select[name='f-punya_wbs']"), "tidak", "jawaban contoh 2")
    try:
        expect(frame.locator("[id='computed-indeks_tata_kelola']")).to_have_text("2,5 — Cukup", timeout=20000)
        expect(frame.locator("#try-alasan_belum_punya_wbs")).to_be_visible()
    finally:
        page.screenshot(path="/tmp/journey-try.png")
    me.click(page.locator("[data-side-panel-toggle=preview]"), "tutup pratinjau")

    # publish
    me.click(page.locator("footer .w-dropdown__toggle, [data-w-dropdown-target=toggle]").last, "menu simpan")
    me.click(page.locator("button[name='action-publish']"), "terbitkan")
    page.wait_for_load_state("networkidle")
    form = FormDefinition.objects.get(key="mandiri_tata_kelola")
    version = form.versions.get()
    print(f"designer journey: {len(me.actions)} counted actions: {me.actions}")
    assert len(me.actions) < LIMIT, me.actions
    indeks = version.schema["fields"][1]
    assert indeks["band_table"] == "Predikat SPBE"
    assert [b["label"] for b in indeks["bands"]] == ["Memuaskan", "Sangat Baik", "Baik", "Cukup", "Kurang"]

    # assign it to Dinkes for this quarter (the assignment screen, not counted above)
    today = timezone.now().astimezone(local_zone()).date()
    quarter = (today.month - 1) // 3 + 1
    page.goto(f"{live_server.url}/admin/reporting/assignments/new/")
    page.fill("input[name=title]", "Penilaian Mandiri Tata Kelola 2026")
    page.select_option("select[name=form]", str(form.pk))
    page.select_option("select[name=period_type]", "quarterly")
    page.fill("input[name=year]", str(today.year))
    page.check(f"input[name=period_keys][value='quarterly:{quarter}']")
    dinkes = org_demo.OPD.objects.get(acronym="Dinkes")
    page.check(f"input[name=opds][value='{dinkes.pk}']")
    page.fill("input[name=due_days]", "0")
    page.fill("input[name=grace_days]", "120")
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assignment = Assignment.objects.get(title="Penilaian Mandiri Tata Kelola 2026")
    submission = Submission.objects.get(assignment=assignment, opd=dinkes)
    context.close()

    # 2. the operator: to-do on the admin home, fill, two rows without a reload, submit ---------
    context, page = login(browser, live_server, "operator.dinkes", viewport={"width": 390, "height": 844})
    todo = page.locator("#reporting-todo")
    expect(todo).to_contain_text("Penilaian Mandiri Tata Kelola 2026")
    todo.get_by_role("link", name="Penilaian Mandiri Tata Kelola 2026").click()
    page.wait_for_url(f"**/admin/reports/{submission.pk}/")
    url = page.url
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)
    expect(page.locator("#report-form")).to_have_attribute("data-evaluated", "1")
    page.select_option("select[name='f-punya_kebijakan_internal']", "ya")
    alasan = page.locator("#field-alasan_belum_punya_wbs")
    expect(alasan).to_be_hidden()
    page.select_option("select[name='f-punya_wbs']", "tidak")
    expect(alasan).to_be_visible()
    page.fill("textarea[name='f-alasan_belum_punya_wbs']", "Masih disusun bersama Inspektorat")
    expect(page.locator("[id='computed-indeks_tata_kelola']")).to_have_text("2,5 — Cukup")
    rows = page.locator("input[name='rows-kegiatan']")
    start = int(rows.input_value())
    add = page.get_by_role("button", name="Tambah baris")
    for i in range(2):
        if i >= start:
            add.click()
        page.fill(f"input[name='f-kegiatan.{i}.nama_kegiatan']", f"Sosialisasi {i + 1}")
        page.fill(f"input[name='f-kegiatan.{i}.anggaran']", "2500000")
    expect(rows).to_have_value("2")
    assert navigations == []
    assert page.url == url
    page.screenshot(path="/tmp/journey-operator.png", full_page=True)
    page.get_by_role("button", name="Kirim", exact=True).click()
    page.wait_for_load_state("networkidle")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert [r["anggaran"] for r in submission.answers["kegiatan"]] == [2500000, 2500000]
    expect(page.locator("#report-computed")).to_contain_text("Indeks tata kelola: 2,5 (Cukup)")
    context.close()

    # 3. the auditor reads the report's history diff: labels, not keys ----------------------
    context, page = login(browser, live_server, "auditor", viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/audit/record/reporting.submission/{submission.pk}/")
    diff = page.locator("table.audit-json-diff").first
    expect(diff).to_contain_text("Punya WBS?")
    expect(diff).to_contain_text("Alasan belum punya WBS")
    html = page.content()
    for key in ("punya_wbs", "alasan_belum_punya_wbs", "punya_kebijakan_internal"):
        assert f"<code>{key}</code>" not in html
    page.screenshot(path="/tmp/journey-auditor.png", full_page=True)
    context.close()
