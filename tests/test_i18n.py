"""Indonesian first, English available: our strings and the Wagtail admin, per request language."""

import ast
import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def test_language_settings():
    assert settings.LANGUAGE_CODE == "id"
    assert [code for code, _name in settings.LANGUAGES] == ["id", "en"]


@pytest.mark.parametrize("accept", ["id", "en", "en-US,en;q=0.9", "", "fr"])
def test_public_page_is_indonesian_whatever_the_browser_sends(client, accept):
    response = client.get("/halaman-yang-tidak-ada/", HTTP_ACCEPT_LANGUAGE=accept)
    body = response.content.decode()
    assert "Lompat ke isi" in body
    assert "Skip to content" not in body
    assert 'lang="id"' in body
    assert "Cookie" in response["Vary"]


def test_language_switch_is_a_link_remembered_in_a_cookie(client):
    body = client.get("/halaman-yang-tidak-ada/?q=x").content.decode()
    assert 'href="/halaman-yang-tidak-ada/?q=x&amp;lang=en" hreflang="en"' in body

    response = client.get("/halaman-yang-tidak-ada/", {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="id")
    assert "Skip to content" in response.content.decode()
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["max-age"] == settings.LANGUAGE_COOKIE_AGE

    # remembered: the next page without ?lang= is English too, and ?lang=id switches back
    assert "Skip to content" in client.get("/halaman-lain/").content.decode()
    response = client.get("/halaman-lain/", {"lang": "id"})
    assert "Lompat ke isi" in response.content.decode()
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id"
    # an unknown language is ignored, not an error
    assert client.get("/halaman-lain/", {"lang": "xx"}).status_code == 404


@pytest.mark.parametrize("accept", ["id", "en"])
def test_wagtail_admin_login_is_indonesian_by_default(client, accept):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 200
    assert "Masuk ke Wagtail" in response.content.decode()


def test_staff_choose_english_in_their_account(client, django_user_model):
    user = django_user_model.objects.create_superuser("kominfo-en", password="x")
    client.force_login(user)
    assert 'lang="id"' in client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    body = client.get("/admin/").content.decode()
    assert 'lang="en"' in body
    assert "Dashboard" in body


def test_machine_doors_still_negotiate_the_language(client):
    """ADR 0002: API clients ask for English with Accept-Language."""
    response = client.get("/api/v1/opds/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "en"
    assert "Accept-Language" in response["Vary"]


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
@pytest.mark.parametrize("locale_dir", ["locale", "api/locale", "audit/locale"])
def test_compiled_catalogs_are_committed_and_match_the_po(locale_dir, language):
    """A machine without gettext uses the committed .mo files: they must say what the .po says."""
    messages = ROOT / locale_dir / language / "LC_MESSAGES"
    with (messages / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = {
        msgid: msgstr for msgid, msgstr in read_po(messages / "django.po").items() if compiled.gettext(msgid) != msgstr
    }
    assert stale == {}, "run `make messages` to recompile"


def test_english_catalog_has_no_fuzzy_entries():
    text = (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()
    assert "#, fuzzy" not in text


# --- every English catalogue (project and per-app) is complete and keeps the placeholders --------------------------

PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def english_catalogs() -> list[Path]:
    """locale/en plus every app's own <app>/locale/en (where makemessages puts that app's strings)."""
    apps = sorted(p for p in ROOT.glob("*/locale/en/LC_MESSAGES/django.po") if not p.parts[-5].startswith("."))
    return [ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po", *apps]


def po_entries(path: Path) -> list[dict]:
    """Every live entry of a .po file: msgctxt/msgid/msgid_plural, the msgstr forms and whether it is fuzzy."""
    entries: list[dict] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"fuzzy": False, "msgstr": {}}
        field = None
        obsolete = False
        for line in block.splitlines():
            if line.startswith("#~"):
                obsolete = True
            elif line.startswith("#,"):
                entry["fuzzy"] = entry["fuzzy"] or "fuzzy" in [flag.strip() for flag in line[2:].split(",")]
            elif line.startswith("#") or not line.strip():
                continue
            elif line.startswith('"'):
                value = ast.literal_eval(line)
                if field.startswith("msgstr"):
                    entry["msgstr"][field] += value
                else:
                    entry[field] += value
            else:
                field, _space, value = line.partition(" ")
                if field.startswith("msgstr"):
                    entry["msgstr"][field] = ast.literal_eval(value)
                else:
                    entry[field] = ast.literal_eval(value)
        if entry.get("msgid") and not obsolete:  # the header has an empty msgid
            entries.append(entry)
    return entries


def untranslated_or_fuzzy(path: Path) -> list[str]:
    return [
        e["msgid"] + (" (fuzzy)" if e["fuzzy"] else "")
        for e in po_entries(path)
        if e["fuzzy"] or not e["msgstr"] or any(not s for s in e["msgstr"].values())
    ]


def placeholder_mismatches(path: Path) -> list[str]:
    bad = []
    for e in po_entries(path):
        expected = set(PLACEHOLDER.findall(e["msgid"])) | set(PLACEHOLDER.findall(e.get("msgid_plural", "")))
        for form, msgstr in e["msgstr"].items():
            found = set(PLACEHOLDER.findall(msgstr))
            # a singular form may leave out the count ("one report"), never add or rename a placeholder
            ok = found <= expected if form == "msgstr[0]" and "msgid_plural" in e else found == expected
            if msgstr and not ok:
                bad.append(f"{e['msgid']!r} -> {form} {msgstr!r}")
    return bad


def test_english_catalogs_are_found():
    names = {str(p.relative_to(ROOT)) for p in english_catalogs()}
    assert {
        "locale/en/LC_MESSAGES/django.po",
        "api/locale/en/LC_MESSAGES/django.po",
        "audit/locale/en/LC_MESSAGES/django.po",
    } <= names


@pytest.mark.parametrize("path", english_catalogs(), ids=lambda p: str(p.relative_to(ROOT).parts[0]))
def test_english_catalog_is_fully_translated(path):
    """`make messages-update` leaves new strings empty and guessed ones fuzzy: translate them before merging."""
    assert untranslated_or_fuzzy(path) == []


@pytest.mark.parametrize("path", english_catalogs(), ids=lambda p: str(p.relative_to(ROOT).parts[0]))
def test_english_placeholders_match_the_msgid(path):
    """A renamed or lost %(name)s raises KeyError (or shows nothing) only when the English page renders."""
    assert placeholder_mismatches(path) == []


MSGATTRIB = shutil.which("msgattrib")


@pytest.mark.skipif(MSGATTRIB is None, reason="gettext is not installed")
@pytest.mark.parametrize("path", english_catalogs(), ids=lambda p: str(p.relative_to(ROOT).parts[0]))
def test_gettext_agrees_the_english_catalog_is_complete(path):
    """The same check by GNU gettext itself, so our small parser cannot hide an entry."""
    for option in ("--untranslated", "--only-fuzzy"):
        result = subprocess.run(  # noqa: S603 (fixed argv: gettext on our own .po file)
            [MSGATTRIB, option, "--no-obsolete", str(path)], capture_output=True, text=True, check=True
        )
        left = [line for line in result.stdout.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
        assert left == [], f"msgattrib {option}"


def test_the_catalog_checks_can_fail(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Laporan"\nmsgstr "Report"\n\n'
        'msgid "Belum diterjemahkan"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Laporan dikirim"\nmsgstr "Complaint received"\n\n'
        '#, python-format\nmsgid "Laporan %(form)s periode %(period)s"\n'
        'msgstr ""\n"Report %(form)s for "\n"%(periode)s"\n\n'
        'msgid "%(n)s laporan"\nmsgid_plural "%(n)s laporan"\nmsgstr[0] "one report"\nmsgstr[1] ""\n\n'
        'msgid "%(n)s berkas"\nmsgid_plural "%(n)s berkas"\nmsgstr[0] "one file"\nmsgstr[1] "files"\n\n'
        '#~ msgid "Usang"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    assert untranslated_or_fuzzy(po) == ["Belum diterjemahkan", "Laporan dikirim (fuzzy)", "%(n)s laporan"]
    assert placeholder_mismatches(po) == [
        "'Laporan %(form)s periode %(period)s' -> msgstr 'Report %(form)s for %(periode)s'",
        "'%(n)s berkas' -> msgstr[1] 'files'",
    ]
