"""Full-text search over articles, with German (and English) word forms matched by their stem.

SQLite has no German stemmer, so the FTS5 table of migration 0002 holds a *stemmed copy* of each
article's title and text, written here (:func:`index_articles`); queries are stemmed the same way.
Triggers queue new or changed articles in ``search_pending``; :func:`search` indexes whatever is
still queued before it runs, so a search never misses an article that the ingest step forgot to
index.  PostgreSQL keeps its own ``tsvector`` column in step (German/English configurations).

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
    import snowballstemmer  # uses PyStemmer (C) when it is installed

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


# --- indexing (SQLite) --------------------------------------------------------------------------


def _is_sqlite(store: Any) -> bool:
    return store.dialect == "sqlite"


def index_articles(store: Any, ids: Iterable[str] | None = None) -> int:
    """Write the stemmed copy of the queued articles, and of ``ids`` (re-indexed even when they
    are not queued), into the FTS index.

    Idempotent: an article indexed before is replaced.  Returns how many articles were indexed.
    On PostgreSQL the index keeps itself in step and this does nothing.
    """
    if not _is_sqlite(store):
        return 0
    with store.engine.connect() as conn:  # queued ones first, in the order they were stored, so
        # that FTS rowids follow ingestion and "recent" search order means newest stored first
        wanted = list(conn.execute(text(
            "SELECT p.article_id FROM search_pending p JOIN articles a ON a.id = p.article_id "
            "ORDER BY a.ingested_at, a.rowid")).scalars())
    if ids is not None:
        queued = set(wanted)
        wanted += [i for i in dict.fromkeys(ids) if i not in queued]
    done = 0
    select_rows = text("SELECT id, title, text, language FROM articles WHERE id IN :ids").bindparams(
        bindparam("ids", expanding=True))
    for i in range(0, len(wanted), _BATCH):
        chunk = wanted[i:i + _BATCH]
        with store.engine.connect() as conn:
            rows = conn.execute(select_rows, {"ids": chunk}).all()
        position = {article_id: i for i, article_id in enumerate(chunk)}
        docs = [(row.id, stemmed_copy(row.title, row.language), stemmed_copy(row.text, row.language))
                for row in sorted(rows, key=lambda r: position[r.id])]
        with store.engine.begin() as conn:
            _remove(conn, chunk)
            for article_id, title, body in docs:
                rowid = conn.execute(text(
                    "INSERT INTO search_docs (article_id, stemmer) VALUES (:a, :v) RETURNING rowid"),
                    {"a": article_id, "v": STEMMER_VERSION}).scalar_one()
                conn.execute(text("INSERT INTO article_fts (rowid, title, body) VALUES (:r, :t, :b)"),
                             {"r": rowid, "t": title, "b": body})
            conn.execute(text("DELETE FROM search_pending WHERE article_id IN :ids").bindparams(
                bindparam("ids", expanding=True)), {"ids": chunk})
        done += len(docs)
    return done


def _remove(conn: Any, ids: Sequence[str]) -> None:
    expanding = bindparam("ids", expanding=True)
    conn.execute(text("DELETE FROM article_fts WHERE rowid IN "
                      "(SELECT rowid FROM search_docs WHERE article_id IN :ids)").bindparams(expanding),
                 {"ids": list(ids)})
    conn.execute(text("DELETE FROM search_docs WHERE article_id IN :ids").bindparams(
        bindparam("ids", expanding=True)), {"ids": list(ids)})


def pending_count(store: Any) -> int:
    if not _is_sqlite(store):
        return 0
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM search_pending")).scalar_one()


def ensure_indexed(store: Any) -> int:
    """Index the queued articles, if any (cheap when the queue is empty)."""
    if not _is_sqlite(store):
        return 0
    with store.engine.connect() as conn:
        queued = conn.execute(text("SELECT 1 FROM search_pending LIMIT 1")).first()
    return index_articles(store) if queued else 0


# --- searching ----------------------------------------------------------------------------------


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


def search(store: Any, query: str, *, limit: int = 20, offset: int = 0, story: str | None = None,
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
    if _is_sqlite(store):
        ensure_indexed(store)
        params["q"] = fts5_expression(terms)
        base = ("FROM article_fts f JOIN search_docs d ON d.rowid = f.rowid "
                "JOIN articles a ON a.id = d.article_id WHERE article_fts MATCH :q" + extra)
        ranked = (f"SELECT a.id, bm25(article_fts, 3.0, 1.0) AS score {base} "
                  "ORDER BY score, a.id LIMIT :limit OFFSET :offset")
        recent = f"SELECT a.id, 0.0 AS score {base} ORDER BY f.rowid DESC LIMIT :limit OFFSET :offset"
        count = f"SELECT 1 {base}" if extra else "SELECT 1 FROM article_fts WHERE article_fts MATCH :q"
    elif store.dialect == "postgresql":
        params["q"] = query
        tsq = ("(websearch_to_tsquery('german', :q) || websearch_to_tsquery('english', :q) || "
               "websearch_to_tsquery('simple', :q))")
        base = f"FROM articles a WHERE a.search_vector @@ {tsq}" + extra
        ranked = (f"SELECT a.id, -ts_rank(a.search_vector, {tsq}) AS score {base} "
                  "ORDER BY score, a.id LIMIT :limit OFFSET :offset")
        recent = (f"SELECT a.id, 0.0 AS score {base} ORDER BY a.published DESC NULLS LAST, a.id "
                  "LIMIT :limit OFFSET :offset")
        count = f"SELECT 1 {base}"
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported stores
        raise SearchError(f"full-text search is not available on {store.dialect}")
    with store.engine.connect() as conn:
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


class Search:
    """Full-text search as store methods (a mixin of the SQL store; needs ``self.engine``)."""

    engine: Engine
    dialect: str

    def search(self, query: str, *, limit: int = 20, offset: int = 0, story: str | None = None,
               language: str | None = None, order: str = "auto") -> SearchResult:
        """Articles matching every word of ``query`` (see :func:`search`)."""
        return search(self, query, limit=limit, offset=offset, story=story, language=language, order=order)

    def index_articles(self, ids: Iterable[str] | None = None) -> int:
        """Index the queued articles and ``ids`` (see :func:`index_articles`)."""
        return index_articles(self, ids)

    def pending_search_count(self) -> int:
        """How many articles wait to be indexed (0 where the index keeps itself in step)."""
        return pending_count(self)

    def ensure_indexed(self) -> int:
        return ensure_indexed(self)
