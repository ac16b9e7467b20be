"""Redis clients that are built once per process, for the cache and for django-q2's broker.

Django's ``RedisCache`` builds a new ``redis.Redis`` object for every cache call, and django-q2
builds a new broker, with a new connection pool and so a new TCP connection and handshake, for
every ``async_task``. With redis-py 8 a client object costs its ~170-entry callback table, and
a new connection its ``HELLO``/``CLIENT SETINFO`` round trips: a complaint submission, with
about a dozen cache calls and one job, took 13.2 ms of CPU with them and 9.3 ms without (the
web process and its PostgreSQL backend; ADR 0019, 6 December addendum).

The objects kept here are what redis-py shares safely between callers: a client over a
connection pool hands each command a pooled connection, and a pool notices a fork (it checks
its process id) and starts afresh in the child, as gunicorn's and django-q2's workers are.
"""

from __future__ import annotations

import threading

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django_q.brokers.redis_broker import Redis as DjangoQRedisBroker
from django_q.conf import Conf


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one ``redis.Redis`` per connection pool instead of one per call."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, redis.Redis] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class SepakatRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with ``ReusedClientRedisCacheClient``,
    and a window counter in one round trip (``organizations.limits`` uses it when present)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._window_scripts: dict[int, redis.commands.core.Script] = {}

    def count_in_window(self, key: str, *, window: int, now: float) -> int:
        """Add one to ``key``, created with a ``window``-second life on its first hit, and note
        the window's start under ``<key>:t``; returns the new count. One Lua script (EVALSHA),
        where the portable way (``add``, ``add``, ``incr``) takes five round trips; a MULTI/EXEC
        pipeline of the same three commands cost twice the client CPU of the script. The
        values are those ``get`` reads back: the count a plain integer, the start a
        serialised float."""
        counter = self.make_and_validate_key(key)
        started = self.make_and_validate_key(f"{key}:t")
        client = self._cache.get_client(counter, write=True)
        script = self._window_scripts.get(id(client))
        if script is None:
            script = self._window_scripts[id(client)] = client.register_script(_COUNT_IN_WINDOW)
        return int(script(keys=[counter, started], args=[window, self._cache._serializer.dumps(now)]))


#: KEYS: the counter, the window's start; ARGV: the window in seconds, the serialised start.
_COUNT_IN_WINDOW = """
redis.call('SET', KEYS[1], 0, 'EX', ARGV[1], 'NX')
local count = redis.call('INCR', KEYS[1])
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[1], 'NX')
return count
"""


_broker_clients: dict[str, redis.Redis] = {}
_broker_lock = threading.Lock()


class SharedConnectionBroker(DjangoQRedisBroker):
    """django-q2's Redis broker over one client (and so one connection pool) per process.

    ``Q_CLUSTER["broker_class"]`` names it, so every ``async_task``, the cluster and the health
    check use it without being told.
    """

    @staticmethod
    def get_connection(list_key: str | None = None) -> redis.Redis:
        url = Conf.REDIS
        if not isinstance(url, str):  # a dict of connection arguments: as django-q2 does
            return redis.StrictRedis(**url)
        client = _broker_clients.get(url)
        if client is None:
            with _broker_lock:
                client = _broker_clients.setdefault(url, redis.from_url(url))
        return client
