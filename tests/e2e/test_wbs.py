"""A WBS report filed anonymously in real chromium (JavaScript off), then read by the Inspektorat.

The reporter's browser has JavaScript disabled: the form and the follow-up page must work
without it. The Inspektorat member logs in to the Wagtail admin, opens the report, and the
read is in the audit log. Finally no table holds the browser's user agent.
"""

import re

import pytest
from django.db import connection
from wagtail.models import Page, Site

from audit.models import SensitiveRead
from organizations.roles import GlobalRole
from tests.e2e.helpers import admin_login
from tests.factories import OPDFactory, UserFactory, WbsCategoryFactory
from wbs.models import WbsReport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "rahasia-uji-123"


def _site_root() -> Page:
    """The default site's root page; recreated when an earlier transactional test flushed it."""
    from django.conf import settings
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=Page(title="Beranda", slug="beranda"))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def setup(transactional_db):
    from home.wbs_pages import WbsFollowUpPage, WbsFormPage

    root = _site_root()
    form = root.add_child(instance=WbsFormPage(title="Lapor Pelanggaran", slug="lapor-wbs"))
    follow = root.add_child(instance=WbsFollowUpPage(title="Pantau Laporan WBS", slug="pantau-wbs"))
    opd = OPDFactory(name="Dinas Pekerjaan Umum", acronym="DPU")
    category = WbsCategoryFactory(name="Gratifikasi e2e", slug="gratifikasi-e2e")
    user = UserFactory(username="inspektur.e2e", roles=[GlobalRole.INSPECTORATE])
    return {"form": form, "follow": follow, "opd": opd, "category": category, "user": user}


def _user_agent_in_database(user_agent: str) -> list[str]:
    hits = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 — introspected names
            hits += [table for row in cursor.fetchall() if user_agent in " ".join(map(str, row))]
    return hits


def test_anonymous_report_read_by_inspectorate(browser, live_server, setup):
    reporter = browser.new_context(locale="id-ID", java_script_enabled=False)
    page = reporter.new_page()
    agents: list[str] = []
    page.on("request", lambda request: agents.append(request.headers.get("user-agent", "")))
    page.goto(live_server.url + setup["form"].url)
    page.select_option("#id_category", label="Gratifikasi e2e")
    page.select_option("#id_reported_opd", label=str(setup["opd"]))
    page.fill("#id_reported_person", "Kepala Seksi Jalan")
    page.fill("#id_title", "Permintaan uang pelicin proyek jalan")
    page.fill("#id_description", "Kontraktor diminta menyetor 5% nilai kontrak sebelum pencairan termin.")
    page.click("#wbs-submit")
    page.wait_for_selector("#receipt-code")
    user_agent = agents[0]
    code = page.inner_text("#receipt-code").strip()
    assert re.fullmatch(r"[0-9A-Z]{8}(-[0-9A-Z]{4}){4}", code)
    report = WbsReport.objects.get()
    assert report.lookup_id == code[:8]
    assert not report.has_identity

    page.goto(live_server.url + setup["follow"].url)
    page.fill("#id_receipt_code", code.lower())
    page.click("#wbs-open")
    assert page.inner_text("#wbs-status") == "Diterima"
    page.fill("#id_body", "Saya punya salinan bukti setoran.")
    page.click("#wbs-reply")
    assert "Saya punya salinan bukti setoran." in page.inner_text("#wbs-messages")
    reporter.close()

    staff = browser.new_context(locale="id-ID")
    admin = staff.new_page()
    admin_login(admin, live_server.url, "inspektur.e2e", PASSWORD)
    admin.goto(live_server.url + "/admin/wbs/")
    admin.click(f"text={report.lookup_id}")
    admin.wait_for_selector("#wbs-content")
    assert "Kontraktor diminta menyetor" in admin.inner_text("#wbs-content")
    staff.close()

    read = SensitiveRead.objects.get(action="wbs.read")
    assert (read.user_id, read.door, read.object_id) == (setup["user"].pk, "admin", str(report.pk))
    assert "HeadlessChrome" in user_agent or "Chrome" in user_agent
    assert _user_agent_in_database(user_agent) == []
