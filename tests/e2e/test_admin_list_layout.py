"""The complaint desk's admin list in real chromium at desktop and phone width: the filter panel
("Saring") never sits over the table's column headers; a table wider than its column scrolls
inside it. Screenshots go to /tmp/admin-lists/ (or $E2E_SCREENSHOTS)."""

import os
from pathlib import Path

import pytest

from tests.e2e.helpers import admin_login
from tests.factories import CategoryFactory, OPDFactory, desk_user, submit_complaint

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "rahasia-uji-123"
SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp/admin-lists"))


@pytest.fixture
def desk(transactional_db):
    category = CategoryFactory(name="Jalan, jembatan dan drainase lingkungan", slug="jalan")
    OPDFactory(name="Dinas Pekerjaan Umum dan Penataan Ruang", acronym="DPUPR")
    for n in range(3):
        submit_complaint(
            category=category,
            title=f"Jalan berlubang di depan Pasar Inhutani sampai simpang Pelabuhan Tunon Taka nomor {n}",
            reporter_name="Warga",
        )
    user = desk_user(username="meja.tata.letak")
    user.set_password(PASSWORD)
    user.save()
    return user


def _overlaps(page) -> dict:
    """Where the filter panel's heading is drawn: what element the browser shows at its centre,
    and whether any column header's box crosses the panel's visible box."""
    return page.evaluate(
        """() => {
        const panel = document.querySelector('.changelist-filter');
        const heading = panel.querySelector('h2').getBoundingClientRect();
        const shown = document.elementFromPoint(heading.x + heading.width / 2, heading.y + heading.height / 2);
        const box = panel.getBoundingClientRect();
        const scroller = document.querySelector('.result-list');
        const list = scroller.getBoundingClientRect();
        // a header is drawn past the list's edge unless the list clips (scrolls) its overflow
        const clip = getComputedStyle(scroller).overflowX === 'visible' ? Infinity : list.right;
        const crossing = [...document.querySelectorAll('.result-list thead th')]
          .map(th => th.getBoundingClientRect())
          .filter(r => Math.min(r.right, clip) > box.left + 1 && Math.max(r.left, list.left) < box.right
                       && r.bottom > box.top && r.top < box.bottom);
        return {headingShown: panel.contains(shown), crossing: crossing.length,
                scrolls: scroller.scrollWidth > scroller.clientWidth,
                rowsHidden: scroller.scrollHeight > scroller.clientHeight + 1};
    }"""
    )


def _open_the_list(browser, live_server, width: int):
    context = browser.new_context(locale="id-ID", viewport={"width": width, "height": 900})
    page = context.new_page()
    admin_login(page, live_server.url, "meja.tata.letak", PASSWORD)
    page.goto(live_server.url + "/admin/complaints/complaint/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".changelist-filter h2").inner_text().strip() == "Saring"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"pengaduan-{width}.png"), full_page=True)
    return context, page


def test_the_filter_panel_never_covers_the_complaint_table(browser, live_server, desk):
    for width in (1280, 1024):  # beside the table from 50em; 1024 px is the tighter
        context, page = _open_the_list(browser, live_server, width)
        found = _overlaps(page)
        assert found["headingShown"], (width, found)
        assert found["crossing"] == 0, (width, found)
        assert not found["rowsHidden"], (width, found)  # the scroller shows every row, the last one whole
        # The last column stays reachable: scrolled into view inside the list, not under the panel.
        page.locator(".result-list thead th").last.scroll_into_view_if_needed()
        assert _overlaps(page)["crossing"] == 0, width
        context.close()

    context, page = _open_the_list(browser, live_server, 390)  # a phone: the panel above the table
    page_width, viewport = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert page_width <= viewport  # the table scrolls inside its box; the page does not move sideways
    page.locator(".result-list tbody tr").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "pengaduan-390-tabel.png"))
    context.close()
