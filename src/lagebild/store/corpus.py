"""What the link stage reads and writes: pending articles, its inverted index, its rows
(entities, stories, facts, link_articles), judgements, and the results of one run.

The link algorithms live in :mod:`lagebild.link`; they reach the database only through these
methods of the :class:`~lagebild.store.base.Store` (mixed into the SQL backends).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import Engine, bindparam, delete, insert, select

from lagebild.store import schema as t
from lagebild.store.bulk import bulk_insert, refresh_statistics

_CHUNK = 400

#: every table the link stage fills (emptied by a full re-link)
LINK_TABLES = (t.mention_entities, t.entities, t.duplicates, t.story_articles, t.stories, t.fact_events,
               t.facts, t.discrepancies, t.summaries, t.link_articles, t.link_index, t.story_views, t.fact_views)
#: the link stage's row tables, by the name it uses
ROW_TABLES = {"entities": t.entities, "stories": t.stories, "facts": t.facts, "link_articles": t.link_articles}


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    """``items`` in slices of ``size`` (IN lists and inserts stay under the drivers' limits)."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


class LinkData:
    """The link stage's reads and writes (a mixin of the SQL store; needs ``self.engine``)."""

    engine: Engine

    # --- what to link -------------------------------------------------------------------------

    def link_pending(self, mark: datetime | None) -> tuple[list[str], list[str], datetime | None]:
        """(never linked, re-analysed since linked) article ids and the newest analysis time seen.

        Only analyses at or after ``mark`` (the newest analysis the last link saw; an indexed
        column) are looked at, so finding what is new costs nothing on a large store.
        """
        runs, la, arts = t.analysis_runs, t.link_articles, t.articles
        query = (select(runs.c.article_id, runs.c.analyzed_at, la.c.linked_at)
                 .select_from(runs.join(arts, arts.c.id == runs.c.article_id)
                              .outerjoin(la, la.c.article_id == runs.c.article_id))
                 .order_by(arts.c.published.is_(None), arts.c.published, arts.c.ingested_at, arts.c.id))
        if mark is not None:
            query = query.where(runs.c.analyzed_at >= mark)
        new, changed = [], []
        newest = mark
        with self.engine.connect() as conn:
            for article, analyzed, linked in conn.execute(query):
                newest = analyzed if newest is None or analyzed > newest else newest
                if linked is None:
                    new.append(article)
                elif analyzed > linked:
                    changed.append(article)
        return new, changed, newest

    def link_meta(self, key: str) -> str | None:
        """A bookkeeping value of the link stage (kept in link_index under kind "meta")."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.link_index.c.ref).where(
                (t.link_index.c.kind == "meta") & (t.link_index.c.key == key))).first()
        return row[0] if row else None

    def has_linked_articles(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(t.link_articles.c.article_id).limit(1)).first() is not None

    def has_entities(self) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(t.entities.c.id).limit(1)).first() is not None

    def clear_link(self) -> None:
        """Empty every table the link stage fills."""
        with self.engine.begin() as conn:
            for table in LINK_TABLES:
                conn.execute(delete(table))

    def layers_of(self, ids: list[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
        """Article id → layer → records, for some articles (all layers)."""
        out: dict[str, dict[str, list[dict[str, Any]]]] = {i: {} for i in ids}
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.analyses.c.article_id, t.analyses.c.layer, t.analyses.c.data)
                                .where(t.analyses.c.article_id.in_(ids)))
            for article, layer, data in rows:
                out[article][layer] = data
        return out

    def article_texts(self, ids: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(ids), 400):
                rows = conn.execute(select(t.articles.c.id, t.articles.c.text)
                                    .where(t.articles.c.id.in_(ids[i:i + 400])))
                out.update({a: text for a, text in rows})
        return out

    # --- judgements ---------------------------------------------------------------------------

    def judgements(self) -> list[tuple[str, str, str]]:
        """Every stored judgement as (a, b, verdict)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.judgements.c.a, t.judgements.c.b, t.judgements.c.verdict)).all()
        return [tuple(r) for r in rows]

    def put_judgement(self, a: str, b: str, verdict: str) -> None:
        """Record (or replace) the judgement on the pair ``a`` < ``b`` (for "speaks_for": the one
        judgement on whom ``a`` speaks for)."""
        with self.engine.begin() as conn:
            j = t.judgements.c
            conn.execute(delete(t.judgements).where((j.a == a) & (j.b == b)))
            if verdict == "speaks_for":
                conn.execute(delete(t.judgements).where((j.a == a) & (j.verdict == "speaks_for")))
            conn.execute(insert(t.judgements).values(a=a, b=b, verdict=verdict, at=_now()))

    # --- the link stage's index and rows -------------------------------------------------------

    def index_refs(self, kind: str, keys: Sequence[str]) -> dict[str, set[str]]:
        """Refs filed under each key of one kind of the link index (keys without refs left out)."""
        found: dict[str, set[str]] = defaultdict(set)
        with self.engine.connect() as conn:
            for chunk in chunks(list(keys)):
                rows = conn.execute(select(t.link_index.c.key, t.link_index.c.ref).where(
                    (t.link_index.c.kind == kind) & t.link_index.c.key.in_(chunk)))
                for key, ref in rows:
                    found[key].add(ref)
        return found

    def link_rows(self, table: str, ids: Sequence[str]) -> list[dict[str, Any]]:
        """Rows of ``entities``, ``stories``, ``facts`` (first_reported as ISO text) or
        ``link_articles`` (its data, with the article as ``id``) by id."""
        tab = ROW_TABLES[table]
        pk = tab.c.article_id if table == "link_articles" else tab.c.id
        out = []
        with self.engine.connect() as conn:
            for chunk in chunks(list(ids)):
                for row in conn.execute(select(tab).where(pk.in_(chunk))):
                    data = dict(row._mapping)
                    if table == "link_articles":
                        data = {"id": data["article_id"], **(data["data"] or {})}
                    elif table == "facts" and data.get("first_reported") is not None:
                        data["first_reported"] = data["first_reported"].isoformat()
                    out.append(data)
        return out

    def story_fact_ids(self, stories: Iterable[str], *, types: tuple[str, ...] | None = None,
                       top: int | None = None) -> set[str]:
        """Ids of the facts of some stories (only ``types``; per story only the ``top`` by origins)."""
        ids: set[str] = set()
        with self.engine.connect() as conn:
            for sid in sorted(stories):
                query = select(t.facts.c.id).where(t.facts.c.story_id == sid)
                if types:
                    query = query.where(t.facts.c.type.in_(types))
                if top:
                    query = query.order_by(t.facts.c.independent_origins.desc()).limit(top)
                ids.update(conn.execute(query).scalars())
        return ids

    def story_members(self, stories: Collection[str]) -> list[tuple[str, str, str | None]]:
        """(article, story, published as ISO text) for the articles of the given stories."""
        query = (select(t.story_articles.c.article_id, t.story_articles.c.story_id, t.articles.c.published)
                 .select_from(t.story_articles.join(t.articles, t.articles.c.id == t.story_articles.c.article_id))
                 .where(t.story_articles.c.story_id.in_(sorted(stories))))
        with self.engine.connect() as conn:
            return [(a, s, _iso(published)) for a, s, published in conn.execute(query)]

    def write_link_state(
        self, *, rows: dict[str, tuple[Sequence[str], Sequence[dict[str, Any]]]],
        dropped_index: Sequence[tuple[str, str, str]], new_index: Sequence[tuple[str, str, str]],
        link_articles: dict[str, dict[str, Any]], mentions: dict[str, list[dict[str, Any]]],
        story_of: dict[str, str], duplicates: dict[str, tuple[str, float]],
        fact_events: dict[tuple[str, int, str], dict[str, Any]],
    ) -> None:
        """Write one link run's changes in one transaction.

        ``rows``: per row table, the ids to delete (removed or rewritten) and the rows to insert;
        ``link_articles``: the articles linked (their mention_entities rows are replaced by
        ``mentions``); ``story_of``/``duplicates``/``fact_events``: new rows, replacing old ones.
        """
        stamp = _now()
        with self.engine.begin() as conn:
            for table in ("entities", "stories", "facts"):
                tab = ROW_TABLES[table]
                gone, dirty = rows.get(table, ((), ()))
                for chunk in chunks(list(gone)):
                    conn.execute(delete(tab).where(tab.c.id.in_(chunk)))
                values = [{c.name: row.get(c.name) for c in tab.columns} for row in dirty]
                if table == "facts":
                    for row in values:
                        if row["first_reported"]:
                            row["first_reported"] = date.fromisoformat(row["first_reported"])
                bulk_insert(conn, tab, values)
            if dropped_index:  # one indexed delete per row (row-value IN lists are not indexed)
                li = t.link_index.c
                conn.execute(delete(t.link_index).where(
                    (li.kind == bindparam("k")) & (li.key == bindparam("y")) & (li.ref == bindparam("r"))),
                    [{"k": k, "y": y, "r": r} for k, y, r in dropped_index])
            bulk_insert(conn, t.link_index, [{"kind": k, "key": key, "ref": ref} for k, key, ref in new_index])
            arts = sorted(link_articles)
            for chunk in chunks(arts):
                conn.execute(delete(t.link_articles).where(t.link_articles.c.article_id.in_(chunk)))
                conn.execute(delete(t.mention_entities).where(t.mention_entities.c.article_id.in_(chunk)))
            bulk_insert(conn, t.link_articles, [{"article_id": a, "linked_at": stamp, "data": link_articles[a]}
                                                for a in arts])
            bulk_insert(conn, t.mention_entities, [row for a in arts for row in mentions.get(a, [])])
            memberships = sorted(story_of.items())
            for chunk in chunks(memberships):
                conn.execute(delete(t.story_articles).where(
                    t.story_articles.c.article_id.in_([a for a, _ in chunk])))
            bulk_insert(conn, t.story_articles, [{"article_id": a, "story_id": s} for a, s in memberships])
            dups = sorted(duplicates.items())
            for chunk in chunks(dups):
                conn.execute(delete(t.duplicates).where(t.duplicates.c.article_id.in_([a for a, _ in chunk])))
            bulk_insert(conn, t.duplicates, [{"article_id": a, "original_id": o, "similarity": s}
                                             for a, (o, s) in dups])
            keys = sorted(fact_events)
            if keys:
                fe = t.fact_events.c
                conn.execute(delete(t.fact_events).where((fe.article_id == bindparam("a")) & (fe.idx == bindparam("i"))),
                             [{"a": a, "i": i} for a, i in sorted({(a, i) for a, i, _ in keys})])
            bulk_insert(conn, t.fact_events, [fact_events[k] for k in keys])
            written = (sum(len(dirty) for _, dirty in rows.values()) + len(new_index) + len(arts) + len(story_of)
                       + len(duplicates) + len(keys) + sum(len(mentions.get(a, [])) for a in arts))
            refresh_statistics(conn, LINK_TABLES, written)

    def write_link_results(
        self, *, views: dict[str, Sequence[Any]], dropped: Sequence[str],
        discrepancies: Sequence[dict[str, Any]], summaries: Sequence[dict[str, Any]], all_views: bool = False,
        done: str | None = None,
    ) -> None:
        """Replace the read models of the facts and stories given (``views``: ``fact_ids`` and
        ``story_ids`` whose rows go, ``fact_views`` and ``story_views`` rows to insert; with
        ``all_views`` every old row goes), drop the ``dropped`` discrepancies and replace the new
        ones and the summaries, and remove the bookkeeping value ``done`` (a mark that these
        results are still to be written), in one transaction."""
        fact_views, story_views = list(views["fact_views"]), list(views["story_views"])
        with self.engine.begin() as conn:
            if done is not None:
                conn.execute(delete(t.link_index).where((t.link_index.c.kind == "meta") & (t.link_index.c.key == done)))
            if all_views:
                conn.execute(delete(t.fact_views))
                conn.execute(delete(t.story_views))
            for chunk in chunks(list(views["fact_ids"])):
                conn.execute(delete(t.fact_views).where(t.fact_views.c.fact_id.in_(chunk)))
            bulk_insert(conn, t.fact_views, fact_views)
            for chunk in chunks(list(views["story_ids"])):
                conn.execute(delete(t.story_views).where(t.story_views.c.story_id.in_(chunk)))
            bulk_insert(conn, t.story_views, story_views)
            if dropped:
                conn.execute(delete(t.discrepancies).where(t.discrepancies.c.id.in_(list(dropped))))
            ids = [d["id"] for d in discrepancies]
            if ids:
                conn.execute(delete(t.discrepancies).where(t.discrepancies.c.id.in_(ids)))
                conn.execute(insert(t.discrepancies), list(discrepancies))
            if summaries:
                conn.execute(delete(t.summaries).where(t.summaries.c.story_id.in_([s["story_id"] for s in summaries])))
                conn.execute(insert(t.summaries), list(summaries))

    # --- reading the link results back --------------------------------------------------------

    def entity_of_mention(self, article_id: str, idx: int) -> dict[str, Any] | None:
        """``{"entity": id, "name": canonical name}`` for one entity mention, or None when unlinked."""
        query = (select(t.entities.c.id, t.entities.c.name)
                 .select_from(t.mention_entities.join(t.entities, t.entities.c.id == t.mention_entities.c.entity_id))
                 .where((t.mention_entities.c.article_id == article_id) & (t.mention_entities.c.idx == idx)))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return {"entity": row.id, "name": row.name} if row else None

    def has_entity(self, entity_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(t.entities.c.id).where(t.entities.c.id == entity_id)).first() is not None

    def link_tables(self) -> dict[str, Any]:
        """Every row the link stage stored, for the export: ``entities`` (by id),
        ``mention_entities`` (by article and index), ``stories``, ``story_articles``, ``facts``,
        ``discrepancies``, ``summaries`` (by id) and ``duplicates`` (by article)."""
        with self.engine.connect() as conn:
            return {
                "entities": {r.id: r for r in conn.execute(select(t.entities))},
                "mention_entities": conn.execute(select(t.mention_entities).order_by(
                    t.mention_entities.c.article_id, t.mention_entities.c.idx)).all(),
                "stories": conn.execute(select(t.stories).order_by(t.stories.c.id)).all(),
                "story_articles": conn.execute(select(t.story_articles)).all(),
                "facts": conn.execute(select(t.facts).order_by(t.facts.c.id)).all(),
                "discrepancies": conn.execute(select(t.discrepancies).order_by(t.discrepancies.c.id)).all(),
                "summaries": conn.execute(select(t.summaries).order_by(t.summaries.c.story_id)).all(),
                "duplicates": {r.article_id: r for r in conn.execute(select(t.duplicates))},
            }

    def mention_entity_names(self) -> dict[tuple[str, int], tuple[str, str]]:
        """(article, mention index) → (entity id, canonical name) for every linked mention."""
        query = (select(t.mention_entities.c.article_id, t.mention_entities.c.idx, t.entities.c.id, t.entities.c.name)
                 .join(t.entities, t.entities.c.id == t.mention_entities.c.entity_id))
        with self.engine.connect() as conn:
            return {(r.article_id, r.idx): (r.id, r.name) for r in conn.execute(query)}

    def story_of_articles(self) -> dict[str, str]:
        """Article id → story id, for every article in a story."""
        with self.engine.connect() as conn:
            return dict(conn.execute(select(t.story_articles.c.article_id, t.story_articles.c.story_id)).all())

    def story_article_ids(self, story_id: str) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(select(t.story_articles.c.article_id)
                                    .where(t.story_articles.c.story_id == story_id)).scalars())
