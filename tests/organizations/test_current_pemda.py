"""The current Pemda is read once per request and forgotten as soon as it is saved."""

from django.core.cache import cache

from organizations.models import Pemda
from organizations.selectors import current_pemda, pemda_for_request


def test_the_pemda_is_read_once_per_request_and_forgotten_when_saved(db, django_assert_num_queries):
    pemda = Pemda.objects.order_by("id").first() or Pemda.objects.create(
        name="Pemkab Uji", kind="kabupaten", region_code="65.03"
    )
    cache.clear()
    with pemda_for_request() as held:
        assert held.pk == pemda.pk
        cache.clear()  # the request does not go back to the cache (nor to the database)
        with django_assert_num_queries(0):
            assert current_pemda() is held
        pemda.name = "Pemerintah Kabupaten Baru"
        pemda.save()
        assert current_pemda().name == "Pemerintah Kabupaten Baru"
    assert current_pemda().name == "Pemerintah Kabupaten Baru"
