"""The read models the link stage keeps (story_views, fact_views) match a count from scratch,
whether the articles were linked one at a time or all at once, and the API reads the same
thing with or without them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select

from lagebild.link import link, views
from lagebild.services import queries
from lagebild.store import schema as t
from lagebild.store.base import Store
from tests.link import scenario


def _stored(store: Store) -> tuple[dict[str, Any], ...]:
    with store.engine.connect() as conn:
        stories = {r.story_id: r.data for r in conn.execute(select(t.story_views))}
        fact_ids = list(conn.execute(select(t.facts.c.id)).scalars())
        docs = {r.fact_id: r.doc for r in conn.execute(select(t.fact_views))}
    return stories, store.fact_view_previews(fact_ids), docs


def _from_scratch(store: Store) -> tuple[dict[str, Any], ...]:
    with store.engine.connect() as conn:
        story_ids = list(conn.execute(select(t.stories.c.id)).scalars())
        fact_ids = list(conn.execute(select(t.facts.c.id)).scalars())
    previews = views.fact_previews(store, fact_ids)
    return store.compute_story_views(story_ids), previews, views.fact_docs(store, fact_ids, previews)


def test_views_kept_incrementally_match_a_count_from_scratch(store: Store) -> None:
    for doc in scenario.corpus():
        doc.save(store)
        link(store)
    stories, facts, docs = _stored(store)
    assert stories and facts and docs
    assert (stories, facts, docs) == _from_scratch(store)  # statuses and labels changed by later articles too
    with store.engine.connect() as conn:
        counts = dict(conn.execute(select(t.fact_events.c.fact_id, func.count()).group_by(t.fact_events.c.fact_id)).all())
    assert {f: v["mention_count"] for f, v in facts.items()} == counts
    assert any(v["mention_count"] > 1 for v in facts.values())  # the scenario has corroborated facts


def test_views_after_a_full_relink(store: Store) -> None:
    for doc in scenario.corpus():
        doc.save(store)
    link(store)
    link(store, full=True)
    assert _stored(store) == _from_scratch(store)


def test_preview_keeps_the_earliest_mentions_in_date_order() -> None:
    old = {"f": {"mention_count": 2, "mentions": [
        {"article": "b", "idx": 0, "origin": None, "outlet": None, "title": None, "published": "2024-03-02"},
        {"article": "c", "idx": 1, "origin": None, "outlet": None, "title": None, "published": None}]}}

    class Row:
        def __init__(self, article: str, published: str | None) -> None:
            self.fact_id, self.article_id, self.idx, self.origin = "f", article, 0, None
            self.outlet = self.title = None
            self.published = published

    class FakeStore:
        def fact_mention_rows(self, _facts: Any, _articles: Any = None) -> list[Row]:
            return [Row("a", "2024-03-01"), Row("b", "2024-03-02")]  # b:0 is already counted

    out = views.fact_previews(FakeStore(), ["f"], added_by=["a", "b"], old=old)["f"]
    assert out["mention_count"] == 3
    assert [(m["article"], m["published"]) for m in out["mentions"]] == [
        ("a", "2024-03-01"), ("b", "2024-03-02"), ("c", None)]


def test_api_reads_the_same_without_views(store: Store) -> None:
    for doc in scenario.corpus():
        doc.save(store)
    link(store)
    story_ids = [s["id"] for s in queries.list_stories(store).items]
    with_views = ([queries.get_story(store, s) for s in story_ids], queries.list_facts(store).items,
                  queries.list_stories(store).items)
    with store.engine.begin() as conn:
        conn.execute(delete(t.story_views))
        conn.execute(delete(t.fact_views))
    without = ([queries.get_story(store, s) for s in story_ids], queries.list_facts(store).items,
               queries.list_stories(store).items)
    assert with_views == without
    assert any(story["entities"] and story["sources"] for story in with_views[0])
