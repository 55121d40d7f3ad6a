"""The link stage and every services query give the same answers on each backend: the store
fixture (SQLite, and PostgreSQL where a server answers) against a SQLite store filled alike."""

from __future__ import annotations

from typing import Any

from lagebild.link import export_sections, link
from lagebild.services import commands, queries
from lagebild.store import Store
from tests.link import scenario


def _filled(store: Store) -> Store:
    for doc in scenario.corpus():
        doc.save(store)
    link(store)
    return store


def _reads(store: Store) -> dict[str, Any]:
    stories = [s["id"] for s in queries.list_stories(store).items]
    facts = queries.list_facts(store, limit=500).items
    entities = queries.list_entities(store, limit=500).items
    articles = queries.list_articles(store, limit=500).items
    return {
        "stories": [queries.get_story(store, s) for s in stories],
        "facts": facts,
        "fact_pages": [queries.get_fact(store, f["id"]) for f in facts],
        "entities": [queries.get_entity(store, e["id"]) for e in entities],
        "articles": [queries.get_article(store, a["id"]) for a in articles],
        "quotes": [queries.list_quotes(store, article=a["id"]).to_dict() for a in articles],
        "by_mentions": queries.list_entities_by_mentions(store),
        "stats": queries.stats(store),
        "search": [h["article"] for h in queries.search(store, "Nordkorea", order="recent").hits],
    }


def test_backends_link_and_read_alike(store: Store, tmp_path: Any) -> None:
    reference = _filled(Store.open(tmp_path / "reference.db"))
    try:
        _filled(store)
        assert export_sections(store) == export_sections(reference)
        assert commands.export_picture(store) == commands.export_picture(reference)
        mine, theirs = _reads(store), _reads(reference)
        assert mine["facts"] and mine["stories"] and mine["entities"]
        for key in theirs:
            if key == "search":  # the backends rank differently; the same articles match
                assert sorted(mine[key]) == sorted(theirs[key])
            else:
                assert mine[key] == theirs[key], key
    finally:
        reference.close()
