"""The client's address, the one way every limiter and log finds it.

Behind a load balancer ``REMOTE_ADDR`` is the balancer, and ``X-Forwarded-For`` is whatever
the client wrote plus what each proxy appended. Only hops added by proxies we trust count:
``TRUSTED_PROXIES`` (CIDRs) names them. Walking ``X-Forwarded-For`` from the right, every
trusted hop is skipped and the first untrusted one is the client. A request that does not
come from a trusted proxy is answered with its own ``REMOTE_ADDR``: a forged header from
the open internet changes nothing.

This lives in ``organizations`` because every app may import it (docs/adr/0010-edge-hardening.md).
``client_key`` is what limiters store: a keyed hash of the address that rotates daily, so no
cache key or counter ever holds an address.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.utils import timezone

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.lru_cache(maxsize=8)
def _networks(cidrs: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(cidr.strip(), strict=False) for cidr in cidrs if cidr.strip())


def trusted_networks() -> tuple[Network, ...]:
    """``settings.TRUSTED_PROXIES`` parsed (invalid CIDRs are refused by the deploy check)."""
    return _networks(tuple(settings.TRUSTED_PROXIES))


def _parse(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.9:51234"
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _is_trusted(address, networks: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in networks)


def client_address(request: Any) -> str:
    """The client's IP address for ``request`` (a Django or DRF request), honouring ``TRUSTED_PROXIES``.

    Empty when the address is unknown (for instance after a WBS door forgot it).
    """
    meta = getattr(request, "META", {}) or {}
    remote_text = str(meta.get("REMOTE_ADDR", "") or "")
    remote = _parse(remote_text)
    networks = trusted_networks()
    if not _is_trusted(remote, networks):
        return str(remote) if remote is not None else ""
    hops = [hop for hop in str(meta.get("HTTP_X_FORWARDED_FOR", "") or "").split(",") if hop.strip()]
    client = remote
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:  # garbage in the chain: trust nothing left of it
            break
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client)


def _day_key(day: str) -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), f"sepakat-client-key:{day}".encode(), hashlib.sha256).digest()


#: Where ``keep_client_keys`` leaves the hashed keys on a request whose address is about to be forgotten.
KEPT_KEYS_ATTR = "_sepakat_client_keys"
#: The scopes whose keys survive forgetting: WBS quotas and the DRF/GraphQL throttles.
KEPT_SCOPES = ("wbs", "throttle")


def _kept(request: Any) -> dict[str, str]:
    for target in (request, getattr(request, "_request", None)):
        kept = getattr(target, KEPT_KEYS_ATTR, None) if target is not None else None
        if kept:
            return kept
    return {}


def client_key(request: Any, *, scope: str = "") -> str:
    """A keyed hash of the client's address for cache keys: today's key, derived from ``SECRET_KEY``.

    The key changes every day, so yesterday's counters cannot be linked to today's, and the
    address itself never reaches the cache. After ``keep_client_keys`` (then the address is
    forgotten) the kept key answers. Empty address -> a shared "unknown" bucket.
    """
    kept = _kept(request)
    if scope in kept:
        return kept[scope]
    address = client_address(request) or "unknown"
    day = timezone.now().date().isoformat()
    return hmac.new(_day_key(day), f"{scope}:{address}".encode(), hashlib.sha256).hexdigest()[:40]


def keep_client_keys(request: Any) -> None:
    """Before an address is forgotten: keep only its hashed keys (``KEPT_SCOPES``) on the request."""
    if _kept(request):
        return
    keys = {scope: client_key(request, scope=scope) for scope in KEPT_SCOPES}
    for target in (request, getattr(request, "_request", None)):
        if target is not None:
            setattr(target, KEPT_KEYS_ATTR, keys)


#: What the current request's client looks like (address, user agent, referer): the log filter
#: (``organizations.log_privacy``) removes these strings from every record. Set by the edge middleware.
current_client_traces: ContextVar[tuple[str, ...]] = ContextVar("sepakat_client_traces", default=())

#: The request META keys that describe the client (address, software, where it came from).
CLIENT_TRACE_KEYS = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_USER_AGENT",
    "HTTP_REFERER",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CLIENT_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_X_CLIENT_IP",
    "HTTP_X_CLUSTER_CLIENT_IP",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_PLATFORM",
    "HTTP_SEC_CH_UA_MOBILE",
)


def client_traces(request: Any) -> tuple[str, ...]:
    """The client-describing values of ``request`` (and each hop of X-Forwarded-For), longest first."""
    meta = getattr(request, "META", {}) or {}
    values: set[str] = set()
    for key in CLIENT_TRACE_KEYS:
        value = str(meta.get(key, "") or "").strip()
        if not value:
            continue
        values.add(value)
        if "," in value:
            values.update(part.strip() for part in value.split(",") if part.strip())
    values.discard("0.0.0.0")  # noqa: S104 — the placeholder of a forgotten address
    return tuple(sorted((v for v in values if len(v) >= 3), key=len, reverse=True))
