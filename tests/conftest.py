import pytest
from django.core.cache import cache


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the data the migrations made (``serialized_rollback``).

    A plain transactional test ends with a flush that re-runs post_migrate (role groups,
    schedules, content types) but not the data migrations (Wagtail's page tree, site,
    locale); a serialized test after it would then collide with the re-created rows and
    find no site. With all of them serialized, every flush skips post_migrate and every
    test starts from the same migrated data, in any order and with pytest-xdist.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = (marker is not None and marker.kwargs.get("transaction")) or bool(
            {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        )
        if transactional and not (marker is not None and marker.kwargs.get("serialized_rollback")):
            kwargs = {**(marker.kwargs if marker is not None else {}), "transaction": True, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (the current Pemda, throttles, idempotency)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pemda(db):
    from tests.factories import PemdaFactory

    return PemdaFactory()


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def queued_jobs():
    """The django-q2 jobs queued during the test, as django-q2 packs them (``func``, ``args``,
    ``save``…), caught by its ``pre_enqueue`` signal before the broker sees them."""
    from django_q.signals import pre_enqueue

    jobs: list[dict] = []

    def caught(sender, task, **kwargs):
        jobs.append(task)

    pre_enqueue.connect(caught, weak=False)
    yield jobs
    pre_enqueue.disconnect(caught)
