"""Complaint text search: the one function every door calls (staff list, admin list, public list).

On PostgreSQL it is full-text search over the title and the description, Indonesian stems plus the
words as written, served by an expression GIN index (migration ``0011_fulltext_search_postgres``):
every word must match, by its stem ("berlubang" finds "lubang") or as the beginning of a written
word ("jalan rus" finds "Jalan rusak parah"). Lists stay newest first, not
ranked: ranking must score every match, which for a common word ("jalan") is most of the table, while
newest-first with a LIMIT stops early; a rare word is found through the index either way.
The public doors search only the public (redacted) text, so a search never reveals a complaint by a
word that the public cannot read. On SQLite (development and the test suite's first pass) every word
must appear, case-insensitively, in the title or the description.

The public doors rank instead (:func:`ranked_text_search`): a citizen's everyday phrase ("lampu jalan
mati") finds complaints that hold every word first, then those that hold most of them, each group
newest first. Complaints matching only some words are taken from the newest ``PARTIAL_CANDIDATES`` of
them, so a common word ("jalan") never makes the database score the whole table; every complaint
holding all the words is always found.

A search that is one tracking code ("ADU-7K3M-Q9XP", "7k3mq9xp") finds that complaint only; a phrase
never counts as a code ("Lampu jal" is words, though its letters are eight). A search with no letters
or digits (``"%%"``, ``"--"``) changes nothing: the list stays unfiltered.
"""

import re
from typing import Literal

from django.db import connections
from django.db.models import BooleanField, Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from .codes import ALPHABET, PREFIX, normalize, normalize_code
from .models import Complaint

Audience = Literal["staff", "public"]

#: The searched text per audience: (fields for the SQLite fallback, the SQL document PostgreSQL indexes).
#: Migration 0011 indexes exactly ``VECTOR.format(document=…)`` (with unqualified columns): keep them in step.
DOCUMENTS: dict[str, tuple[tuple[str, str], str]] = {
    "staff": (("title", "description"), "COALESCE({t}.title, '') || ' ' || COALESCE({t}.description, '')"),
    "public": (
        ("public_title", "public_description"),
        "COALESCE({t}.public_title, '') || ' ' || COALESCE({t}.public_description, '')",
    ),
}
#: Stemmed Indonesian words ("berlubang" finds "lubang") plus the words as written, whose prefixes
#: match ("Pelab" finds "Pelabuhan": the stemmer alone would strip "pe-" and miss it).
VECTOR = "(to_tsvector('indonesian'::regconfig, {document}) || to_tsvector('simple'::regconfig, {document}))"
#: One word of a search: its Indonesian stem, or a prefix of a word as written.
WORD_QUERY = "(plainto_tsquery('indonesian'::regconfig, %s) || to_tsquery('simple'::regconfig, %s))"
#: Words of a search: letters and digits only (tsquery operators and punctuation never reach SQL).
WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: More words than this add nothing but cost; the rest are ignored.
MAX_WORDS = 8
#: Complaints that match only some words of a public search: at most this many, the newest.
PARTIAL_CANDIDATES = 1000
#: The longest search the public doors accept (REST ``?q=``, GraphQL ``publicComplaints(q:)``).
MAX_QUERY_CHARS = 200


def search_words(text: str) -> list[str]:
    """The words of a search, lower-cased, at most ``MAX_WORDS``."""
    return WORD.findall((text or "").lower())[:MAX_WORDS]


def _document(audience: Audience) -> str:
    table = f'"{Complaint._meta.db_table}"'
    return DOCUMENTS[audience][1].format(t=table)


def tracking_code_in(text: str) -> str:
    """The tracking code ``text`` is, normalised, or ``""``: one token of code characters only."""
    token = (text or "").strip()
    if not token or any(ch.isspace() for ch in token):
        return ""
    raw = normalize(token)
    raw = raw[len(PREFIX) :] if raw.startswith(PREFIX) and len(raw) == len(PREFIX) + 8 else raw
    return normalize_code(raw) if len(raw) == 8 and all(ch in ALPHABET for ch in raw) else ""


def text_search(qs: QuerySet[Complaint], text: str, *, audience: Audience) -> QuerySet[Complaint]:
    """``qs`` narrowed to the complaint whose tracking code ``text`` is, or else to those whose
    ``audience`` text matches every word of ``text`` (as a word prefix on PostgreSQL, as a substring
    on SQLite); the caller's ordering stays."""
    code = tracking_code_in(text)
    if code:
        return qs.filter(tracking_code=code)
    fields, _sql = DOCUMENTS[audience]
    words = search_words(text)
    if not words:
        return qs
    if connections[qs.db].vendor == "postgresql":
        vector = VECTOR.format(document=_document(audience))
        match = f"{vector} @@ ({' && '.join([WORD_QUERY] * len(words))})"
        params = [part for word in words for part in (word, f"{word}:*")]
        return qs.filter(RawSQL(match, params, output_field=BooleanField()))  # noqa: S611 (constant SQL; words are parameters)
    for word in words:
        qs = qs.filter(Q(**{f"{fields[0]}__icontains": word}) | Q(**{f"{fields[1]}__icontains": word}))
    return qs


def _word_matches(qs: QuerySet[Complaint], words: list[str], audience: Audience) -> list:
    """One condition per word (the complaint's ``audience`` text holds that word)."""
    if connections[qs.db].vendor == "postgresql":
        vector = VECTOR.format(document=_document(audience))
        return [
            RawSQL(f"{vector} @@ {WORD_QUERY}", [word, f"{word}:*"], output_field=BooleanField())  # noqa: S611 (constant SQL; words are parameters)
            for word in words
        ]
    fields, _sql = DOCUMENTS[audience]
    return [Q(**{f"{fields[0]}__icontains": word}) | Q(**{f"{fields[1]}__icontains": word}) for word in words]


def ranked_text_search(qs: QuerySet[Complaint], text: str, *, audience: Audience) -> QuerySet[Complaint]:
    """``qs`` narrowed to complaints holding at least one word of ``text``, annotated with
    ``matched_words`` (how many of the search's words each holds) and ordered by it, then newest first.

    One word, or a tracking code, is :func:`text_search` (with ``matched_words`` = the word count).
    Complaints holding only some words come from the newest ``PARTIAL_CANDIDATES`` such matches."""
    words = search_words(text)
    if tracking_code_in(text) or len(words) < 2:
        found = text_search(qs, text, audience=audience)
        return found.annotate(matched_words=Value(len(words), output_field=IntegerField())).order_by(
            "-created_at", "-id"
        )
    conditions = _word_matches(qs, words, audience)
    every, some = Q(), Q()
    for condition in conditions:
        every &= Q(condition)
        some |= Q(condition)
    partial = qs.filter(some).exclude(every).order_by("-created_at", "-id").values("pk")[:PARTIAL_CANDIDATES]
    one = [Case(When(Q(c), then=Value(1)), default=Value(0), output_field=IntegerField()) for c in conditions]
    score = sum(one, Value(0, output_field=IntegerField()))
    # Only the (bounded) partial matches are scored; a complaint holding every word scores len(words).
    matched = Case(When(pk__in=partial, then=score), default=Value(len(words)), output_field=IntegerField())
    return (
        qs.filter(every | Q(pk__in=partial))
        .annotate(matched_words=matched)
        .order_by("-matched_words", "-created_at", "-id")
    )
