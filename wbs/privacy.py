"""Forgetting who the reporter is, at every WBS door.

Each WBS door calls ``forget_client(request)`` first. It removes the client address and
user agent (and the headers proxies use to pass them on) from ``request.META``, so nothing
that runs afterwards — history, throttles, logs, error reports — can record them.

Before it does, it keeps only hashed keys on the request (``organizations.client_address.
keep_client_keys``: keyed hashes of the address with a key that rotates daily): ``client_of(request)``
names the per-client WBS quota counters in the cache, and the throttles keep their own key.
"""

from organizations.client_address import client_key, keep_client_keys

#: META keys that identify the client machine or its software.
CLIENT_META_KEYS = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_USER_AGENT",
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

#: What REMOTE_ADDR becomes (WSGI requires the key in places; an unroutable, shared value).
PLACEHOLDER_ADDR = "0.0.0.0"  # noqa: S104 — a value, not a bind address


def forget_client(request) -> None:
    """Strip the client's address and user agent from ``request`` (and its Django twin)."""
    targets = [request]
    inner = getattr(request, "_request", None)
    if inner is not None:
        targets.append(inner)
    keep_client_keys(request)
    for target in targets:
        meta = getattr(target, "META", None)
        if meta is None:
            continue
        for key in CLIENT_META_KEYS:
            meta.pop(key, None)
        meta["REMOTE_ADDR"] = PLACEHOLDER_ADDR


def client_of(request) -> str:
    """The hashed client key for the WBS quotas (kept by ``forget_client``)."""
    return client_key(request, scope="wbs")


def forget_reporter(request) -> None:
    """For the reporter's doors: forget the client *and* any signed-in user.

    A member of staff who files a report while signed in (same browser, same site) must
    be as anonymous as anyone else: nothing downstream — simple-history's ``history_user``,
    the audit actor, an idempotency scope — may see who they are.
    """
    from django.contrib.auth.models import AnonymousUser

    forget_client(request)
    inner = getattr(request, "_request", None)
    for target in (request, inner):
        if target is not None:
            target.user = AnonymousUser()
