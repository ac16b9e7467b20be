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
from django.db.models import BooleanField, Case, Expression, F, IntegerField, Q, QuerySet, Value, When

from .codes import ALPHABET, PREFIX, normalize, normalize_code
from .models import Complaint

Audience = Literal["staff", "public"]

#: The searched columns per audience. Migration 0011 indexes ``VECTOR`` over
#: ``COALESCE(first, '') || ' ' || COALESCE(second, '')`` of each pair: keep them in step.
DOCUMENTS: dict[str, tuple[str, str]] = {
    "staff": ("title", "description"),
    "public": ("public_title", "public_description"),
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


class TextMatch(Expression):
    """PostgreSQL: ``audience`` text matches every word of ``words`` (stem or written prefix), written
    exactly as the GIN index expression of migration 0011 so the index serves it.

    The columns are real column references (``F``), not a table name in raw SQL: inside a subquery
    Django renames the table (``U0``) and the match must follow it, not the outer query's row."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, fields: tuple[str, str], words: list[str], *, any_word: bool = False):
        super().__init__(output_field=BooleanField())
        self.fields, self.words, self.any_word = fields, list(words), any_word
        self.columns = [F(name) for name in fields]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, exprs):
        self.columns = list(exprs)

    def as_sql(self, compiler, connection):
        (first, first_params), (second, second_params) = (compiler.compile(col) for col in self.columns)
        document = f"COALESCE({first}, '') || ' ' || COALESCE({second}, '')"
        vector = VECTOR.format(document=document)
        joiner = " || " if self.any_word else " && "
        sql = f"{vector} @@ ({joiner.join([WORD_QUERY] * len(self.words))})"
        document_params = [*first_params, *second_params]
        params = [*document_params, *document_params, *(p for w in self.words for p in (w, f"{w}:*"))]
        return sql, params


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
    fields = DOCUMENTS[audience]
    words = search_words(text)
    if not words:
        return qs
    if connections[qs.db].vendor == "postgresql":
        return qs.filter(TextMatch(fields, words))
    for word in words:
        qs = qs.filter(Q(**{f"{fields[0]}__icontains": word}) | Q(**{f"{fields[1]}__icontains": word}))
    return qs


def _word_matches(qs: QuerySet[Complaint], words: list[str], audience: Audience) -> list:
    """One condition per word (the complaint's ``audience`` text holds that word)."""
    fields = DOCUMENTS[audience]
    if connections[qs.db].vendor == "postgresql":
        return [TextMatch(fields, [word]) for word in words]
    return [Q(**{f"{fields[0]}__icontains": word}) | Q(**{f"{fields[1]}__icontains": word}) for word in words]


def ranked_text_search(qs: QuerySet[Complaint], text: str, *, audience: Audience) -> QuerySet[Complaint]:
    """``qs`` narrowed to complaints holding at least one word of ``text``, annotated with
    ``matched_words`` (how many of the search's words each holds) and ordered by it, then newest first.

    One word, or a tracking code, is :func:`text_search` (with ``matched_words`` = the word count).
    Complaints holding only some words come from the newest ``PARTIAL_CANDIDATES`` such matches, read
    here (one query: the queryset returned is not lazy in that respect)."""
    words = search_words(text)
    if tracking_code_in(text) or len(words) < 2:
        found = text_search(qs, text, audience=audience)
        return found.annotate(matched_words=Value(len(words), output_field=IntegerField())).order_by(
            "-created_at", "-id"
        )
    conditions = _word_matches(qs, words, audience)
    if connections[qs.db].vendor == "postgresql":
        fields = DOCUMENTS[audience]
        every, some = Q(TextMatch(fields, words)), Q(TextMatch(fields, words, any_word=True))  # one index scan each
    else:
        every, some = Q(), Q()
        for condition in conditions:
            every &= Q(condition)
            some |= Q(condition)
    # The newest complaints holding any word, read first (one query): as a list of ids the outer query
    # can combine the full-text index and the primary key (a subquery there would scan every row).
    candidates = list(qs.filter(some).order_by("-created_at", "-id").values_list("pk", flat=True)[:PARTIAL_CANDIDATES])
    one = [Case(When(Q(c), then=Value(1)), default=Value(0), output_field=IntegerField()) for c in conditions]
    score = sum(one, Value(0, output_field=IntegerField()))
    # Only the bounded candidates are scored; any other match holds every word and scores len(words).
    matched = Case(When(pk__in=candidates, then=score), default=Value(len(words)), output_field=IntegerField())
    return (
        qs.filter(every | Q(pk__in=candidates))
        .annotate(matched_words=matched)
        .order_by("-matched_words", "-created_at", "-id")
    )
