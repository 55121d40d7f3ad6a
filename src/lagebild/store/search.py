"""Full-text search over articles, with German (and English) word forms matched by their stem.

Here: stemming, query parsing, highlights and snippets, and the :class:`Search` mixin that runs a
query and builds its hits.  Each backend supplies its index: SQLite an FTS5 table of stemmed
copies that it writes itself (:mod:`lagebild.store.sqlite`), PostgreSQL a ``tsvector`` column
that the server keeps in step (:mod:`lagebild.store.postgres`).

Hits carry offsets into the stored article text: the snippet and every highlighted word are
``start``/``end`` pairs, never re-found by the caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, bindparam, text

from lagebild.errors import LagebildError

STEMMER_VERSION = "snowball-1"
_WORD = re.compile(r"[^\W_]+")
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')
_BATCH = 500
SNIPPET_CHARS = 240


class SearchError(LagebildError):
    """A search query that cannot be run (no searchable words, unsupported backend)."""


@lru_cache(maxsize=None)
def _stemmer(language: str) -> Any:
    import snowballstemmer  # lazy: only search needs it; uses PyStemmer (C) when it is installed

    return snowballstemmer.stemmer(language)


def _language_name(code: str | None) -> str:
    return "english" if (code or "").lower().startswith("en") else "german"


def stem(word: str, language: str | None) -> str:
    """The stem of one word in the article language (German unless the language is English)."""
    return _stemmer(_language_name(language)).stemWord(word.casefold())


def words(text_: str) -> Iterable[tuple[int, int, str]]:
    """``(start, end, word)`` for every word of ``text_``."""
    for match in _WORD.finditer(text_):
        yield match.start(), match.end(), match.group()


def stemmed_copy(text_: str | None, language: str | None) -> str:
    """The text as a line of stems, in order (what FTS5 indexes)."""
    if not text_:
        return ""
    stemmer = _stemmer(_language_name(language))
    return " ".join(stemmer.stemWords([w.casefold() for _, _, w in words(text_)]))


# --- queries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One query word or phrase; ``stems`` holds one alternative per stemming language."""

    words: tuple[str, ...]
    prefix: bool = False
    stems: tuple[tuple[str, ...], ...] = field(default=())


def parse_query(query: str) -> list[Term]:
    """Words (all must occur), "quoted phrases", and ``word*`` prefixes."""
    terms: list[Term] = []
    for match in _QUERY_PART.finditer(query or ""):
        phrase, bare = match.group(1), match.group(2)
        raw = phrase if phrase is not None else bare
        prefix = phrase is None and raw.endswith("*")
        tokens = tuple(w for _, _, w in words(raw))
        if not tokens:
            continue
        if prefix:
            stems = ((tokens[-1].casefold(),),)
        else:
            alternatives = {tuple(stem(w, lang) for w in tokens) for lang in ("de", "en")}
            stems = tuple(sorted(alternatives))
        terms.append(Term(words=tokens, prefix=prefix, stems=stems))
    return terms


def fts5_expression(terms: Sequence[Term]) -> str:
    """The FTS5 MATCH expression for parsed terms (stems are \\w-only, so quoting is safe)."""
    parts = []
    for term in terms:
        if term.prefix:
            options = [f'"{term.stems[0][0]}"*']
        else:
            options = ['"' + " ".join(alt) + '"' for alt in term.stems]
        parts.append("(" + " OR ".join(options) + ")" if len(options) > 1 else options[0])
    return " AND ".join(parts)


_FOLD = {"a": "[aäàáâ]", "o": "[oöòóô]", "u": "[uüùúû]", "e": "[eéèê]", "i": "[iíìî]", "s": "(?:s|ß)"}


@lru_cache(maxsize=256)
def _matcher(terms: tuple[Term, ...]) -> tuple[re.Pattern[str] | None, frozenset[str], tuple[str, ...]]:
    """For a query: a pattern for the words that *may* match (they start like a stem; the stemmer
    decides), the stems wanted and the prefixes wanted.  Built once per query, not per article."""
    heads, wanted, prefixes = set(), set(), []
    for term in terms:
        if term.prefix:
            prefixes.append(term.stems[0][0])
        else:
            for alternative in term.stems:
                wanted.update(alternative)
        for alternative in term.stems:
            for stem_ in alternative:
                head = stem_ if term.prefix else stem_[:max(1, len(stem_) - 1)]
                heads.add("".join(_FOLD.get(ch, re.escape(ch)) for ch in head))
    if not heads:
        return None, frozenset(), ()
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(sorted(heads, key=len, reverse=True)) + r")[^\W_]*",
                         re.IGNORECASE)
    return pattern, frozenset(wanted), tuple(prefixes)


def highlights(text_: str, language: str | None, terms: Sequence[Term], *,
               reach: int | None = None) -> list[tuple[int, int]]:
    """Offsets of the words of ``text_`` that match a query term (by stem, or by prefix); with
    ``reach``, only those up to ``reach`` characters after the first one (a snippet's worth)."""
    pattern, wanted, prefixes = _matcher(tuple(terms))
    if pattern is None:
        return []
    own, german = _stemmer(_language_name(language)), _stemmer("german")
    verdict: dict[str, bool] = {}
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(text_):
        if reach is not None and spans and m.start() > spans[0][0] + reach:
            break
        word = m.group().casefold()
        if word not in verdict:
            verdict[word] = (own.stemWord(word) in wanted or german.stemWord(word) in wanted
                             or any(word.startswith(p) for p in prefixes))
        if verdict[word]:
            spans.append((m.start(), m.end()))
    return spans


def snippet(text_: str, spans: Sequence[tuple[int, int]], width: int = SNIPPET_CHARS) -> dict[str, Any]:
    """A window of the text around the first hit, with the hits inside it (absolute offsets)."""
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        space = text_.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text_), start + width)
    if end < len(text_):
        space = text_.rfind(" ", start, end)
        end = space if space > max(first, start) else end
    inside = [{"start": s, "end": e} for s, e in spans if s >= start and e <= end]
    return {"start": start, "end": end, "text": text_[start:end], "highlights": inside, "more": end < len(text_)}


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[dict[str, Any]]
    query: str
    order: str = "relevance"
    total_exact: bool = True  # False: at least ``total`` articles match (counting stopped there)


#: above this many matches, "auto" order lists the newest indexed articles first instead of
#: ranking every match (BM25 over 50k matches costs hundreds of milliseconds; this costs one)
RANK_LIMIT = 3000
#: matches are counted up to this many; a word found in most of 100k articles would otherwise
#: cost more to count than to find and show its first page
COUNT_LIMIT = 10_000
ORDERS = ("auto", "relevance", "recent")


class Search:
    """Full-text search as store methods (a mixin of the SQL store; needs ``self.engine``).

    The backends supply the index: :meth:`_search_sql` (the match, ranked, recent and count
    statements) and, where the index is not kept by the database itself, :meth:`index_articles`.
    """

    engine: Engine
    dialect: str

    def index_articles(self, ids: Iterable[str] | None = None) -> int:
        """Index the queued articles and ``ids``; how many were indexed (0 where the database
        keeps its index in step by itself)."""
        return 0

    def pending_search_count(self) -> int:
        """How many articles wait to be indexed (0 where the index keeps itself in step)."""
        return 0

    def ensure_indexed(self) -> int:
        """Index the queued articles, if any (cheap when the queue is empty)."""
        return 0

    def _search_sql(self, query: str, terms: Sequence[Term], extra: str) -> tuple[str, str, str, str]:
        """(the ``:q`` parameter, ranked, recent and count statements) for one query."""
        raise SearchError(f"full-text search is not available on {self.dialect}")

    def search(self, query: str, *, limit: int = 20, offset: int = 0, story: str | None = None,
               language: str | None = None, order: str = "auto") -> SearchResult:
        """Articles matching every word of ``query`` (in any inflected form).

        ``order``: ``relevance`` (BM25, title weighted 3:1), ``recent`` (newest indexed first) or
        ``auto`` (relevance unless more than :data:`RANK_LIMIT` articles match).
        """
        if order not in ORDERS:
            raise SearchError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
        terms = parse_query(query)
        if not terms:
            raise SearchError(f"the query {query!r} has no searchable words")
        where, params = [], {"limit": limit, "offset": offset}
        if story:
            where.append("a.id IN (SELECT article_id FROM story_articles WHERE story_id = :story)")
            params["story"] = story
        if language:
            where.append("a.language = :language")
            params["language"] = language
        extra = "".join(f" AND {w}" for w in where)
        self.ensure_indexed()
        params["q"], ranked, recent, count = self._search_sql(query, terms, extra)
        with self.engine.connect() as conn:
            counted = conn.execute(text(f"SELECT count(*) FROM ({count} LIMIT :cap) AS matches"),
                                   {**{k: v for k, v in params.items() if k not in ("limit", "offset")},
                                    "cap": COUNT_LIMIT + 1}).scalar_one()
            total = min(counted, COUNT_LIMIT)
            chosen = order if order != "auto" else ("relevance" if total <= RANK_LIMIT else "recent")
            page = conn.execute(text(ranked if chosen == "relevance" else recent), params).all() if total else []
            hits = _hits(conn, page, terms)
        return SearchResult(total=total, hits=hits, query=query, order=chosen, total_exact=counted <= COUNT_LIMIT)


def _hits(conn: Any, page: Sequence[Any], terms: Sequence[Term]) -> list[dict[str, Any]]:
    if not page:
        return []
    ids = [row.id for row in page]
    rows = conn.execute(text(
        "SELECT a.id, a.title, a.outlet, a.published, a.language, a.text, s.story_id FROM articles a "
        "LEFT JOIN story_articles s ON s.article_id = a.id WHERE a.id IN :ids").bindparams(
        bindparam("ids", expanding=True)), {"ids": ids}).all()
    by_id = {row.id: row for row in rows}
    hits = []
    for ranked in page:
        row = by_id[ranked.id]
        spans = highlights(row.text, row.language, terms, reach=SNIPPET_CHARS)
        title_spans = highlights(row.title or "", row.language, terms)
        hits.append({
            "article": row.id, "title": row.title, "outlet": row.outlet,
            "published": str(row.published) if row.published else None, "language": row.language,
            "story": row.story_id, "score": round(-float(ranked.score), 4),
            "title_highlights": [{"start": s, "end": e} for s, e in title_spans],
            "snippet": snippet(row.text, spans),
        })
    return hits
