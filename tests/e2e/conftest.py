"""Browser tests: Playwright driving Debian's chromium against pytest-django's live_server.

Skipped (loudly, by scripts/ensure-chromium.sh and here) when /usr/bin/chromium is
missing; we never download a browser.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from
# a thread with a running loop unless told it is fine (it is: the test owns the thread).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def pytest_collection_modifyitems(config, items):
    """Every e2e test runs against the live server in a transactional database with
    ``serialized_rollback``: each starts from the data the migrations made (Wagtail's page
    tree and site, role groups, content types). Mixing serialized and plain transactional
    tests breaks the next test (a plain flush re-runs post_migrate, then the serialized
    restore collides with the rows it created), so the marker is forced here for all."""
    here = Path(__file__).resolve().parent
    skip = None if CHROMIUM.exists() else pytest.mark.skip(reason="/usr/bin/chromium is missing: browser tests skipped")
    for item in items:
        if here not in Path(str(item.fspath)).resolve().parents:
            continue
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False)
        if skip is not None and "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    yield page
    context.close()
