"""Serap in a real browser, at phone size.

The leader logs in, opens the dashboard, sees the slowest OPDs and a critical contract, taps
through to the contract's S-curve; the installed dashboard shows the last figures offline with
their time. The budget manager's XLSX realisation import with a bad row is refused whole with the
row named; the fixed file imports. Screenshots land in /tmp/budget/ and test-artifacts/screenshots/.
"""

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from openpyxl import Workbook

from budget.clock import local_today
from budget.models import BudgetLine, ImportKind, ImportProfile, Realisation
from organizations.roles import GlobalRole
from tests.e2e.test_public_site import PASSWORD
from tests.factories import budget_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SHOTS = [Path("/tmp/budget"), Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"]
PHONE = {"width": 390, "height": 844}
HEADER = ["Nama SKPD", "Kode Sub Kegiatan", "Sumber Dana", "Bulan", "Nilai SP2D"]


def _shot(tab, name: str) -> None:
    for folder in SHOTS:
        folder.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(folder / f"serap-{name}.png"), full_page=True)


@pytest.fixture
def serap(django_user_model):
    budget_world(opds=4, with_contracts=3, today=local_today())
    users = {}
    for username, role in (("bupati.e2e", GlobalRole.LEADER), ("anggaran.e2e", GlobalRole.BUDGET_MANAGER)):
        user = django_user_model.objects.create_user(username, f"{username}@nunukankab.go.id", PASSWORD,
                                                     first_name=username.split(".")[0].title())  # fmt: skip
        user.groups.add(Group.objects.get(name=str(role)))
        users[username] = user
    ImportProfile.objects.create(
        name="Ekspor SIPD realisasi",
        kind=ImportKind.REALISATION,
        columns=dict(zip(["opd", "sub_kegiatan", "funding_source", "month", "amount"], HEADER, strict=True)),
    )
    return users


def _login(tab, base: str, username: str, next_url: str) -> None:
    tab.goto(f"{base}/admin/login/?next={next_url}")
    tab.fill("input[name=username]", username)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(re.compile(re.escape(next_url) + "$"))


def test_leader_sees_slowest_opds_and_a_critical_contract_offline_too(live_server, browser, serap):
    context = browser.new_context(locale="id-ID", viewport=PHONE, is_mobile=True, has_touch=True)
    tab = context.new_page()
    _login(tab, live_server.url, "bupati.e2e", "/serap/")
    ranked = tab.locator("ol.ranked li")
    ranked.first.wait_for()
    assert ranked.count() == 4, tab.content()[:3000]
    first = ranked.first.locator(".pct").inner_text()
    last = ranked.last.locator(".pct").inner_text()
    assert float(first.rstrip("%").replace(",", ".")) <= float(last.rstrip("%").replace(",", "."))
    critical = tab.locator("li.state-critical").first
    assert critical.is_visible()
    tab.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null || "
                          "navigator.serviceWorker.ready.then(() => true)")  # fmt: skip
    _shot(tab, "dasbor-ponsel")
    critical.locator("a").tap()
    tab.wait_for_url(re.compile(r"/serap/kontrak/\d+/"))
    assert tab.get_by_role("heading", name="Kurva S").is_visible()
    assert tab.locator("svg.chart").count() == 1
    _shot(tab, "kontrak-ponsel")

    # Installed app, no network: the last dashboard loaded comes from our service worker's cache.
    tab.goto(f"{live_server.url}/serap/")
    tab.evaluate("navigator.serviceWorker.ready")
    tab.reload()
    stamp = tab.locator(".stamp").first.inner_text()
    context.set_offline(True)
    tab.reload()
    assert tab.locator(".stamp").first.inner_text() == stamp
    assert tab.locator("#offline-banner").is_visible()
    _shot(tab, "dasbor-luring")
    context.close()


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_manager_import_with_a_bad_row_is_refused_whole_then_the_fixed_file_imports(live_server, browser, serap):
    lines = list(BudgetLine.objects.select_related("opd_budget__opd", "sub_kegiatan", "funding_source")[:3])
    month = local_today().month
    good = [[ln.opd_budget.opd.name, ln.sub_kegiatan.code, ln.funding_source.code, month, 1_000_000] for ln in lines]
    bad = [*good[:1], [lines[1].opd_budget.opd.name, "9.99.99.2.99.9999", "PAD", month, 5], *good[1:]]
    before = sorted(Realisation.objects.values_list("line_id", "month", "amount"))
    context = browser.new_context(locale="id-ID", viewport=PHONE)
    tab = context.new_page()
    _login(tab, live_server.url, "anggaran.e2e", "/admin/budget/import/")
    year = tab.locator("#id_fiscal_year option").nth(1).get_attribute("value")
    tab.select_option("#id_fiscal_year", year)
    tab.select_option("#id_profile", label="Ekspor SIPD realisasi")
    tab.set_input_files("#id_file", files=[{"name": "realisasi.xlsx", "mimeType": "application/octet-stream",
                                            "buffer": _xlsx(bad)}])  # fmt: skip
    tab.get_by_role("button", name="Unggah dan periksa").click()
    errors = tab.locator("ul.import-errors li")
    errors.first.wait_for()
    assert errors.count() == 1
    assert errors.first.inner_text().startswith("Baris 3: Kode sub-kegiatan “9.99.99.2.99.9999” tidak dikenal")
    assert tab.get_by_role("button", name="Terapkan impor").count() == 0
    _shot(tab, "impor-ditolak")
    assert sorted(Realisation.objects.values_list("line_id", "month", "amount")) == before

    tab.get_by_role("link", name="Unggah berkas yang sudah diperbaiki").click()
    tab.select_option("#id_fiscal_year", year)
    tab.select_option("#id_profile", label="Ekspor SIPD realisasi")
    tab.set_input_files("#id_file", files=[{"name": "realisasi-perbaikan.xlsx", "mimeType": "application/octet-stream",
                                            "buffer": _xlsx(good)}])  # fmt: skip
    tab.get_by_role("button", name="Unggah dan periksa").click()
    tab.get_by_role("button", name="Terapkan impor").click()
    tab.locator("#import-status", has_text="Diterapkan").wait_for()
    _shot(tab, "impor-diterapkan")
    for line in lines:
        assert Realisation.objects.get(line=line, month=month).amount == 1_000_000
    context.close()
