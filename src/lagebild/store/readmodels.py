"""Read models: per-story and per-fact aggregates that the API and the web page show.

A story page needs how often each entity is mentioned across the story's articles and which
outlets echo which origin; a list of facts needs each fact with its arguments' names, its mention
count and its first few mentions with their outlets.  Built at read time these scan every
mention of a story or a fact, which on a large store costs more than the rest of the page.  The
link stage therefore keeps them in ``story_views`` and ``fact_views`` for what each run wrote
(:func:`lagebild.link.views.refresh`); the reads here return the stored ones and build a missing
story view on the spot with the same query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, bindparam, func, select, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from lagebild.store import schema as t
from lagebild.store.corpus import chunks
from lagebild.store.schema import JSONText

STORY_ENTITIES = 60  # entities listed on a story page
STORY_ARTICLES = 50  # the latest articles listed on a story page (all: /api/v1/articles?story=)


def iso(value: Any) -> str | None:
    """A date (or an ISO string) as text, None as None."""
    return None if value is None else str(value)


# --- the list form of a fact: its data without the mention list ------------------------------


class _JSONPart(FunctionElement):
    """A part of a JSON column, written per dialect (``{}`` stands for the column)."""

    type = JSONText()
    inherit_cache = True
    sqlite = ""
    postgresql = ""


class _without_mentions(_JSONPart):
    """A fact's data without its mention list, which grows with every article that reports it."""

    inherit_cache = True  # SQLAlchemy reads it from each class's own namespace
    name = "without_mentions"
    sqlite = "json_remove({}, '$.mentions')"
    postgresql = "(CAST({} AS jsonb) - 'mentions')"


class _first_mention(_JSONPart):
    inherit_cache = True
    name = "first_mention"
    sqlite = "json_extract({}, '$.mentions[0]')"
    postgresql = "(CAST({} AS jsonb) -> 'mentions' -> 0)"


def _compile_json_part(element: _JSONPart, compiler: Any, **kw: Any) -> str:
    sql = element.postgresql if compiler.dialect.name == "postgresql" else element.sqlite
    return sql.format(compiler.process(element.clauses, **kw))


for _part in (_without_mentions, _first_mention):
    compiles(_part)(_compile_json_part)


def fact_select() -> Any:
    """Fact rows with their data minus the mention list (one JSON value, parsed once) and the
    first mention; a fact reported by thousands of articles costs no more than a small one."""
    cols = [c for c in t.facts.c if c.name != "data"]
    return select(*cols, _without_mentions(t.facts.c.data).label("d_core"),
                  _first_mention(t.facts.c.data).label("d_first_mention"))


def fact_record(row: Any) -> dict[str, Any]:
    """A fact row (whole, or as :func:`fact_select` reads it) as a dict; ``data`` is the stored
    data, with only the first mention in the :func:`fact_select` form."""
    mapping = row._mapping
    if "data" in mapping:
        data = dict(mapping["data"] or {})
    else:
        data = dict(mapping["d_core"] or {})
        if mapping["d_first_mention"] is not None:
            data["mentions"] = [mapping["d_first_mention"]]
    out = {k: v for k, v in mapping.items() if k not in ("data", "d_core", "d_first_mention")}
    out["data"] = data
    return out


class ReadModels:
    """Reads behind the read models (a mixin of the SQL store; needs ``self.engine``)."""

    engine: Engine

    # --- stories ------------------------------------------------------------------------------

    def compute_story_views(self, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Aggregates of the given stories: article and fact counts, first/last publication date,
        the latest articles, the most mentioned entities and, per origin and outlet, the articles
        and facts that echo it."""
        views: dict[str, dict[str, Any]] = {sid: {"article_count": 0, "fact_count": 0, "first_published": None,
                                                  "last_published": None, "entities": [], "sources": [],
                                                  "articles": []} for sid in story_ids}
        sa, me, fe, a = t.story_articles.c, t.mention_entities.c, t.fact_events.c, t.articles.c
        with self.engine.connect() as conn:
            for chunk in chunks(list(story_ids)):
                for r in conn.execute(select(sa.story_id, func.count(), func.min(a.published), func.max(a.published))
                                      .join(t.articles, a.id == sa.article_id).where(sa.story_id.in_(chunk))
                                      .group_by(sa.story_id)):
                    views[r[0]].update(article_count=r[1], first_published=iso(r[2]), last_published=iso(r[3]))
                for sid, n in conn.execute(select(t.facts.c.story_id, func.count())
                                           .where(t.facts.c.story_id.in_(chunk)).group_by(t.facts.c.story_id)):
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
                _latest_articles(conn, chunk, views)
        for view in views.values():
            view["sources"].sort(key=lambda s: (str(s[0]), str(s[1])))
        return views

    def story_views(self, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The stories' views as the link stage stored them; computed here for a story without one."""
        sv = t.story_views.c
        found = self._stored(sv.story_id, sv.data, story_ids)
        missing = [i for i in story_ids if i not in found]
        if missing:
            found.update(self.compute_story_views(missing))
        return found

    # --- facts --------------------------------------------------------------------------------

    def fact_mention_rows(self, fact_ids: Sequence[str], articles: Sequence[str] | None = None) -> list[Any]:
        """Mention rows (fact_id, article_id, idx, origin, outlet, title, published) of the facts,
        only those in ``articles`` when given."""
        fe, a = t.fact_events.c, t.articles.c
        query = (select(fe.fact_id, fe.article_id, fe.idx, fe.origin, a.outlet, a.title, a.published)
                 .outerjoin(t.articles, a.id == fe.article_id))
        out: list[Any] = []
        with self.engine.connect() as conn:
            for chunk in chunks(list(fact_ids)):
                if articles is None:
                    out += conn.execute(query.where(fe.fact_id.in_(chunk))).all()
                else:
                    for part in chunks(list(articles)):
                        out += conn.execute(query.where(fe.fact_id.in_(chunk), fe.article_id.in_(part))).all()
        return out

    def fact_records(self, fact_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The facts as :func:`fact_record` dicts (data with the first mention only)."""
        with self.engine.connect() as conn:
            return [fact_record(r) for chunk in chunks(list(fact_ids))
                    for r in conn.execute(fact_select().where(t.facts.c.id.in_(chunk)))]

    def fact(self, fact_id: str) -> dict[str, Any] | None:
        """One fact as a :func:`fact_record` dict with its whole data."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.facts).where(t.facts.c.id == fact_id)).first()
        return fact_record(row) if row is not None else None

    def entity_names(self, ids: Sequence[str]) -> dict[str, str]:
        """Entity id → canonical name (unknown ids left out)."""
        names: dict[str, str] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(list(ids)):
                names.update(conn.execute(select(t.entities.c.id, t.entities.c.name)
                                          .where(t.entities.c.id.in_(chunk))).all())
        return names

    def fact_view_previews(self, fact_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The stored preview (mention count, first mentions) of each fact that has one."""
        out = {}
        with self.engine.connect() as conn:
            for chunk in chunks(list(fact_ids)):
                fv = t.fact_views.c
                for r in conn.execute(select(fv.fact_id, fv.mention_count,
                                             type_coerce(fv.mentions, JSONText()).label("m"))
                                      .where(fv.fact_id.in_(chunk))):
                    out[r.fact_id] = {"mention_count": r.mention_count, "mentions": r.m or []}
        return out

    def stored_fact_docs(self, fact_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The list form of each fact the link stage stored one for."""
        fv = t.fact_views.c
        return self._stored(fv.fact_id, fv.doc, fact_ids)

    def all_ids(self, table: str) -> list[str]:
        """Every id of ``stories`` or ``facts``."""
        tab = {"stories": t.stories, "facts": t.facts}[table]
        with self.engine.connect() as conn:
            return list(conn.execute(select(tab.c.id)).scalars())

    def _stored(self, key: Any, value: Any, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The JSON ``value`` stored for each id (ids without one left out)."""
        found: dict[str, dict[str, Any]] = {}
        query = _stored_query(key, value)
        with self.engine.connect() as conn:
            for chunk in chunks(list(ids)):
                for k, v in conn.execute(query, {"ids": chunk}):
                    found[k] = v
        return found


@lru_cache(maxsize=16)
def _stored_query(key: Any, value: Any) -> Any:
    """(key, JSON value) of the rows whose key is in the bound list ``ids`` (built once: building
    costs more than running it)."""
    return select(key, type_coerce(value, JSONText())).where(key.in_(bindparam("ids", expanding=True)))


def _latest_articles(conn: Any, story_ids: Sequence[str], views: dict[str, dict[str, Any]]) -> None:
    """Each story's :data:`STORY_ARTICLES` latest articles (undated ones last)."""
    sa, a = t.story_articles.c, t.articles.c
    rank = func.row_number().over(partition_by=sa.story_id,
                                  order_by=(a.published.is_(None), a.published.desc(), a.id)).label("rank")
    ranked = (select(sa.story_id, a.id, a.title, a.outlet, a.published, a.language, rank)
              .join(t.articles, a.id == sa.article_id).where(sa.story_id.in_(story_ids)).subquery())
    for r in conn.execute(select(ranked).where(ranked.c.rank <= STORY_ARTICLES)
                          .order_by(ranked.c.story_id, ranked.c.rank)):
        views[r.story_id]["articles"].append(
            {"id": r.id, "title": r.title, "outlet": r.outlet, "published": iso(r.published), "language": r.language})
