"""Issue 5 "Done when", in real chromium: assign, fill, submit (browser and REST), return, fix,
verify, publish, the completeness matrix and the XLSX export.

The editor assigns the previous and the current quarter (due on the last day of each
quarter, long grace) to three OPDs, so the matrix can show every kind of cell at once:
OPD B files the previous quarter late and the current one on time through REST, OPD A
goes through the whole review in the browser, OPD C has not started.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from organizations.models import MembershipRole
from reporting.models import Assignment, Submission, SubmissionStatus, SubmissionTransition
from reporting.periods import local_zone
from tests.factories import OPDFactory, PemdaFactory, opd_user
from tests.factories.reports import editor_user, make_report_form, pdf_upload

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"


def login(browser, live_server, user):
    context = browser.new_context(locale="id-ID", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def status_of(page) -> str:
    return page.locator("#report-status").get_attribute("data-status")


def test_periodic_reporting_end_to_end(browser, live_server, tmp_path):
    PemdaFactory()
    today = timezone.now().astimezone(local_zone()).date()
    q_now = (today.month - 1) // 3 + 1
    quarters = [q_now - 1, q_now] if q_now > 1 else [q_now]
    opd_a, opd_b, opd_c = OPDFactory(name="Dinas Alpha"), OPDFactory(name="Dinas Beta"), OPDFactory(name="Dinas Gamma")
    editor = editor_user(username="editor.laporan")
    operator_a = opd_user(opd_a, username="operator.alpha")
    verifier_a = opd_user(opd_a, role=MembershipRole.VERIFIER, username="verifikator.alpha")
    operator_b = opd_user(opd_b, username="operator.beta")
    form = make_report_form("laporan_triwulan_e2e")

    # 1. the editor assigns the published form to three OPDs
    editor_page = login(browser, live_server, editor)
    editor_page.goto(f"{live_server.url}/admin/reporting/assignments/new/")
    editor_page.fill("input[name=title]", "Laporan Triwulan Kegiatan")
    editor_page.select_option("select[name=form]", str(form.pk))
    editor_page.select_option("select[name=period_type]", "quarterly")
    editor_page.fill("input[name=year]", str(today.year))
    for q in quarters:
        editor_page.check(f"input[name=period_keys][value='quarterly:{q}']")
    for opd in (opd_a, opd_b, opd_c):
        editor_page.check(f"input[name=opds][value='{opd.pk}']")
    editor_page.fill("input[name=due_days]", "0")  # due the last day of the quarter
    editor_page.fill("input[name=grace_days]", "120")  # late, but not locked yet
    editor_page.locator("footer button[type=submit]").first.click()
    editor_page.wait_for_load_state("networkidle")
    editor_page.screenshot(path="/tmp/e2e-report-assign.png", full_page=True)
    assignment = Assignment.objects.get(title="Laporan Triwulan Kegiatan")
    subs = Submission.objects.filter(assignment=assignment).select_related("period")
    assert subs.count() == 3 * len(quarters)
    slot = {(s.opd_id, s.period.number): s for s in subs}
    a_now, b_now, c_now = (slot[(o.pk, q_now)] for o in (opd_a, opd_b, opd_c))

    # 2. operator A fills and submits in the browser (with an attachment)
    op_page = login(browser, live_server, operator_a)
    op_page.goto(f"{live_server.url}/admin/reports/")
    op_page.locator(f"tr[data-submission='{a_now.pk}'] a").click()
    op_page.fill("[name='f-nama_kegiatan']", "Rehabilitasi jalan desa")
    op_page.fill("[name='f-jumlah_pegawai']", "12")
    op_page.fill("[name='f-realisasi.0.kegiatan']", "Pengaspalan")
    op_page.fill("[name='f-realisasi.0.pagu']", "1.500.000")
    op_page.fill("[name='f-realisasi.0.realisasi']", "750.000")
    pdf = tmp_path / "bukti.pdf"
    pdf.write_bytes(pdf_upload().read())
    op_page.set_input_files("[name='file-dokumen']", str(pdf))
    op_page.get_by_role("button", name="Kirim", exact=True).click()
    op_page.wait_for_load_state("networkidle")
    op_page.screenshot(path="/tmp/e2e-report-submitted.png", full_page=True)
    assert status_of(op_page) == "submitted"
    a_now.refresh_from_db()
    assert a_now.answers["realisasi"][0]["pagu"] == 1500000
    assert a_now.attachments.count() == 1
    expect(op_page.get_by_text("bukti.pdf")).to_be_visible()

    # 3. OPD B submits through REST; the submit is sent twice with the same Idempotency-Key
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=operator_b).key}")
    for q in quarters:
        sub = slot[(opd_b.pk, q)]
        detail = api.get(f"/api/v1/reports/submissions/{sub.pk}/")
        assert detail.status_code == 200, detail.content
        saved = api.patch(
            f"/api/v1/reports/submissions/{sub.pk}/",
            {"answers": {"nama_kegiatan": f"Kegiatan B{q}", "jumlah_pegawai": 7}},
            format="json",
            HTTP_IF_MATCH=detail["ETag"],
        )
        assert saved.status_code == 200, saved.content
        key = f"kirim-b-{sub.pk}"
        first = api.post(f"/api/v1/reports/submissions/{sub.pk}/submit/", HTTP_IDEMPOTENCY_KEY=key)
        again = api.post(f"/api/v1/reports/submissions/{sub.pk}/submit/", HTTP_IDEMPOTENCY_KEY=key)
        assert first.status_code == again.status_code == 200, (first.content, again.content)
        assert first.json() == again.json()
        assert SubmissionTransition.objects.filter(submission=sub, to_status=SubmissionStatus.SUBMITTED).count() == 1
    # and OPD B can never read OPD A's report
    assert api.get(f"/api/v1/reports/submissions/{a_now.pk}/").status_code == 404

    # 4. the verifier returns A's report with a field comment
    ver_page = login(browser, live_server, verifier_a)
    ver_page.goto(f"{live_server.url}/admin/reports/{a_now.pk}/")
    ver_page.fill("[name='comment-jumlah_pegawai']", "Jumlah pegawai tidak sesuai SK")
    ver_page.fill("#review-form [name=comment]", "Mohon diperbaiki")
    ver_page.locator("button[name=do-return]").click()
    ver_page.wait_for_load_state("networkidle")
    assert status_of(ver_page) == "returned"

    # 5. the operator sees the comment, only that field is open, fixes it and resubmits
    op_page.goto(f"{live_server.url}/admin/reports/{a_now.pk}/")
    expect(op_page.locator("[data-comment-for='jumlah_pegawai']")).to_contain_text("tidak sesuai SK")
    expect(op_page.locator("[name='f-nama_kegiatan']")).to_be_disabled()
    op_page.fill("[name='f-jumlah_pegawai']", "14")
    op_page.get_by_role("button", name="Kirim", exact=True).click()
    op_page.wait_for_load_state("networkidle")
    assert status_of(op_page) == "submitted"
    a_now.refresh_from_db()
    assert a_now.answers["jumlah_pegawai"] == 14
    assert a_now.answers["nama_kegiatan"] == "Rehabilitasi jalan desa"

    # 6. the verifier verifies (the timeline shows the round's diff), the editor publishes
    ver_page.goto(f"{live_server.url}/admin/reports/{a_now.pk}/")
    expect(ver_page.locator("#report-timeline")).to_contain_text("Jumlah pegawai")  # the label, not the key
    ver_page.locator("button[name=do-verify]").click()
    ver_page.wait_for_load_state("networkidle")
    assert status_of(ver_page) == "verified"
    assert ver_page.locator("button[name=do-publish]").count() == 0  # an OPD verifier does not publish
    editor_page.goto(f"{live_server.url}/admin/reports/{a_now.pk}/")
    editor_page.locator("button[name=do-publish]").click()
    editor_page.wait_for_load_state("networkidle")
    assert status_of(editor_page) == "published"
    editor_page.screenshot(path="/tmp/e2e-report-published.png", full_page=True)

    # 7. the completeness matrix shows on time, late and not started
    editor_page.goto(f"{live_server.url}/admin/reports/matrix/?form={form.pk}&year={today.year}")
    editor_page.screenshot(path="/tmp/e2e-report-matrix.png", full_page=True)

    def cell(sub):
        return editor_page.locator(f"#cell-{sub.pk}").get_attribute("data-state")

    assert cell(b_now) == "on_time"
    assert cell(c_now) == "not_started"
    assert cell(a_now) in ("verified", "published")
    assert editor_page.locator(f"#cell-{a_now.pk}").get_attribute("data-published") == "1"
    if len(quarters) == 2:
        assert cell(slot[(opd_b.pk, quarters[0])]) == "late"
        assert cell(slot[(opd_c.pk, quarters[0])]) == "not_started"

    # 8. the XLSX export of the current quarter opens with openpyxl with the right values
    editor_page.goto(f"{live_server.url}/admin/reports/export/?assignment={assignment.pk}")
    link = editor_page.locator(f"a[href*='/reports/export/{assignment.pk}/{a_now.period_id}/?format=xlsx']")
    with editor_page.expect_download() as download_info:
        link.click()
    workbook = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes()), read_only=True)
    main = list(workbook.worksheets[0].iter_rows(values_only=True))
    header = list(main[0])
    rows = {r[0]: dict(zip(header, r, strict=False)) for r in main[1:]}
    assert set(rows) == {"Dinas Alpha", "Dinas Beta", "Dinas Gamma"}
    assert rows["Dinas Alpha"]["nama_kegiatan"] == "Rehabilitasi jalan desa"
    assert rows["Dinas Alpha"]["jumlah_pegawai"] == 14
    assert rows["Dinas Alpha"]["total_pagu"] == 1500000
    assert rows["Dinas Beta"]["nama_kegiatan"] == f"Kegiatan B{q_now}"
    assert rows["Dinas Gamma"].get("nama_kegiatan") is None  # not started (empty cells may be left out)
    assert rows["Dinas Gamma"]["Status"] == "Belum dimulai"
    assert rows["Dinas Alpha"]["Status"] == "Dipublikasikan"
    table = next(ws for ws in workbook.worksheets if ws.title.startswith("Realisasi"))
    table_rows = list(table.iter_rows(values_only=True))
    cols = list(table_rows[0])
    alpha = [dict(zip(cols, r, strict=False)) for r in table_rows[1:] if r[0] == "Dinas Alpha"]
    assert alpha[0]["kegiatan"] == "Pengaspalan"
    assert alpha[0]["pagu"] == 1500000
    assert alpha[0]["serapan"] == 50
