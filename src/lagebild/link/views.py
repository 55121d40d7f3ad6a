"""Read models: per-story and per-fact aggregates that the API and the web page show.

A story page needs how often each entity is mentioned across the story's articles and which
outlets echo which origin; a list of facts needs each fact's mention count and its first few
mentions with their outlets.  Counted at read time these scan every mention of a story or a
fact, which on a large store costs more than the rest of the page.  The link stage therefore
keeps them in ``story_views`` and ``fact_views`` for what each run touched (:func:`refresh`);
the API reads them and computes a missing one on the spot with the same functions.

Stories are recounted in full (their articles and facts are few, and merges can move mentions);
a fact's preview is updated from its old preview plus the mentions this run added, since in an
incremental run mentions are only ever added (a change to a linked article makes the run full).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, type_coerce

from lagebild.store import schema as t
from lagebild.store.schema import JSONText

STORY_ENTITIES = 60  # entities listed on a story page
MENTIONS_PER_FACT = 5  # mentions shown with a fact in lists (its own page shows all)
_CHUNK = 400


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _iso(value: Any) -> str | None:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


# --- stories ------------------------------------------------------------------------------------

def story_views(conn: Any, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Aggregates of the given stories: article and fact counts, first/last publication date,
    the most mentioned entities and, per origin and outlet, the articles and facts that echo it."""
    views: dict[str, dict[str, Any]] = {sid: {"article_count": 0, "fact_count": 0, "first_published": None,
                                              "last_published": None, "entities": [], "sources": []}
                                        for sid in story_ids}
    sa, me, fe, a = t.story_articles.c, t.mention_entities.c, t.fact_events.c, t.articles.c
    for chunk in _chunks(list(story_ids)):
        for r in conn.execute(select(sa.story_id, func.count(), func.min(a.published), func.max(a.published))
                              .join(t.articles, a.id == sa.article_id).where(sa.story_id.in_(chunk))
                              .group_by(sa.story_id)):
            views[r[0]].update(article_count=r[1], first_published=_iso(r[2]), last_published=_iso(r[3]))
        for sid, n in conn.execute(select(t.facts.c.story_id, func.count()).where(t.facts.c.story_id.in_(chunk))
                                   .group_by(t.facts.c.story_id)):
            views[sid]["fact_count"] = n
        counts: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for sid, entity, n in conn.execute(
                select(sa.story_id, me.entity_id, func.count())
                .join(t.story_articles, sa.article_id == me.article_id)
                .where(sa.story_id.in_(chunk)).group_by(sa.story_id, me.entity_id)):
            counts[sid].append((-n, entity))
        for sid, pairs in counts.items():
            views[sid]["entities"] = [[entity, -n] for n, entity in sorted(pairs)[:STORY_ENTITIES]]
        for sid, origin, outlet, n, facts in conn.execute(
                select(t.facts.c.story_id, fe.origin, a.outlet, func.count(func.distinct(a.id)),
                       func.count(func.distinct(fe.fact_id)))
                .join(t.facts, t.facts.c.id == fe.fact_id).join(t.articles, a.id == fe.article_id)
                .where(t.facts.c.story_id.in_(chunk)).group_by(t.facts.c.story_id, fe.origin, a.outlet)):
            views[sid]["sources"].append([origin, outlet, n, facts])
    for view in views.values():
        view["sources"].sort(key=lambda s: (str(s[0]), str(s[1])))
    return views


# --- facts --------------------------------------------------------------------------------------

def _mention_key(m: dict[str, Any]) -> tuple[str, str, int]:
    return (m["published"] or "9999", m["article"], m["idx"])


def _mention_rows(conn: Any, fact_ids: Sequence[str], articles: Sequence[str] | None) -> Iterable[Any]:
    fe, a = t.fact_events.c, t.articles.c
    query = (select(fe.fact_id, fe.article_id, fe.idx, fe.origin, a.outlet, a.title, a.published)
             .join(t.articles, a.id == fe.article_id))
    for chunk in _chunks(list(fact_ids)):
        if articles is None:
            yield from conn.execute(query.where(fe.fact_id.in_(chunk)))
        else:
            for part in _chunks(list(articles)):
                yield from conn.execute(query.where(fe.fact_id.in_(chunk), fe.article_id.in_(part)))


def fact_previews(conn: Any, fact_ids: Sequence[str], *, added_by: Sequence[str] | None = None,
                  old: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Per fact: its mention count and its first :data:`MENTIONS_PER_FACT` mentions by date.

    Without ``added_by`` every mention is read.  With it, only the mentions in those articles are,
    and they are added to the ``old`` previews (facts without an old preview are read in full).
    """
    old = old or {}
    full = [f for f in fact_ids if added_by is None or f not in old]
    delta = [f for f in fact_ids if added_by is not None and f in old]
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    rows = list(_mention_rows(conn, full, None)) if full else []
    if delta:
        rows += _mention_rows(conn, delta, added_by)
    for r in rows:
        found[r.fact_id].append({"article": r.article_id, "idx": r.idx, "origin": r.origin, "outlet": r.outlet,
                                 "title": r.title, "published": _iso(r.published)})
    out = {}
    for fid in fact_ids:
        base = old.get(fid) if fid in delta else None
        mentions = list(base["mentions"]) if base else []
        seen = {(m["article"], m["idx"]) for m in mentions}
        new = [m for m in found.get(fid, []) if (m["article"], m["idx"]) not in seen]
        mentions = sorted(mentions + new, key=_mention_key)[:MENTIONS_PER_FACT]
        out[fid] = {"mention_count": (base["mention_count"] if base else 0) + len(new), "mentions": mentions}
    return out


def read_fact_views(conn: Any, fact_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for chunk in _chunks(list(fact_ids)):
        fv = t.fact_views.c
        for r in conn.execute(select(fv.fact_id, fv.mention_count, type_coerce(fv.mentions, JSONText()).label("m"))
                              .where(fv.fact_id.in_(chunk))):
            out[r.fact_id] = {"mention_count": r.mention_count, "mentions": r.m or []}
    return out


# --- writing ------------------------------------------------------------------------------------

def refresh(conn: Any, *, stories: Iterable[str], facts: Iterable[str],
            added_by: Sequence[str] | None = None) -> dict[str, int]:
    """Recompute the views of the given stories and facts (inside the caller's transaction).

    ``added_by``: the articles this run linked, when the run was incremental (None: a full run,
    every mention is counted afresh).
    """
    story_ids, fact_ids = sorted(set(stories)), sorted(set(facts))
    old = read_fact_views(conn, fact_ids) if added_by is not None else {}
    previews = fact_previews(conn, fact_ids, added_by=added_by, old=old)
    for chunk in _chunks(fact_ids):
        conn.execute(delete(t.fact_views).where(t.fact_views.c.fact_id.in_(chunk)))
    rows = [{"fact_id": fid, **view} for fid, view in previews.items()]
    for chunk in _chunks(rows):
        conn.execute(insert(t.fact_views), chunk)
    views = story_views(conn, story_ids)
    for chunk in _chunks(story_ids):
        conn.execute(delete(t.story_views).where(t.story_views.c.story_id.in_(chunk)))
    rows = [{"story_id": sid, "data": view} for sid, view in views.items()]
    for chunk in _chunks(rows):
        conn.execute(insert(t.story_views), chunk)
    return {"stories": len(story_ids), "facts": len(fact_ids)}


def refresh_all(conn: Any) -> dict[str, int]:
    """Recompute every view from scratch (after a full re-link or a bulk load)."""
    conn.execute(delete(t.fact_views))
    conn.execute(delete(t.story_views))
    stories = list(conn.execute(select(t.stories.c.id)).scalars())
    facts = list(conn.execute(select(t.facts.c.id)).scalars())
    return refresh(conn, stories=stories, facts=facts)
