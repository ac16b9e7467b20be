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


@pytest.mark.parametrize(("accept", "label"), [("id", "Ekspor CSV"), ("en", "Export CSV")])
def test_timeline_follows_the_admin_language(client, auditor, accept, label):
    client.force_login(auditor)
    response = client.get("/admin/audit/", HTTP_ACCEPT_LANGUAGE=accept)
    assert label in response.content.decode()
