"""What an untranslated string looks like, read from the source catalogues (not from a word list).

* The English msgids of Django (conf, admin, auth, contenttypes), Wagtail (every app), wagtail-modeladmin,
  django-simple-history and django-taggit whose Indonesian translation, as the running project resolves it
  (their own ``id`` catalogues merged with ours, ``locale_admin/`` winning), is missing or equal to the msgid.
  A msgid that reads the same in Indonesian ("Status", "URL") is accepted only when it is reviewed in
  ``locale_admin/id/LC_MESSAGES/django.po`` with ``msgstr`` equal to ``msgid``.
* The English msgstrs of our own catalogues (``locale/en``, ``<app>/locale/en``): an Indonesian page showing
  one of them shows English.

:class:`Detector` turns them into exact strings and ``%(x)s``-patterns and finds them in visible text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation

SITE_PACKAGES = Path(translation.__file__).resolve().parents[3]  # …/site-packages
ROOT = Path(settings.BASE_DIR)
OVERRIDES = ROOT / "locale_admin" / "id" / "LC_MESSAGES" / "django.po"

SOURCE_GLOBS = (
    "django/conf/locale/en/LC_MESSAGES/django.po",
    "django/contrib/admin/locale/en/LC_MESSAGES/django.po",
    "django/contrib/auth/locale/en/LC_MESSAGES/django.po",
    "django/contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    "wagtail/**/locale/en/LC_MESSAGES/django.po",
    "wagtail_modeladmin/locale/en/LC_MESSAGES/django.po",
    "simple_history/locale/en/LC_MESSAGES/django.po",
    "taggit/locale/en/LC_MESSAGES/django.po",
)
OUR_ENGLISH_GLOBS = ("locale/en/LC_MESSAGES/django.po", "*/locale/en/LC_MESSAGES/django.po")

PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdif]|\{[a-z_0-9]*\}")
LETTERS = re.compile(r"[A-Za-z]{2,}")


def normalise(text: str) -> str:
    return " ".join(text.split())


def _source_files() -> list[Path]:
    files: list[Path] = []
    for pattern in SOURCE_GLOBS:
        files.extend(sorted(SITE_PACKAGES.glob(pattern)))
    return files


@cache
def reviewed_same() -> frozenset[str]:
    """msgids reviewed as reading the same in Indonesian (``msgstr == msgid`` in our overrides)."""
    if not OVERRIDES.exists():
        return frozenset()
    return frozenset(e.msgid for e in polib.pofile(str(OVERRIDES)) if e.msgstr == e.msgid and e.msgid)


def _untranslated(entry: polib.POEntry) -> list[str]:
    """The English forms of ``entry`` that an Indonesian page would show as they are."""
    if entry.msgid in reviewed_same():
        return []
    with translation.override("id"):
        if entry.msgid_plural:
            singular = (
                translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                if entry.msgctxt
                else (translation.ngettext(entry.msgid, entry.msgid_plural, 1))
            )
            return [entry.msgid, entry.msgid_plural] if singular == entry.msgid else []
        result = translation.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else translation.gettext(entry.msgid)
    return [entry.msgid] if result == entry.msgid else []


@dataclass
class Detector:
    exact: dict[str, str] = field(default_factory=dict)  # visible text -> where it comes from
    patterns: list[tuple[str, re.Pattern, str]] = field(default_factory=list)  # (longest literal, regex, origin)

    def add(self, text: str, origin: str) -> None:
        text = normalise(text)
        literal = PLACEHOLDER.sub("\x00", text)
        if not LETTERS.search(literal.replace("\x00", " ")):
            return  # punctuation, numbers or placeholders only
        if "\x00" not in literal:
            self.exact.setdefault(text, origin)
            return
        parts = literal.split("\x00")
        longest = max(parts, key=len).strip()
        if len(longest) < 2:
            return  # "%(count)s px": too loose to tell English from data
        regex = re.compile(".+?".join(re.escape(p) for p in parts) + r"\Z", re.DOTALL)
        self.patterns.append((longest, regex, origin))

    def find(self, text: str) -> str | None:
        """The origin of ``text`` if it is an untranslated string, else ``None``."""
        text = normalise(text)
        if text in self.exact:
            return self.exact[text]
        stripped = text.rstrip(":*").strip()  # "Status:", "Page title*" (a required field's placeholder)
        if stripped in self.exact:
            return self.exact[stripped]
        for literal, regex, origin in self.patterns:
            if literal in text and regex.match(text):
                return origin
        return None


#: Python values printed as they are ("Aktif: True"): never text for a person.
PYTHON_LITERALS = ("True", "False", "None")


def build_detector() -> Detector:
    detector = Detector()
    for literal in PYTHON_LITERALS:
        detector.exact[literal] = "a Python value shown raw"
    for path in _source_files():
        origin = str(path.relative_to(SITE_PACKAGES)).split("/locale/")[0]
        for entry in polib.pofile(str(path)):
            if entry.obsolete:
                continue
            for text in _untranslated(entry):
                detector.add(text, origin)
    for pattern in OUR_ENGLISH_GLOBS:
        for path in sorted(ROOT.glob(pattern)):
            if ".venv" in path.parts:
                continue
            origin = f"our English catalogue {path.relative_to(ROOT)}"
            for entry in polib.pofile(str(path)):
                forms = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
                for form in forms:
                    if form and form not in (entry.msgid, entry.msgid_plural):
                        detector.add(form, origin)
    return detector
