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
    """Skip the browser tests when Debian's chromium is missing (the live server and the
    transactional, serialized database come from tests/conftest.py)."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason="/usr/bin/chromium is missing: browser tests skipped")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep ``serialized_rollback`` working once Playwright runs.

    Django keeps database connections per context, and Playwright's sync API (greenlets)
    gives the tests a new one: the connection object they see is not the one that was
    given the serialized migration data at set-up, so the restore before each test would
    silently do nothing. Putting the data on the wrapper class makes every connection
    object of this test run see it.
    """
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents is not None:
            type(connection)._test_serialized_contents = contents


@pytest.fixture(scope="session")
def browser(django_db_setup):
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
