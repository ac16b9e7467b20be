"""Listings cost the same number of queries at 5 and at 50 items."""

import io

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.factories import OPDFactory, make_document, make_document_library, make_news, make_news_index

pytestmark = pytest.mark.django_db

NEWS_BOUND = 16
LIBRARY_BOUND = 20


def _image(n: int):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), (n * 5 % 255, 90, 160)).save(buffer, "PNG")
    return get_image_model().objects.create(title=f"gambar {n}", file=ImageFile(buffer, name=f"g{n}.png"))


@pytest.mark.parametrize("size", [5, 50])
def test_news_index_query_count_is_flat(client, django_assert_max_num_queries, size):
    index = make_news_index()
    for n in range(size):
        make_news(index, image=_image(n) if n % 2 == 0 else None)
    client.get(index.url)  # renditions are created once, on the first view
    with django_assert_max_num_queries(NEWS_BOUND):
        response = client.get(index.url, {"page": "1"})
    assert response.status_code == 200
    assert response.content.decode().count('class="card news-card"') == min(size, 10)


@pytest.mark.parametrize("size", [5, 50])
def test_document_library_query_count_is_flat(client, django_assert_max_num_queries, size):
    library = make_document_library()
    opds = [OPDFactory() for _ in range(size)]
    for n in range(size):
        make_document(year=2015 + n % 10, opd=opds[n])
    with django_assert_max_num_queries(LIBRARY_BOUND):
        response = client.get(library.url, {"year": "", "opd": ""})
    assert response.status_code == 200
    assert response.content.decode().count('class="doc-item"') == min(size, 20)


@pytest.mark.parametrize("size", [5, 50])
def test_home_page_with_latest_news_query_count_is_flat(client, django_assert_max_num_queries, size):
    from tests.factories import site_home

    index = make_news_index()
    for _ in range(size):
        make_news(index)
    home = site_home()
    home.body = [("latest_news", {"heading": "Berita", "count": 12})]
    home.save_revision().publish()
    with django_assert_max_num_queries(NEWS_BOUND):
        response = client.get("/")
    assert response.content.decode().count('class="card news-card"') == min(size, 12)
