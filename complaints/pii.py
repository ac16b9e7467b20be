"""Personal data in a complaint's public text: detection, highlighting and redaction.

Detected: NIK (16 digits whose region, birth date and serial parts are plausible; written
whole or in groups of four), phone numbers (``phonenumbers`` matcher, region ID, valid
numbers only), e-mail addresses and vehicle plates in the Indonesian format ("KT 1234 AB":
a known region prefix, 1–4 digits, a 1–3 letter suffix, upper case as plates are written).
Each finding is replaced by a bracketed label; the original stays in the complaint for the
desk only. Pure functions, no database.
"""

import html
import re
from dataclasses import dataclass

import phonenumbers
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

KINDS = {
    "nik": _("NIK"),
    "phone": _("nomor telepon"),
    "email": _("email"),
    "plate": _("nomor polisi"),
}

# Kemendagri province codes (two first digits of a NIK).
_PROVINCES = {
    *range(11, 20), 21, *range(31, 37), *range(51, 54), *range(61, 66), *range(71, 77), 81, 82, *range(91, 98),
}  # fmt: skip
_NIK_RE = re.compile(r"(?<![\d])(\d{4})[ .-]?(\d{4})[ .-]?(\d{4})[ .-]?(\d{4})(?![\d])")
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Region prefixes of Indonesian plates (Polri), longest first so "KT" wins over "K".
_PLATE_REGIONS = sorted(
    "A B D E F G H K L M N P R S T W Z AA AB AD AE AG BA BB BD BE BG BH BK BL BM BN BP DA DB DC DD DE DG "  # noqa: SIM905
    "DH DK DL DM DN DR DS DT DW EA EB ED KB KH KT KU PA PB PG PS PT PY RI".split(),
    key=len,
    reverse=True,
)
_PLATE_RE = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(_PLATE_REGIONS) + r") ?(\d{1,4}) ?([A-Z]{1,3})(?![A-Za-z0-9])")


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return str(KINDS[self.kind])


def _plausible_nik(digits: str) -> bool:
    if int(digits[:2]) not in _PROVINCES or digits[2:4] == "00" or digits[4:6] == "00":
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    if day > 40:  # women: day + 40
        day -= 40
    return 1 <= day <= 31 and 1 <= month <= 12 and digits[12:] != "0000"


def detect(text: str) -> list[Finding]:
    """Every personal-data finding in ``text``, in order, without overlaps."""
    text = text or ""
    found: list[Finding] = []
    for m in _NIK_RE.finditer(text):
        if _plausible_nik("".join(m.groups())):
            found.append(Finding("nik", m.start(), m.end()))
    for m in _EMAIL_RE.finditer(text):
        found.append(Finding("email", m.start(), m.end()))
    for m in phonenumbers.PhoneNumberMatcher(text, "ID", leniency=phonenumbers.Leniency.VALID):
        found.append(Finding("phone", m.start, m.end))
    for m in _PLATE_RE.finditer(text):
        found.append(Finding("plate", m.start(), m.end()))
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for f in found:
        if kept and f.start < kept[-1].end:
            continue  # overlaps an earlier (or longer) finding: a NIK is not also a phone number
        kept.append(f)
    return kept


def placeholder(kind: str) -> str:
    return "[" + str(_("%(kind)s disamarkan") % {"kind": KINDS[kind]}) + "]"


def redact(text: str) -> str:
    """``text`` with every finding replaced by its placeholder."""
    text = text or ""
    out, pos = [], 0
    for f in detect(text):
        out += [text[pos : f.start], placeholder(f.kind)]
        pos = f.end
    out.append(text[pos:])
    return "".join(out)


def highlight(text: str) -> SafeString:
    """HTML of ``text`` (escaped) with each finding in ``<mark>`` naming its kind, for the desk."""
    text = text or ""
    out, pos = [], 0
    for f in detect(text):
        out += [
            html.escape(text[pos : f.start]),
            f'<mark class="pii pii-{f.kind}" title="{html.escape(f.label)}">',
            html.escape(text[f.start : f.end]),
            "</mark>",
        ]
        pos = f.end
    out.append(html.escape(text[pos:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece of text is escaped above


def kinds_found(text: str) -> list[str]:
    """Labels of the kinds of personal data in ``text`` (for a warning line)."""
    seen: list[str] = []
    for f in detect(text):
        if f.label not in seen:
            seen.append(f.label)
    return seen


def public_text(complaint) -> tuple[str, str]:
    """(title, description) as the public sees them: the desk's redaction, or an automatic one
    (never the original)."""
    return (
        complaint.public_title or redact(complaint.title),
        complaint.public_description or redact(complaint.description),
    )
