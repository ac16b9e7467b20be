"""cms/redis.py against a real Redis on loopback: the cache keeps one client, the django-q2
broker one connection pool, per process, and both still work after a fork."""

from __future__ import annotations

import multiprocessing
import os
import uuid

import pytest

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/9")


def _redis_or_skip():
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
        client.ping()
    except redis.ConnectionError:
        pytest.skip("Redis is not running on loopback (CI starts one)")
    return client


@pytest.fixture
def redis_client():
    return _redis_or_skip()


def _cache():
    from cms.redis import SepakatRedisCache

    return SepakatRedisCache(REDIS_URL, {"KEY_PREFIX": f"uji-{uuid.uuid4().hex[:8]}"})


def test_the_cache_keeps_one_client_and_still_does_every_operation(redis_client):
    cache = _cache()
    assert cache._cache.get_client() is cache._cache.get_client()
    assert cache._cache.get_client(write=True) is cache._cache.get_client()  # one server: one pool

    cache.set("angka", 1, 30)
    assert cache.add("angka", 5, 30) is False
    assert cache.incr("angka") == 2
    assert cache.get_many(["angka", "tidak-ada"]) == {"angka": 2}
    assert cache.delete("angka") is True
    assert cache.get("angka", "kosong") == "kosong"


def _write_in_child(queue) -> None:
    cache = _CHILD_CACHE["cache"]  # the parent's object, inherited by the fork
    cache.set("dari-anak", os.getpid(), 30)
    queue.put(cache.get("dari-anak"))


_CHILD_CACHE: dict = {}


def test_a_forked_worker_uses_the_inherited_client_on_its_own_connection(redis_client):
    """gunicorn and django-q2 fork their workers after the parent may have used the cache."""
    cache = _cache()
    cache.set("dari-induk", "ya", 30)  # the parent's pool now holds a connection
    _CHILD_CACHE["cache"] = cache
    try:
        context = multiprocessing.get_context("fork")
        queue = context.Queue()
        child = context.Process(target=_write_in_child, args=(queue,))
        child.start()
        child_pid = queue.get(timeout=10)
        child.join(10)
    finally:
        _CHILD_CACHE.clear()
    assert child.exitcode == 0
    assert child_pid == child.pid
    assert cache.get("dari-anak") == child.pid
    assert cache.get("dari-induk") == "ya"  # the parent's connection was not disturbed


def test_the_broker_shares_one_connection_pool_across_enqueues(redis_client, settings):
    from django_q.brokers import get_broker
    from django_q.conf import Conf

    from cms import redis as shared

    list_key = f"uji-{uuid.uuid4().hex[:8]}"
    old = (Conf.REDIS, Conf.BROKER_CLASS, Conf.ORM)
    Conf.REDIS, Conf.BROKER_CLASS, Conf.ORM = REDIS_URL, "cms.redis.SharedConnectionBroker", None
    try:
        first, second = get_broker(list_key), get_broker(list_key)
        assert isinstance(first, shared.SharedConnectionBroker)
        assert first.connection is second.connection

        def connections_opened() -> int:
            return redis_client.info("stats")["total_connections_received"]

        first.enqueue("pemanasan")  # the pool opens its connection
        before = connections_opened()
        for n in range(25):
            get_broker(list_key).enqueue(f"tugas-{n}")
        # django-q2's own broker opens a connection per enqueue; other tests may open a few
        assert connections_opened() - before < 5
        assert first.queue_size() == 26
        assert first.dequeue()[0][1] == b"pemanasan"
    finally:
        redis_client.delete(f"django_q:{list_key}:q")
        Conf.REDIS, Conf.BROKER_CLASS, Conf.ORM = old


def test_the_window_counter_counts_limits_and_expires_as_the_portable_one(redis_client, settings):
    """organizations.limits on the Redis cache takes ``count_in_window`` (one MULTI/EXEC); the
    counts, the refusal, the wait and the key's life are the portable counter's."""
    from django.core.cache import cache

    from organizations import limits

    settings.CACHES = {
        "default": {
            "BACKEND": "cms.redis.SepakatRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"uji-{uuid.uuid4().hex[:8]}",
        }
    }
    assert hasattr(cache, "count_in_window")
    key = "uji:kuota:abc"
    assert [limits.hit(key, limit=3, window=60) for _ in range(3)] == [0, 0, 0]
    assert cache.get(key) == 3
    assert limits.over(key, limit=3)
    wait = limits.hit(key, limit=3, window=60)
    assert 1 <= wait <= 60
    assert limits.remaining_wait(key, 60) == wait
    assert 55 <= redis_client.ttl(cache.make_and_validate_key(key)) <= 60  # the window's life, set once
    assert 55 <= redis_client.ttl(cache.make_and_validate_key(f"{key}:t")) <= 60

    redis_client.delete(cache.make_and_validate_key(key))  # the window ended
    assert limits.count(key, window=60) == 1
