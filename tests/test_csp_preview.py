"""Wagtail previews go through the middleware with the page's public URL: the admin's
preview panel must still be allowed to frame them, while the public page itself is not."""

import pytest
from django.test import Client
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def _csp(response) -> str:
    return response.headers.get("Content-Security-Policy", "")


def test_preview_may_be_framed_by_the_admin_but_the_public_page_may_not():
    home = Site.objects.get(is_default_site=True).root_page.specific
    preview = home.make_preview_request()
    assert "frame-ancestors 'self'" in _csp(preview)

    public = Client().get(home.url)
    assert public.status_code == 200
    assert "frame-ancestors 'none'" in _csp(public)
