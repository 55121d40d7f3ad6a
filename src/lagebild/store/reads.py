"""The reads behind the API, the web page, the report and the CLI (a mixin of the SQL store).

Each method is one indexed query (or a few) and returns plain values or read-only rows with
attribute access; :mod:`lagebild.services.queries` shapes them into the JSON-ready documents.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, and_, bindparam, func, or_, select, true, type_coerce

from lagebild.store import schema as t
from lagebild.store.schema import JSONText


def _like_safe(value: str) -> str:
    return value.replace("%", "").replace("_", "\\_").replace('"', "")


def _fact_conditions(type: str | None, status: str | None, story: str | None, entity: str | None,
                     least: float | None = None) -> Any:
    cond = []
    if least is not None:  # an event behind it at least this sure, or one of the rules (they give none)
        cond.append(or_(t.facts.c.rules.is_(True), t.facts.c.confidence >= least))
    if type:
        cond.append(t.facts.c.type == type.upper())
    if status:
        cond.append(t.facts.c.status == status)
    if story:
        cond.append(t.facts.c.story_id == story)
    if entity:  # the ids a fact's data names, between spaces: the match is exact
        cond.append(t.facts.c.named_ids.like(f"% {_like_safe(entity)} %", escape="\\"))
    return and_(true(), *cond)


_FACT_ORDER = (t.facts.c.independent_origins.desc(), t.facts.c.first_reported, t.facts.c.id)
#: the facts' filter and list order, for the other read mixins (the workbench's)
fact_conditions, FACT_ORDER = _fact_conditions, _FACT_ORDER


# --- statements built once: building a statement costs more than running it on a warm store -----

def _ids(column: Any) -> Any:
    return column.in_(bindparam("ids", expanding=True))


_STORY_ROW = select(t.stories).where(t.stories.c.id == bindparam("id"))
_STORY_TITLE = select(t.stories.c.title).where(t.stories.c.id == bindparam("id"))
_SUMMARY_ROW = select(t.summaries).where(t.summaries.c.story_id == bindparam("id"))
_ENTITY_ROW = select(t.entities).where(t.entities.c.id == bindparam("id"))
_ENTITY_ROWS = select(t.entities.c.id, t.entities.c.name, t.entities.c.type,
                      type_coerce(t.entities.c.aliases, JSONText()).label("aliases")).where(_ids(t.entities.c.id))
_MENTION_COUNT = (select(func.count()).select_from(t.mention_entities)
                  .where(t.mention_entities.c.entity_id == bindparam("id")))
_LAYER_OF = (select(t.analyses.c.article_id, type_coerce(t.analyses.c.data, JSONText()))
             .where(t.analyses.c.layer == bindparam("layer"), _ids(t.analyses.c.article_id)))
_ARTICLE_META = (select(t.articles.c.id, t.articles.c.title, t.articles.c.outlet, t.articles.c.published)
                 .where(_ids(t.articles.c.id)))


def _fact_params(type: str | None, status: str | None, story: str | None, entity: str | None,
                 least: float | None) -> dict[str, Any]:
    """The filters given, as the bound values of :func:`_fact_query` (the same conditions as
    :func:`fact_conditions`)."""
    values = {"least": least, "type": type.upper() if type else None, "status": status or None,
              "story": story or None, "entity": f"% {_like_safe(entity)} %" if entity else None}
    return {k: v for k, v in values.items() if v is not None}


@lru_cache(maxsize=128)
def _fact_query(what: str, given: frozenset[str], paged: bool) -> Any:
    """The ids (``what`` "ids", in list order) or the count ("count") of the facts that pass the
    filters named in ``given``, their values bound at run time; a page with ``paged``."""
    f = t.facts.c
    cond = {"least": lambda: or_(f.rules.is_(True), f.confidence >= bindparam("least")),
            "type": lambda: f.type == bindparam("type"), "status": lambda: f.status == bindparam("status"),
            "story": lambda: f.story_id == bindparam("story"),
            "entity": lambda: f.named_ids.like(bindparam("entity"), escape="\\")}
    where = and_(true(), *(cond[k]() for k in sorted(given)))
    if what == "count":
        return select(func.count()).select_from(t.facts).where(where)
    query = select(f.id).where(where).order_by(*_FACT_ORDER)
    return query.limit(bindparam("limit")).offset(bindparam("offset")) if paged else query


class Reads:
    """Reads for the services' queries (needs ``self.engine``)."""

    engine: Engine

    # --- facts --------------------------------------------------------------------------------

    def fact_ids(self, *, type: str | None = None, status: str | None = None, story: str | None = None,
                 entity: str | None = None, least: float | None = None, limit: int | None = None,
                 offset: int = 0) -> list[str]:
        """Ids of the facts that pass the filters (``entity``: an entity id the fact names; ``least``:
        an event behind the fact at least this sure, or one of the rules), most corroborated first,
        then first reported, then id; a page of them with ``limit``."""
        params = _fact_params(type, status, story, entity, least)
        query = _fact_query("ids", frozenset(params), limit is not None)
        if limit is not None:
            params.update(limit=limit, offset=offset)
        with self.engine.connect() as conn:
            return list(conn.execute(query, params).scalars())

    def fact_times(self, *, type: str | None = None, status: str | None = None, story: str | None = None,
                   entity: str | None = None, least: float | None = None) -> list[tuple[str, str]]:
        """(id, time) of the facts with a time that pass the filters, in :meth:`fact_ids` order."""
        query = (select(t.facts.c.id, t.facts.c.time)
                 .where(_fact_conditions(type, status, story, entity, least), t.facts.c.time.is_not(None))
                 .order_by(*_FACT_ORDER))
        with self.engine.connect() as conn:
            return [(r.id, r.time) for r in conn.execute(query)]

    def count_facts(self, *, type: str | None = None, status: str | None = None, story: str | None = None,
                    entity: str | None = None, least: float | None = None) -> int:
        params = _fact_params(type, status, story, entity, least)
        with self.engine.connect() as conn:
            return conn.execute(_fact_query("count", frozenset(params), False), params).scalar_one()

    def discrepancy_rows(self, ids: Sequence[str]) -> list[Any]:
        with self.engine.connect() as conn:
            return conn.execute(select(t.discrepancies).where(t.discrepancies.c.id.in_(list(ids)))).all()

    # --- stories ------------------------------------------------------------------------------

    def stories_page(self, *, limit: int, offset: int) -> tuple[int, list[Any]]:
        """(how many stories, a page of (id, title) rows), newest first by the date of their
        latest article as the link stage records it."""
        last = t.stories.c.data["last"].as_string()
        q = (select(t.stories.c.id, t.stories.c.title).order_by(last.desc().nulls_last(), t.stories.c.id)
             .limit(limit).offset(offset))
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(t.stories)).scalar_one()
            return total, conn.execute(q).all()

    def story_row(self, story_id: str) -> Any | None:
        with self.engine.connect() as conn:
            return conn.execute(_STORY_ROW, {"id": story_id}).first()

    def story_title(self, story_id: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(_STORY_TITLE, {"id": story_id}).scalar()

    def summary_row(self, story_id: str) -> Any | None:
        with self.engine.connect() as conn:
            return conn.execute(_SUMMARY_ROW, {"id": story_id}).first()

    # --- entities -----------------------------------------------------------------------------

    def entity_rows(self, ids: Sequence[str]) -> list[Any]:
        """(id, name, type, aliases) rows of the entities given."""
        with self.engine.connect() as conn:
            return conn.execute(_ENTITY_ROWS, {"ids": list(ids)}).all()

    def entities_of_type(self, type: str | None = None) -> list[Any]:
        """Every entity row (only those of ``type``), by name then id."""
        query = select(t.entities)
        if type:
            query = query.where(t.entities.c.type == type.upper())
        with self.engine.connect() as conn:
            return conn.execute(query.order_by(t.entities.c.name, t.entities.c.id)).all()

    def entity_row(self, entity_id: str) -> Any | None:
        with self.engine.connect() as conn:
            return conn.execute(_ENTITY_ROW, {"id": entity_id}).first()

    def mention_counts(self, entity_ids: Sequence[str]) -> dict[str, int]:
        """Entity id → how many mentions are linked to it (entities without any left out)."""
        with self.engine.connect() as conn:
            return dict(conn.execute(select(t.mention_entities.c.entity_id, func.count())
                                     .where(t.mention_entities.c.entity_id.in_(list(entity_ids)))
                                     .group_by(t.mention_entities.c.entity_id)).all())

    def mention_count(self, entity_id: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(_MENTION_COUNT, {"id": entity_id}).scalar_one()

    def entities_by_mentions(self) -> list[Any]:
        """Every entity row with its mention count ``n`` (None for none), most mentioned first."""
        counts = (select(t.mention_entities.c.entity_id, func.count().label("n"))
                  .group_by(t.mention_entities.c.entity_id).subquery())
        q = (select(t.entities, counts.c.n).outerjoin(counts, counts.c.entity_id == t.entities.c.id)
             .order_by(counts.c.n.desc().nulls_last(), t.entities.c.name))
        with self.engine.connect() as conn:
            return conn.execute(q).all()

    def iter_linked_mentions(self, *, entity: str | None = None, article: str | None = None) -> Iterator[Any]:
        """(article_id, idx, entity_id) rows of the mentions linked to ``entity`` (else those of
        ``article``; both: the entity's mentions in that article), streamed."""
        me = t.mention_entities.c
        mq = select(me.article_id, me.idx, me.entity_id)
        mq = mq.where(me.entity_id == entity) if entity else mq.where(me.article_id == article)
        if article and entity:
            mq = mq.where(me.article_id == article)
        with self.engine.connect() as conn:
            rows = conn.execution_options(yield_per=250).execute(mq)  # a page often needs a few articles
            try:
                yield from rows
            finally:
                rows.close()

    # --- articles -----------------------------------------------------------------------------

    def layer(self, article_id: str, layer: str) -> list[dict[str, Any]]:
        """One analysis layer of one article (empty when absent)."""
        with self.engine.connect() as conn:
            data = conn.execute(select(t.analyses.c.data).where(t.analyses.c.article_id == article_id,
                                                                t.analyses.c.layer == layer)).scalar()
        return list(data or [])

    def layer_of(self, ids: Sequence[str], layer: str) -> dict[str, list[dict[str, Any]]]:
        """One analysis layer of some articles: id → its records (articles without it left out)."""
        with self.engine.connect() as conn:
            return {a: list(data or []) for a, data in conn.execute(_LAYER_OF, {"layer": layer, "ids": list(ids)})}

    def article_meta(self, ids: Sequence[str]) -> dict[str, Any]:
        """Article id → (id, title, outlet, published) row."""
        with self.engine.connect() as conn:
            return {r.id: r for r in conn.execute(_ARTICLE_META, {"ids": list(ids)})}

    def articles_page(self, *, story: str | None = None, outlet: str | None = None, language: str | None = None,
                      limit: int, offset: int) -> tuple[int, list[Any]]:
        """(how many articles pass the filters, a page of their rows), newest first."""
        cond = []
        if story:
            cond.append(t.articles.c.id.in_(select(t.story_articles.c.article_id)
                                            .where(t.story_articles.c.story_id == story)))
        if outlet:
            cond.append(t.articles.c.outlet == outlet)
        if language:
            cond.append(t.articles.c.language == language)
        cols = (t.articles.c.id, t.articles.c.title, t.articles.c.outlet, t.articles.c.published,
                t.articles.c.language, t.articles.c.source, t.articles.c.url)
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(t.articles).where(and_(true(), *cond))).scalar_one()
            rows = conn.execute(select(*cols).where(and_(true(), *cond))
                                .order_by(t.articles.c.published.desc().nulls_last(), t.articles.c.id)
                                .limit(limit).offset(offset)).all()
        return total, rows

    def article_links(self, article_id: str) -> tuple[dict[int, tuple[str, str | None]], dict[int, str], str | None]:
        """What linking made of one article: mention index → (entity id, name), event index →
        fact id, and its story."""
        with self.engine.connect() as conn:
            canon = {r.idx: (r.entity_id, r.name) for r in conn.execute(
                select(t.mention_entities.c.idx, t.mention_entities.c.entity_id, t.entities.c.name)
                .outerjoin(t.entities, t.entities.c.id == t.mention_entities.c.entity_id)
                .where(t.mention_entities.c.article_id == article_id))}
            facts: dict[int, str] = {}
            for r in conn.execute(select(t.fact_events.c.idx, t.fact_events.c.fact_id)
                                  .where(t.fact_events.c.article_id == article_id)
                                  .order_by(t.fact_events.c.idx, t.fact_events.c.fact_id)):
                facts.setdefault(r.idx, r.fact_id)  # a mention of two facts links to the first
            story = conn.execute(select(t.story_articles.c.story_id)
                                 .where(t.story_articles.c.article_id == article_id)).scalar()
        return canon, facts, story
