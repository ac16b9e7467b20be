"""Indonesian for Wagtail, wagtail-modeladmin and Django admin: the reviewed catalogue in ``locale_admin/``.

    python scripts/admin_translations.py missing [PACKAGE_PREFIX]   # untranslated msgids, as a .po skeleton
    python scripts/admin_translations.py check                      # placeholders kept, then compile the .mo

``locale_admin/id/LC_MESSAGES/django.po`` is edited by hand (a reviewed data file). It sits in a LOCALE_PATHS
directory of its own so ``make messages-update`` (makemessages --no-obsolete on ``locale/``) never drops it.
``tests/test_admin_translations.py`` crawls the admin as every demo role and lists what is still English.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdif]|\{[a-z_0-9]*\}")


def check() -> int:
    import polib

    from tests.i18n_sources import OVERRIDES

    problems = []
    for entry in polib.pofile(str(OVERRIDES)):
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        expected = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in translations:
            if not text:
                problems.append(f"empty: {entry.msgid!r}")
            elif sorted(PLACEHOLDER.findall(text)) != expected and entry.msgid_plural is None:
                problems.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
        if entry.msgid_plural and len(translations) != 1:
            problems.append(f"Indonesian has one plural form: {entry.msgid!r}")
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.msgid!r}")
    print("\n".join(problems) or f"{OVERRIDES.relative_to(ROOT)}: ok")
    mo = OVERRIDES.with_suffix(".mo")
    subprocess.run(["msgfmt", "--check", "-o", str(mo), str(OVERRIDES)], check=True)  # noqa: S603, S607
    return 1 if problems else 0


def missing(prefix: str = "") -> int:
    import polib

    from tests.i18n_sources import SITE_PACKAGES, _source_files, _untranslated

    skeleton = polib.POFile()
    for path in _source_files():
        origin = str(path.relative_to(SITE_PACKAGES)).split("/locale/")[0]
        if not origin.startswith(prefix):
            continue
        for entry in polib.pofile(str(path)):
            if not entry.obsolete and _untranslated(entry):
                skeleton.append(
                    polib.POEntry(
                        msgid=entry.msgid,
                        msgid_plural=entry.msgid_plural,
                        msgctxt=entry.msgctxt,
                        comment=origin,
                        msgstr_plural={0: ""} if entry.msgid_plural else {},
                    )
                )
    print(skeleton)
    print(f"# {len(skeleton)} untranslated", file=sys.stderr)
    return 0


if __name__ == "__main__":
    import django

    django.setup()
    command, *args = sys.argv[1:] or ["check"]
    sys.exit({"check": check, "missing": missing}[command](*args))
