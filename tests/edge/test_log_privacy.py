"""Issue 12 item 1 (fast part): the log filter and the edge middleware, through Django's own loggers."""

import io
import logging

import pytest
from django.conf import settings
from django.test import Client

from home import edge
from organizations.log_privacy import MASK, ClientTraceFilter, scrub

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.61"
AGENT = "JejakUjiLog/1.0 (log-mark-0a1b)"


@pytest.fixture
def captured():
    """A handler like the console one (same filter) on the root logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ClientTraceFilter())
    handler.setFormatter(logging.Formatter("%(name)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    old = root.level
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(old)


def test_every_configured_handler_filters_client_traces():
    for name, handler in settings.LOGGING["handlers"].items():
        assert "client_trace" in handler.get("filters", []), name


def test_scrub_masks_addresses_but_not_times():
    text = scrub("login from 203.0.113.5 and 2001:db8::7 at 10:05:00 v1.2", ())
    assert "203.0.113.5" not in text
    assert "2001:db8::7" not in text
    assert "10:05:00" in text
    assert text.count(MASK) == 2


def test_a_csrf_refused_wbs_post_logs_no_client_trace(captured, wbs_pages_for_edge):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        wbs_pages_for_edge,
        {"title": "x"},
        REMOTE_ADDR=ADDRESS,
        HTTP_USER_AGENT=AGENT,
        HTTP_REFERER=f"http://testserver{wbs_pages_for_edge}",
    )
    assert response.status_code == 403
    output = captured.getvalue()
    assert "Forbidden (CSRF" in output  # Django did log the refusal
    assert ADDRESS not in output
    assert "log-mark-0a1b" not in output


def test_the_error_report_request_has_no_client_meta():
    from django.test import RequestFactory

    request = RequestFactory().get("/x", REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT=AGENT, HTTP_REFERER="http://a/b")
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom %s", (ADDRESS,), None)
    record.request = request
    ClientTraceFilter().filter(record)
    assert ADDRESS not in record.getMessage()
    assert "REMOTE_ADDR" not in record.request.META
    assert "HTTP_USER_AGENT" not in record.request.META
    assert record.request.path == "/x"
    assert request.META["REMOTE_ADDR"] == ADDRESS  # the live request is untouched


def test_requests_pointing_to_wbs_are_forgotten_at_the_edge(wbs_pages_for_edge, rf):
    request = rf.get("/static/css/cms.css", REMOTE_ADDR=ADDRESS, HTTP_REFERER=f"http://testserver{wbs_pages_for_edge}")
    assert edge.points_to_wbs(request)
    assert edge.points_to_wbs(rf.post("/api/v1/wbs/follow-up/"))
    gql = rf.post("/graphql/", data='{"query": "{ wbsCategories { id } }"}', content_type="application/json")
    assert edge.points_to_wbs(gql)
    assert not edge.points_to_wbs(rf.get("/api/v1/opds/", REMOTE_ADDR=ADDRESS))


@pytest.fixture
def wbs_pages_for_edge(db):
    from wagtail.models import Site

    from home.wbs_pages import WbsFormPage

    root = Site.objects.get(is_default_site=True).root_page
    page = WbsFormPage(title="Lapor Pelanggaran", slug="lapor-pelanggaran-uji")
    root.add_child(instance=page)
    page.save_revision().publish()
    assert Client().get(page.url).status_code == 200  # the page records its path for the edge
    return page.url
