"""Forgetting who the reporter is, at every WBS door.

Each WBS door calls ``forget_client(request)`` first. It removes the client address and
user agent (and the headers proxies use to pass them on) from ``request.META``, so nothing
that runs afterwards — history, throttles, logs, error reports — can record them.

Before it does, it keeps only hashed keys on the request (``organizations.client_address.
keep_client_keys``: keyed hashes of the address with a key that rotates daily): ``client_of(request)``
names the per-client WBS quota counters in the cache, and the throttles keep their own key.
"""

from organizations.client_address import CLIENT_TRACE_KEYS, client_key, keep_client_keys

#: META keys that identify the client machine or its software (the Referer names our own page and stays).
CLIENT_META_KEYS = tuple(key for key in CLIENT_TRACE_KEYS if key != "HTTP_REFERER")

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
