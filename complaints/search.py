"""Complaint text search: the one function every door calls (staff list, admin list, public list).

On PostgreSQL it is full-text search over the title and the description, Indonesian stems plus the
words as written, stored in a generated ``tsvector`` column with a GIN index (``search_staff`` and
``search_public``, migration ``0014_stored_search_vectors``; not model fields):
every word must match, by its stem ("berlubang" finds "lubang") or as written, and the last word
also as the beginning of a written word ("jalan rus" finds "Jalan rusak parah"). Lists stay newest first, not
ranked: ranking must score every match, which for a common word ("jalan") is most of the table, while
newest-first with a LIMIT stops early; a rare word is found through the index either way.
The public doors search only the public (redacted) text, so a search never reveals a complaint by a
word that the public cannot read. On SQLite (development and the test suite's first pass) every word
must appear, case-insensitively, in the title or the description.

The public doors rank instead (:func:`ranked_text_search`): a citizen's everyday phrase ("lampu jalan
mati") finds complaints that hold every word first, then those that hold most of them, each group
newest first. Complaints matching only some words are all scored when they are few, or else only the
newest ``PARTIAL_CANDIDATES`` of them, so a common word ("jalan") never makes the database score the
whole table; every complaint holding all the words is always found (when more than ``SPARSE_MATCHES``
do, the list is those alone: a partial match would only come after them).

A search that matches few complaints (at most ``SPARSE_MATCHES``) is answered through their ids, read
first in one query that the GIN index serves; otherwise PostgreSQL, asked for the newest few, may walk
the newest-first index over the whole table looking for rows that are not there (7.3 s at a million
rows for a rare phrase, the "small LIMIT" trap). More matches than that are dense enough for the
newest-first walk to stop early.

A search that is one tracking code ("ADU-7K3M-Q9XP", "7k3mq9xp") finds that complaint only; a word
that could be a code but is none ("jembatan": eight code letters) is searched as a word; a phrase
never counts as a code ("Lampu jal" is words, though its letters are eight). A search with no letters
or digits (``"%%"``, ``"--"``) changes nothing: the list stays unfiltered.
"""

import re
from typing import Literal

from django.db import connections, transaction
from django.db.models import BooleanField, Case, Expression, F, IntegerField, Q, QuerySet, Value, When

from cms.counting import CappedCount, count_cap, with_known_count

from .codes import ALPHABET, PREFIX, normalize, normalize_code
from .models import Complaint

Audience = Literal["staff", "public"]

#: The searched columns per audience (SQLite searches them directly). On PostgreSQL migration 0014
#: stores their Indonesian stems plus the words as written ("berlubang" finds "lubang", "Pelab" finds
#: "Pelabuhan") in the generated column named in ``VECTOR_COLUMNS``.
DOCUMENTS: dict[str, tuple[str, str]] = {
    "staff": ("title", "description"),
    "public": ("public_title", "public_description"),
}
VECTOR_COLUMNS: dict[tuple[str, str], str] = {
    ("title", "description"): "search_staff",
    ("public_title", "public_description"): "search_public",
}
#: One word of a search: its Indonesian stem, or the word as written; the last word of a search (the
#: one being typed: "jalan rus") may also be the beginning of a written word. Only the last one: a
#: prefix makes the GIN index merge the postings of every word it begins, which for three common
#: words took 0.3 s at a million complaints, against 11 ms for whole words.
WORD_QUERY = "(plainto_tsquery('indonesian'::regconfig, %s) || to_tsquery('simple'::regconfig, %s))"
#: Words of a search: letters and digits only (tsquery operators and punctuation never reach SQL).
WORD = re.compile(r"[^\W_]+", re.UNICODE)
#: More words than this add nothing but cost; the rest are ignored.
MAX_WORDS = 8
#: A search matching at most this many complaints is answered through their ids (see the docstring).
SPARSE_MATCHES = 2000
#: Complaints that match only some words of a public search: at most this many, the newest.
PARTIAL_CANDIDATES = 1000
#: The longest search the public doors accept (REST ``?q=``, GraphQL ``publicComplaints(q:)``).
MAX_QUERY_CHARS = 200


def search_words(text: str) -> list[str]:
    """The words of a search, lower-cased, at most ``MAX_WORDS``."""
    return WORD.findall((text or "").lower())[:MAX_WORDS]


class TextMatch(Expression):
    """PostgreSQL: ``audience`` text matches every word of ``words`` (stem or written prefix), through
    the stored ``tsvector`` column of migration 0014 so its GIN index serves it.

    The column is qualified with the alias Django gives the table (compiled from a real column
    reference, ``F``), not a table name in raw SQL: inside a subquery Django renames the table (``U0``)
    and the match must follow it, not the outer query's row."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, fields: tuple[str, str], words: list[str], *, any_word: bool = False, prefix: str | None = None):
        """``prefix``: the word (of ``words``) that may also begin a written word, if any."""
        super().__init__(output_field=BooleanField())
        self.fields, self.words, self.any_word, self.prefix = fields, list(words), any_word, prefix
        self.columns = [F(name) for name in fields]

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, exprs):
        self.columns = list(exprs)

    def as_sql(self, compiler, connection):
        first, _params = compiler.compile(self.columns[0])
        table = first.rsplit(".", 1)[0]  # '"complaints_complaint"' or '"U0"'
        vector = f"{table}.{connection.ops.quote_name(VECTOR_COLUMNS[self.fields])}"
        joiner = " || " if self.any_word else " && "
        sql = f"{vector} @@ ({joiner.join([WORD_QUERY] * len(self.words))})"
        return sql, [p for w in self.words for p in (w, f"{w}:*" if w == self.prefix else w)]


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
    on SQLite); the caller's ordering stays. On PostgreSQL this runs one query now (the probe for a
    sparse match): apply the other filters first so the probe counts only what the list can show."""
    code = tracking_code_in(text)
    if code and qs.filter(tracking_code=code).exists():
        return qs.filter(tracking_code=code)
    # no such complaint: an everyday word of eight code letters ("jembatan") is searched as a word
    fields = DOCUMENTS[audience]
    words = search_words(text)
    if not words:
        return qs
    if connections[qs.db].vendor == "postgresql":
        match = TextMatch(fields, words, prefix=words[-1])
        ids = _probe(qs, match, SPARSE_MATCHES + 1)
        if len(ids) <= SPARSE_MATCHES:
            return _counted(qs.filter(pk__in=ids), len(ids), exact=True)
        return _counted(qs.filter(match), len(ids), exact=False)
    for word in words:
        qs = qs.filter(Q(**{f"{fields[0]}__icontains": word}) | Q(**{f"{fields[1]}__icontains": word}))
    return qs


def _word_matches(qs: QuerySet[Complaint], words: list[str], audience: Audience) -> list:
    """One condition per word (the complaint's ``audience`` text holds that word)."""
    fields = DOCUMENTS[audience]
    if connections[qs.db].vendor == "postgresql":
        return [TextMatch(fields, [word], prefix=words[-1]) for word in words]
    return [Q(**{f"{fields[0]}__icontains": word}) | Q(**{f"{fields[1]}__icontains": word}) for word in words]


def _probe(qs: QuerySet[Complaint], condition, limit: int) -> list[int]:
    """Ids of at most ``limit`` complaints of ``qs`` meeting ``condition``, in no order.

    On PostgreSQL through the GIN index, always: asked for "any 2,001 rows", the planner reckons a
    sequential scan finds them early, but its guess of how many rows hold a word (a prefix above all)
    can be far off, and for words nobody wrote it read the whole table (0.45 s at a million rows). The
    index answers a rare word at once and a common one in a few milliseconds more, so sequential
    scans are off for this one query: ``SET LOCAL`` inside its own transaction (or savepoint), set back
    right after it, so the setting never outlives the query, not even behind a transaction-pooling
    PgBouncer (a plain ``SET`` there could land on another client's server connection)."""
    query = qs.filter(condition).order_by().values_list("pk", flat=True)[:limit]
    connection = connections[qs.db]
    if connection.vendor != "postgresql":
        return list(query)
    with transaction.atomic(using=qs.db), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        ids = list(query)
        cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
    return ids


def ranked_text_search(qs: QuerySet[Complaint], text: str, *, audience: Audience) -> QuerySet[Complaint]:
    """``qs`` narrowed to complaints holding at least one word of ``text``, annotated with
    ``matched_words`` (how many of the search's words each holds) and ordered by it, then newest first.

    One word, or a tracking code, is :func:`text_search` (with ``matched_words`` = the word count).
    Otherwise up to three small queries run here, before the list's own:

    * the ids of the complaints holding every word (at most ``SPARSE_MATCHES`` + 1). More than that:
      the list is those complaints, newest first (a partial match would come after two thousand full
      ones; the newest-first walk stops early on so dense a match);
    * else the complaints holding some of the words: all of them when there are at most
      ``SPARSE_MATCHES``, or else the newest ``PARTIAL_CANDIDATES``;
    * the list is then those ids (at most a few thousand), scored and ordered.
    """
    words = search_words(text)
    if tracking_code_in(text) or len(words) < 2:
        found = text_search(qs, text, audience=audience)
        return found.annotate(matched_words=Value(len(words), output_field=IntegerField())).order_by(
            "-created_at", "-id"
        )
    conditions = _word_matches(qs, words, audience)
    if connections[qs.db].vendor == "postgresql":
        fields = DOCUMENTS[audience]
        every = Q(TextMatch(fields, words, prefix=words[-1]))  # one index scan each
        some = Q(TextMatch(fields, words, any_word=True, prefix=words[-1]))
    else:
        every, some = Q(), Q()
        for condition in conditions:
            every &= Q(condition)
            some |= Q(condition)
    full = _probe(qs, every, SPARSE_MATCHES + 1)
    if len(full) > SPARSE_MATCHES:
        all_words = Value(len(words), output_field=IntegerField())
        dense = qs.filter(every).annotate(matched_words=all_words).order_by("-created_at", "-id")
        return _counted(dense, len(full), exact=False)
    partial = _probe(qs, some, SPARSE_MATCHES + 1)
    if len(partial) > SPARSE_MATCHES:  # dense: the newest ones (the walk stops early)
        newest = qs.filter(some).order_by("-created_at", "-id")
        partial = list(newest.values_list("pk", flat=True)[:PARTIAL_CANDIDATES])
    one = [Case(When(Q(c), then=Value(1)), default=Value(0), output_field=IntegerField()) for c in conditions]
    score = sum(one, Value(0, output_field=IntegerField()))
    found = {*full, *partial}
    ranked = qs.filter(pk__in=found).annotate(matched_words=score).order_by("-matched_words", "-created_at", "-id")
    return _counted(ranked, len(found), exact=True)


def _counted(qs: QuerySet[Complaint], probed: int, *, exact: bool) -> QuerySet[Complaint]:
    """``qs`` carrying the count its probe learnt (``cms.counting``), so the list is not counted again:
    ``exact`` when the list is the probed ids themselves, else "more than ``SPARSE_MATCHES``" (a
    dense match's count cost as much as its page at a million complaints; past two thousand, that
    there are more is what a reader needs to know)."""
    if exact:
        return with_known_count(qs, CappedCount(count=probed, capped=False, cap=count_cap()))
    return with_known_count(qs, CappedCount(count=probed, capped=True, cap=SPARSE_MATCHES))
