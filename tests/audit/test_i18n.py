"""The audit area speaks Indonesian first, English on request."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db


def test_strings_are_indonesian_with_an_english_catalog():
    with translation.override("id"):
        assert gettext("Jejak audit") == "Jejak audit"
    with translation.override("en"):
        assert gettext("Jejak audit") == "Audit trail"
        assert gettext("Tanggal akhir tidak boleh sebelum tanggal awal.") == (
            "The end date cannot be before the start date."
        )


@pytest.mark.parametrize(("preferred", "label"), [("", "Ekspor CSV"), ("id", "Ekspor CSV"), ("en", "Export CSV")])
def test_timeline_follows_the_admin_language(client, auditor, preferred, label):
    """The auditor's own language preference (Wagtail account), Indonesian by default, whatever the browser."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(auditor)
    profile.preferred_language = preferred
    profile.save()
    client.force_login(auditor)
    response = client.get("/admin/audit/", HTTP_ACCEPT_LANGUAGE="en" if preferred == "" else "id")
    assert label in response.content.decode()
