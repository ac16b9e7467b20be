"""DRF throttles keyed on the real client (``organizations.client_address``), never on a raw address.

DRF's own ``get_ident`` trusts ``X-Forwarded-For`` as the client wrote it (unless
``NUM_PROXIES`` is set), so rotating the header escaped every throttle. Here the identity is
``client_key``: the address found through ``TRUSTED_PROXIES``, hashed with a key that rotates
daily, so the cache holds no address either. The GraphQL view applies the same classes.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from organizations.client_address import client_key


class ClientIdentMixin:
    def get_ident(self, request) -> str:
        return client_key(request, scope="throttle")

    def get_rate(self):
        """The rate from the current settings (DRF binds them once, at import)."""
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(ClientIdentMixin, AnonRateThrottle):
    """Anonymous requests: ``THROTTLE_ANON`` per client."""


class UserThrottle(ClientIdentMixin, UserRateThrottle):
    """Signed-in users: ``THROTTLE_USER`` per user (anonymous ones per client)."""
