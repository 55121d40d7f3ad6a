"""Full-text search: stemming, query parsing, offsets of hits, the index kept in step."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from lagebild.store import search
from lagebild.model import Article
from lagebild.store import Store
from tests.api.conftest import built_store  # noqa: F401  (the API fixture store, shared)


@pytest.mark.parametrize(("query_word", "text_word", "language"), [
    ("Raketen", "Rakete", "de"),
    ("Rakete", "Raketen", "de"),
    ("Lieferungen", "Lieferung", "de"),
    ("Gespräche", "Gespräch", "de"),
    ("Sanktionen", "Sanktion", "de"),
    ("missiles", "missile", "en"),
    ("sanctions", "sanctioned", "en"),
])
def test_search_stem_matches_word_forms(query_word: str, text_word: str, language: str) -> None:
    stems = {s for term in search.parse_query(query_word) for alt in term.stems for s in alt}
    assert search.stem(text_word, language) in stems


def test_search_parse_query_phrases_and_prefixes() -> None:
    terms = search.parse_query('Raketen "Kim Jong Un" Liefer* !!')
    assert [t.words for t in terms] == [("Raketen",), ("Kim", "Jong", "Un"), ("Liefer",)]
    assert terms[2].prefix and not terms[0].prefix
    expression = search.fts5_expression(terms)
    assert '"liefer"*' in expression and '"kim jong un"' in expression


def test_search_empty_query_raises(tmp_path) -> None:
    store = Store.open(tmp_path / "s.db")
    with pytest.raises(search.SearchError, match="no searchable words"):
        store.search("!!! ...")


def test_search_highlights_are_offsets_of_matching_words() -> None:
    text_ = "Die Rakete traf ein Haus. Weitere Raketen folgten."
    terms = search.parse_query("Raketen")
    spans = search.highlights(text_, "de", terms)
    assert [text_[s:e] for s, e in spans] == ["Rakete", "Raketen"]
    snip = search.snippet(text_, spans)
    assert snip["text"] == text_[snip["start"]:snip["end"]]
    assert all(text_[h["start"]:h["end"]].startswith("Rakete") for h in snip["highlights"])


def _store_with(tmp_path, *texts: tuple[str, str]) -> tuple[Store, list[str]]:
    store = Store.open(tmp_path / "s.db")
    ids = []
    for body, language in texts:
        article = Article.create(body, title="Meldung", language=language, published=date(2024, 1, 2))
        store.add_article(article)
        ids.append(article.id)
    return store, ids


def test_search_finds_german_word_forms_and_ranks(tmp_path) -> None:
    store, ids = _store_with(tmp_path, ("Nordkorea lieferte eine Rakete an Russland.", "de"),
                             ("Das Wetter in Berlin bleibt mild.", "de"),
                             ("North Korea supplied missiles to Russia.", "en"))
    result = store.search("Raketen")
    assert result.total == 1 and result.hits[0]["article"] == ids[0]
    assert store.search("missile").hits[0]["article"] == ids[2]
    assert store.search("Russland").total == 1
    assert store.search("Russland Wetter").total == 0


def test_search_orders_by_recency_when_too_many_match(tmp_path, monkeypatch) -> None:
    store, ids = _store_with(tmp_path, ("Die erste Rakete flog.", "de"), ("Die zweite Rakete flog.", "de"),
                             ("Eine Rakete, eine Rakete, noch eine Rakete.", "de"))
    assert store.search("Rakete").order == "relevance"
    assert store.search("Rakete").hits[0]["article"] == ids[2]  # three hits rank first
    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    result = store.search("Rakete")
    assert result.order == "recent" and [h["article"] for h in result.hits] == ids[::-1]
    assert store.search("Rakete", order="relevance").order == "relevance"
    with pytest.raises(search.SearchError, match="order"):
        store.search("Rakete", order="random")


def test_search_indexes_new_articles_lazily(tmp_path) -> None:
    store, _ = _store_with(tmp_path, ("Die Rakete flog weit.", "de"))
    assert store.search("Rakete").total == 1
    late = Article.create("Zwei Raketen wurden abgefangen.", language="de")
    store.add_article(late)  # never passed to index_articles
    assert store.pending_search_count() == 1
    assert store.search("Raketen").total == 2
    assert store.pending_search_count() == 0


def test_search_index_articles_is_idempotent_and_follows_deletes(tmp_path) -> None:
    store, ids = _store_with(tmp_path, ("Die Rakete flog weit.", "de"), ("Ein Panzer fuhr vor.", "de"))
    assert store.index_articles(ids) == 2
    assert store.index_articles(ids) == 2
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM search_docs")).scalar_one() == 2
        assert conn.execute(text("SELECT count(*) FROM article_fts")).scalar_one() == 2
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM articles WHERE id = :i"), {"i": ids[0]})
    assert store.search("Rakete").total == 0
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM article_fts")).scalar_one() == 1


def test_search_filters_by_story_and_language(built_store) -> None:
    path, ids = built_store
    store = Store.open(path)
    assert store.search("Russia", language="en").total == 1
    assert store.search("Nordkorea", story="s1").total >= 2
    assert store.search("Nordkorea", story="s2").total == 0


@pytest.mark.postgres
def test_search_postgres_german_configuration() -> None:
    import uuid

    import sqlalchemy as sa

    admin_url = "postgresql+psycopg://postgres@/postgres?host=/var/run/postgresql"
    try:
        admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            name = f"lagebild_api_{uuid.uuid4().hex[:8]}"
            conn.execute(sa.text(f"CREATE DATABASE {name}"))
    except Exception as exc:  # noqa: BLE001 - no server here
        pytest.skip(f"no PostgreSQL server at {admin_url}: {exc}")
    try:
        store = Store.open(f"postgresql://postgres@/{name}?host=/var/run/postgresql")
        for body, lang in (("Nordkorea lieferte eine Rakete.", "de"), ("North Korea supplied missiles.", "en")):
            store.add_article(Article.create(body, language=lang))
        assert store.search("Raketen").total == 1
        assert store.search("missile").total == 1
        hit = store.search("Raketen").hits[0]
        assert hit["snippet"]["highlights"]
        store.close()
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def test_search_counts_up_to_a_limit_and_says_so(tmp_path, monkeypatch) -> None:
    store, _ = _store_with(tmp_path, *[(f"Nordkorea liefert Raketen, Meldung {i}.", "de") for i in range(5)])
    exact = store.search("Raketen", limit=2)
    assert (exact.total, exact.total_exact, len(exact.hits)) == (5, True, 2)
    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    capped = store.search("Raketen", limit=2, offset=2)
    assert (capped.total, capped.total_exact, len(capped.hits)) == (3, False, 2)
    assert store.search("Raketen", story="none").total_exact  # nothing matches: exact zero


def test_search_highlights_reach_stops_after_the_first_hit() -> None:
    text_ = "Rakete " + "x " * 100 + "Rakete"
    terms = search.parse_query("Rakete")
    assert len(search.highlights(text_, "de", terms)) == 2
    assert len(search.highlights(text_, "de", terms, reach=50)) == 1
