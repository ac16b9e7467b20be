"""The Wagtail admin works in a real browser under our Content Security Policy.

django-csp sends the policy on every response; a directive that is too strict shows up
as a console error ("Refused to execute inline script…") or a page error. We log in,
open the dashboard, the page explorer and the page editor (inline panels, date widgets,
the preview panel), and require a clean console.
"""

import pytest
from wagtail.models import Page, Site

from home.models import HomePage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def ensure_site_home() -> Page:
    """The default site's home page; rebuilt if an earlier transactional test flushed the tree."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Beranda", slug="beranda"))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Sepakat")
    return home


def watch_console(page) -> list[str]:
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda reply: reply.status >= 400 and problems.append(f"{reply.status} {reply.url}"))
    return problems


def test_admin_pages_run_without_csp_violations(live_server, page, django_user_model):
    django_user_model.objects.create_superuser("kominfo", "kominfo@example.go.id", "Rahasia#2026")
    home = ensure_site_home()
    problems = watch_console(page)

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "kominfo")
    page.fill("input[name=password]", "Rahasia#2026")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    assert page.locator("html").get_attribute("lang") == "id"

    for path in ("/admin/", "/admin/pages/", f"/admin/pages/{home.pk}/edit/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")

    csp = [text for text in problems if "Content Security Policy" in text or "Refused to" in text]
    assert csp == [], csp
    assert problems == [], problems


def test_public_home_page_has_no_csp_violations(live_server, page):
    ensure_site_home()
    problems = watch_console(page)
    response = page.goto(f"{live_server.url}/")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert problems == [], problems
