"""Every admin page a demo role reaches is Indonesian: no untranslated Django/Wagtail/modeladmin string, none of
our English strings, and no server error.

The demo is loaded once for the module (it is expensive) inside a transaction rolled back at the end. For
each demo role the crawler starts at the admin home, follows links inside ``/admin/`` breadth-first (menu
links first, then the first object of each listing: URLs are visited once per *shape*, digits folded), up to
``MAX_PAGES`` pages and ``MAX_DEPTH`` clicks, and reads the visible text of every HTML page (text nodes,
``placeholder``/``title``/``aria-label``, button values; not scripts, styles or JSON configuration).
"""

from __future__ import annotations

import io
import json
import os
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from tests.i18n_sources import build_detector, normalise

ROLES = (
    "admin",
    "editor",
    "bappeda",
    "inspektur",
    "auditor",
    "pengaduan",
    "operator.dinkes",
    "kepala.dinkes",
)
MAX_PAGES = 60
MAX_DEPTH = 3
SKIP = re.compile(
    r"/logout/|/delete/|/unpublish/|/revisions/\d+/view/|/preview/|/jsi18n/|/export|/download|/csv|/xlsx|"
    r"/choose|/chooser|/autocomplete|/sprite|/unlock/|/lock/|/move/|/copy/|/revert|/cancel|/approve|/reject|"
    r"/workflow/|/compare/|/usage/\w|/bulk/|/multiple/|/add_subpage/|/convert_alias/|/reorder|/impersonate|"
    r"/history/\d|/keluar|/hapus"
)
ATTRIBUTES = ("placeholder", "title", "aria-label")
#: English that only a copy of a Wagtail template could change: (text, URL prefix) -> why it is accepted.
KNOWN = {
    ("Search", "/admin/"): 'wagtailadmin/shared/header.html and home.html hard-code value="Search" (screen readers)',
    ("None", "/admin/reports/aging-pages/"): "Wagtail prints the publisher of pages published by a command as None",
}


def known(text: str, url: str) -> bool:
    return any(text == k_text and url.startswith(prefix) for k_text, prefix in KNOWN)


class VisibleText(HTMLParser):
    """Text a person reads, and the links on the page."""

    #: not prose: scripts, styles, what a person typed (textarea), and <code> (hashes, keys of stored JSON data)
    HIDDEN = {"script", "style", "noscript", "textarea", "code"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._sidebar: list[str] | None = None
        self._hidden_tag: str | None = None  # an element with the ``hidden`` attribute, and its nesting
        self._hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("id") == "wagtail-sidebar-props":
            self._sidebar = []
        if tag in self.HIDDEN:
            self._hidden += 1
            return
        if self._hidden_tag == tag:
            self._hidden_depth += 1
        elif self._hidden_tag is None and "hidden" in attrs and tag not in ("input", "br", "img"):
            self._hidden_tag, self._hidden_depth = tag, 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])  # hidden menus still lead somewhere
        if self._hidden_tag is not None:
            return
        for name in ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag in ("input", "button") and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1
        if tag == self._hidden_tag:
            self._hidden_depth -= 1
            if not self._hidden_depth:
                self._hidden_tag = None
        if tag == "script" and self._sidebar is not None:
            self._walk_sidebar(json.loads("".join(self._sidebar)))
            self._sidebar = None

    def handle_data(self, data):
        if self._sidebar is not None:
            self._sidebar.append(data)
        elif not self._hidden and self._hidden_tag is None and data.strip():
            self.texts.append(data)

    def _walk_sidebar(self, node) -> None:
        """The admin menu is drawn by JavaScript from JSON: its labels are visible text, its urls links."""
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "label" and isinstance(value, str):
                    self.texts.append(value)
                elif key == "url" and isinstance(value, str):
                    self.links.append(value)
                else:
                    self._walk_sidebar(value)
        elif isinstance(node, list):
            for item in node:
                self._walk_sidebar(item)


def shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def crawl(client: Client) -> tuple[dict[str, list[str]], list[str]]:
    """``({visible text: [urls]}, [errors])`` for the admin pages reachable from the admin home."""
    seen_shapes: set[str] = set()
    queue: deque[tuple[str, int]] = deque([("/admin/", 0)])
    texts: dict[str, list[str]] = {}
    errors: list[str] = []
    pages = 0
    while queue and pages < MAX_PAGES:
        url, depth = queue.popleft()
        if shape(url) in seen_shapes:
            continue
        seen_shapes.add(shape(url))
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(f"{url}: HTTP {response.status_code}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        parser = VisibleText()
        parser.feed(response.content.decode())
        for text in parser.texts:
            texts.setdefault(normalise(text), []).append(url)
        if depth >= MAX_DEPTH:
            continue
        for href in parser.links:
            target = urlsplit(urljoin(url, href))
            if target.netloc or not target.path.startswith("/admin/") or SKIP.search(target.path):
                continue
            if shape(target.path) not in seen_shapes:
                queue.append((target.path, depth + 1))
    return texts, errors


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def detector():
    return build_detector()


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the rendered text does not depend on the database: runs in the SQLite pass only",
)
@pytest.mark.django_db
@pytest.mark.parametrize("username", ROLES)
def test_every_admin_page_of_a_demo_role_is_indonesian(demo, detector, username, django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.get(username=username))
    texts, errors = crawl(client)
    assert texts, f"{username} reached no admin page"
    findings = []
    for text, urls in sorted(texts.items()):
        origin = detector.find(text)
        shown_on = [url for url in urls if not known(text, url)]
        if origin and shown_on:
            findings.append(f"{text!r} ({origin}) on {shown_on[0]}")
    report = "\n".join(errors + findings)
    message = f"{username}: {len(errors)} errors, {len(findings)} untranslated:\n{report}"
    assert not errors, message
    assert not findings, message
