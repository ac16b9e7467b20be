"""Kominfo editors can build and publish public pages in the admin; other roles cannot."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import make_news_index, site_home

pytestmark = pytest.mark.django_db


def _user(django_user_model, role: str):
    user = django_user_model.objects.create_user(role.replace(" ", "").lower(), password="x")
    user.groups.add(Group.objects.get(name=role))
    return user


def test_kominfo_editor_publishes_a_news_page_through_the_admin(client, django_user_model):
    index = make_news_index()
    client.force_login(_user(django_user_model, "Editor Kominfo"))
    assert client.get(f"/admin/pages/add/home/standardpage/{site_home().pk}/").status_code == 200
    response = client.post(
        f"/admin/pages/add/home/newspage/{index.pk}/",
        {
            "title": "Berita dari admin",
            "slug": "berita-dari-admin",
            "date": "2026-11-20",
            "intro": "Ringkasan.",
            "body-count": "0",
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302
    assert client.get("/berita/berita-dari-admin/").status_code == 200
    assert client.get("/admin/documents/multiple/add/").status_code == 200


@pytest.mark.parametrize("role", ["Auditor", "Meja Pengaduan", "Pengguna OPD"])
def test_other_roles_cannot_add_pages(client, django_user_model, role):
    index = make_news_index()
    client.force_login(_user(django_user_model, role))
    response = client.get(f"/admin/pages/add/home/newspage/{index.pk}/")
    assert response.status_code in (302, 403)
