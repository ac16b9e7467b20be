"""Issue 12 item 5: one function gives the client address; spoofed chains change nothing."""

import pytest
from django.test import RequestFactory

from organizations.client_address import client_address, client_key

rf = RequestFactory()


def _req(remote: str, xff: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return rf.get("/", **extra)


@pytest.mark.parametrize(
    ("trusted", "remote", "xff", "expected"),
    [
        # No trusted proxy: the header is ignored, whatever it says.
        ([], "203.0.113.5", "1.2.3.4", "203.0.113.5"),
        # An untrusted client forging the header: ignored.
        (["10.0.0.0/8"], "203.0.113.5", "10.0.0.9, 1.2.3.4", "203.0.113.5"),
        # Behind one trusted balancer: the hop it appended is the client.
        (["10.0.0.0/8"], "10.0.0.2", "198.51.100.7", "198.51.100.7"),
        # The client wrote a fake first hop; the balancer appended the real one: the real one wins.
        (["10.0.0.0/8"], "10.0.0.2", "1.1.1.1, 198.51.100.7", "198.51.100.7"),
        # Two trusted proxies in the chain are skipped.
        (["10.0.0.0/8", "192.168.0.0/16"], "10.0.0.2", "1.1.1.1, 198.51.100.7, 192.168.1.1", "198.51.100.7"),
        # Garbage in the chain: nothing left of it is believed.
        (["10.0.0.0/8"], "10.0.0.2", "198.51.100.7, bukan-ip", "10.0.0.2"),
        # IPv6 and ports.
        (["2001:db8::/32"], "2001:db8::1", "[2001:db8:ffff::9]:443, 2001:db9::5", "2001:db9::5"),
        (["10.0.0.0/8"], "10.0.0.2", "198.51.100.7:51234", "198.51.100.7"),
        # Trusted proxy but no header: the proxy itself.
        (["10.0.0.0/8"], "10.0.0.2", None, "10.0.0.2"),
    ],
)
def test_client_address(settings, trusted, remote, xff, expected):
    settings.TRUSTED_PROXIES = trusted
    assert client_address(_req(remote, xff)) == expected


def test_forgotten_address_is_empty(settings):
    settings.TRUSTED_PROXIES = []
    request = rf.get("/")
    request.META.pop("REMOTE_ADDR")
    assert client_address(request) == ""


def test_client_key_is_a_keyed_hash_that_rotates_daily(settings, time_machine):
    settings.TRUSTED_PROXIES = []
    time_machine.move_to("2026-12-05 10:00:00+00:00")
    first = client_key(_req("203.0.113.5"), scope="x")
    assert "203.0.113.5" not in first
    assert first == client_key(_req("203.0.113.5"), scope="x")
    assert first != client_key(_req("203.0.113.6"), scope="x")
    time_machine.move_to("2026-12-06 10:00:00+00:00")
    assert first != client_key(_req("203.0.113.5"), scope="x")


def test_drf_throttle_uses_the_client_address_not_a_forged_header(settings, db):
    """The token endpoint's throttle: rotating X-Forwarded-For from an untrusted source shares one bucket."""
    from rest_framework.test import APIClient

    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "3/minute"},
    }
    client = APIClient()
    statuses = []
    for n in range(5):
        response = client.post(
            "/api/v1/auth/token/",
            {"username": "x", "password": "y"},
            format="json",
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )
        statuses.append(response.status_code)
    assert statuses[:3] == [400, 400, 400]
    assert statuses[3:] == [429, 429]
    assert int(response["Retry-After"]) >= 1
    # Behind the trusted balancer, each real client has its own bucket.
    ok = client.post(
        "/api/v1/auth/token/",
        {"username": "x", "password": "y"},
        format="json",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert ok.status_code == 400
