"""On a phone the main menu folds behind a "Menu" button so the page's content comes first; the
complaint form link stays in sight (one tap from any page). On a desktop every link shows and
the button does not (real chromium, 390 px and 1280 px)."""

import pytest

from tests.factories import make_standard_page, site_home

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _menu_pages():
    from home.complaint_pages import ComplaintFormPage, ComplaintTrackPage

    home = site_home()
    for page in (
        ComplaintFormPage(title="Sampaikan Pengaduan", slug="pengaduan-nav", show_in_menus=True),
        ComplaintTrackPage(title="Lacak Pengaduan", slug="lacak-nav", show_in_menus=True),
    ):
        home.add_child(instance=page)
    for title in ("Profil", "Berita", "Hasil SAKIP", "Dokumen Publik", "Kontak"):
        page = make_standard_page(title=title)
        page.show_in_menus = True
        page.save_revision().publish()


def _visible_links(page) -> list[str]:
    return [a.inner_text().strip() for a in page.locator(".site-nav li a").all() if a.is_visible()]


def test_phone_menu_folds_behind_a_button_and_desktop_shows_everything(browser, live_server, transactional_db):
    _menu_pages()

    phone = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.goto(live_server.url + "/")
    toggle = page.get_by_role("button", name="Menu")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert _visible_links(page) == ["Sampaikan pengaduan"]
    nav_bottom = page.locator(".site-nav").bounding_box()
    assert nav_bottom["y"] + nav_bottom["height"] < 260, "the folded menu must leave the content in view"
    page.screenshot(path="/tmp/e2e-phone-nav-folded.png")

    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    shown = _visible_links(page)
    assert {"Sampaikan pengaduan", "Lacak pengaduan", "Profil", "Kontak"} <= set(shown)
    page.screenshot(path="/tmp/e2e-phone-nav-open.png")
    page.get_by_role("link", name="Profil").click()
    page.wait_for_load_state()
    assert "Profil" in page.inner_text("main h1")
    phone.close()

    desktop = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = desktop.new_page()
    page.goto(live_server.url + "/")
    assert not page.locator(".nav-toggle").is_visible()
    assert {"Sampaikan pengaduan", "Lacak pengaduan", "Profil", "Berita", "Kontak"} <= set(_visible_links(page))
    desktop.close()


def test_without_javascript_every_menu_link_shows(browser, live_server, transactional_db):
    _menu_pages()
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert not page.locator(".nav-toggle").is_visible()
    assert {"Sampaikan pengaduan", "Profil", "Kontak"} <= set(_visible_links(page))
    context.close()
