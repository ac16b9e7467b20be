"""DRF throttles keyed on the real client (``organizations.client_address``), never on a raw
address, and counted atomically.

DRF's own ``get_ident`` trusts ``X-Forwarded-For`` as the client wrote it (unless
``NUM_PROXIES`` is set), so rotating the header escaped every throttle. Here the identity is
``client_key``: the address found through ``TRUSTED_PROXIES``, hashed with a key that rotates
daily, so the cache holds no address either. The GraphQL view applies the same classes.

DRF's ``SimpleRateThrottle`` keeps a list of timestamps and writes it back after reading it
(two round trips, and concurrent requests overwrite each other's entries, so a burst slips
through). These count in a fixed window instead (``organizations.limits``: one atomic
round trip on Redis), like every other rate limit here: ``THROTTLE_ANON`` = "60/minute" lets
60 requests through per client per minute from its first one, then answers 429 with the
seconds left in that minute.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from organizations import limits
from organizations.client_address import client_key


class ClientIdentMixin:
    def get_ident(self, request) -> str:
        return client_key(request, scope="throttle")

    def get_rate(self):
        """The rate from the current settings (DRF binds them once, at import)."""
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self._wait = limits.hit(key, limit=self.num_requests, window=self.duration)
        return self._wait == 0

    def wait(self) -> int:
        return self._wait


class AnonThrottle(ClientIdentMixin, AnonRateThrottle):
    """Anonymous requests: ``THROTTLE_ANON`` per client."""


class UserThrottle(ClientIdentMixin, UserRateThrottle):
    """Signed-in users: ``THROTTLE_USER`` per user (anonymous ones per client)."""
