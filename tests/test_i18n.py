"""Indonesian first, English available: our strings and the Wagtail admin, per request language."""

import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def test_language_settings():
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _name in settings.LANGUAGES] == ["id", "en"]


@pytest.mark.parametrize(
    ("accept", "expected", "absent"),
    [
        ("id", "Lompat ke isi", "Skip to content"),
        ("en", "Skip to content", "Lompat ke isi"),
        ("", "Lompat ke isi", "Skip to content"),
        ("fr", "Lompat ke isi", "Skip to content"),
    ],
)
def test_public_page_follows_accept_language(client, accept, expected, absent):
    response = client.get("/halaman-yang-tidak-ada/", HTTP_ACCEPT_LANGUAGE=accept)
    body = response.content.decode()
    assert expected in body
    assert absent not in body
    assert f'lang="{"en" if accept == "en" else "id"}"' in body


@pytest.mark.parametrize(("accept", "title"), [("id", "Masuk ke Wagtail"), ("en", "Sign in to Wagtail")])
def test_wagtail_admin_login_follows_accept_language(client, accept, title):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    assert title in response.content.decode()


def test_wagtail_admin_is_indonesian_for_a_new_user(client, django_user_model):
    """No preference saved and no Accept-Language: the admin speaks Indonesian."""
    user = django_user_model.objects.create_superuser("kominfo-baru", password="x")
    client.force_login(user)
    body = client.get("/admin/").content.decode()
    assert 'lang="id"' in body
    assert "Dasbor" in body or "Halaman" in body
    assert "Dashboard" not in body


def test_our_model_labels_are_translated():
    from organizations.models import OPD

    with translation.override("en"):
        assert str(OPD._meta.get_field("acronym").verbose_name) == "acronym"
    with translation.override("id"):
        assert str(OPD._meta.get_field("acronym").verbose_name) == "singkatan"


def read_po(path: Path) -> dict[str, str]:
    """The translated singular entries of a .po file (enough to compare with the .mo)."""
    entries: dict[str, str] = {}
    current: dict[str, str] = {}
    field = None
    fuzzy = False

    def flush():
        nonlocal current, fuzzy
        if current.get("msgid") and current.get("msgstr") and "msgid_plural" not in current and not fuzzy:
            key = current["msgid"] if "msgctxt" not in current else f"{current['msgctxt']}\x04{current['msgid']}"
            entries[key] = current["msgstr"]
        current, fuzzy = {}, False

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            field = None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        else:
            field, _space, value = line.partition(" ")
            if field == "msgid" and "msgstr" in current:
                flush()
            current[field] = ast.literal_eval(value)
    flush()
    return entries


@pytest.mark.parametrize("language", ["id", "en"])
def test_compiled_catalogs_are_committed_and_match_the_po(language):
    """A machine without gettext uses the committed .mo files: they must say what the .po says."""
    messages = ROOT / "locale" / language / "LC_MESSAGES"
    with (messages / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = {
        msgid: msgstr for msgid, msgstr in read_po(messages / "django.po").items() if compiled.gettext(msgid) != msgstr
    }
    assert stale == {}, "run `make messages` to recompile"


def test_english_catalog_has_no_fuzzy_entries():
    text = (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    assert "#, fuzzy" not in text
