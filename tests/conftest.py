import pytest
from django.core.cache import cache


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
