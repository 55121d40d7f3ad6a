"""The reads behind the analyst's workbench (a mixin of the SQL store): the facts explorer's
narrow columns and facets and the outlets (the source map sums the stories' views).

Each method is one query over indexed or narrow columns; :mod:`lagebild.services.workbench`
filters, sorts and shapes what they return.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, Float, case, func, select, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from lagebild.store import schema as t
from lagebild.store.corpus import chunks
from lagebild.store.reads import FACT_ORDER, fact_conditions


class _event_confidence(FunctionElement):
    """The ``confidence`` of event number ``idx`` in an article's events layer (a JSON list);
    NULL for an event without one (the rules')."""

    type = Float()
    inherit_cache = True
    name = "event_confidence"


@compiles(_event_confidence)
def _compile_event_confidence(element: _event_confidence, compiler: Any, **kw: Any) -> str:
    data, idx = (compiler.process(c, **kw) for c in element.clauses)
    if compiler.dialect.name == "postgresql":
        return f"CAST((CAST({data} AS jsonb) -> ({idx}) ->> 'confidence') AS double precision)"
    return f"json_extract({data}, '$[' || ({idx}) || '].confidence')"


#: every fact's confidences, each events layer unpacked once and its events looked up in
#: fact_events by its primary key (SQLite: CROSS JOIN keeps that loop order)
_ALL_CONFIDENCES = {
    "sqlite": "SELECT fe.fact_id, MAX(ev.c), MAX(ev.c IS NULL) FROM (SELECT an.article_id AS a, je.key AS idx, "
              "json_extract(je.value, '$.confidence') AS c FROM analyses AS an, json_each(an.data) AS je "
              "WHERE an.layer = 'events') AS ev CROSS JOIN fact_events AS fe ON fe.article_id = ev.a "
              "AND fe.idx = ev.idx GROUP BY fe.fact_id",
    "postgresql": "SELECT fe.fact_id, MAX(ev.c), MAX(CASE WHEN ev.c IS NULL THEN 1 ELSE 0 END) FROM "
                  "(SELECT an.article_id AS a, je.n - 1 AS idx, CAST(je.value ->> 'confidence' AS double precision) "
                  "AS c FROM analyses AS an CROSS JOIN LATERAL jsonb_array_elements(CAST(an.data AS jsonb)) "
                  "WITH ORDINALITY AS je(value, n) WHERE an.layer = 'events') AS ev JOIN fact_events AS fe "
                  "ON fe.article_id = ev.a AND fe.idx = ev.idx GROUP BY fe.fact_id",
}


class Workbench:
    """Reads for the workbench pages (needs ``self.engine``)."""

    engine: Engine

    def fact_facets(self, *, type: str | None = None, status: str | None = None, story: str | None = None,
                    entity: str | None = None) -> list[Any]:
        """(id, time, independent_origins, first_reported) rows of the facts that pass the filters,
        most corroborated first, then first reported, then id."""
        f = t.facts.c
        query = (select(f.id, f.time, f.independent_origins, f.first_reported)
                 .where(fact_conditions(type, status, story, entity)).order_by(*FACT_ORDER))
        with self.engine.connect() as conn:
            return conn.execute(query).all()

    def fact_ids_reported(self, *, outlet: str | None = None, origin: str | None = None) -> set[str]:
        """Ids of the facts with a mention in an article of ``outlet`` and (or) a mention whose
        origin key is ``origin``."""
        fe, a = t.fact_events.c, t.articles.c
        query = select(fe.fact_id).distinct()
        if outlet is not None:
            query = query.join(t.articles, a.id == fe.article_id).where(a.outlet == outlet)
        if origin is not None:
            query = query.where(fe.origin == origin)
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

    def fact_mention_totals(self, fact_ids: Sequence[str]) -> dict[str, int]:
        """Fact id → how many mentions back it (facts without any left out)."""
        fe = t.fact_events.c
        out: dict[str, int] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(list(fact_ids)):
                out.update(conn.execute(select(fe.fact_id, func.count()).where(fe.fact_id.in_(chunk))
                                        .group_by(fe.fact_id)).all())
        return out

    def fact_confidences(self, fact_ids: Sequence[str] | None = None) -> dict[str, tuple[float | None, bool]]:
        """Fact id → (the highest confidence of the events behind it, None where none has one;
        whether an event without a confidence, a rule's, backs it), for ``fact_ids``: their
        mentions' events read one by one; for every fact (None), each events layer read once."""
        if fact_ids is None:
            query: Any = text(_ALL_CONFIDENCES[self.engine.dialect.name])
            parts = [query]
        else:
            fe, an = t.fact_events.c, t.analyses.c
            conf = _event_confidence(an.data, fe.idx)
            query = (select(fe.fact_id, func.max(conf), func.max(case((conf.is_(None), 1), else_=0)))
                     .join(t.analyses, (an.article_id == fe.article_id) & (an.layer == "events"))
                     .group_by(fe.fact_id))
            parts = [query.where(fe.fact_id.in_(c)) for c in chunks(list(fact_ids))]
        out: dict[str, tuple[float | None, bool]] = {}
        with self.engine.connect() as conn:
            for part in parts:
                for fact, best, rules in conn.execute(part):
                    out[fact] = (None if best is None else float(best), bool(rules))
        return out

    def fact_options(self) -> dict[str, list[str]]:
        """The values the facts explorer offers: the fact types and statuses the store holds."""
        f = t.facts.c
        with self.engine.connect() as conn:
            types = list(conn.execute(select(f.type).distinct().order_by(f.type)).scalars())
            statuses = list(conn.execute(select(f.status).where(f.status.is_not(None)).distinct()
                                         .order_by(f.status)).scalars())
        return {"types": types, "statuses": statuses}

    def outlet_rows(self) -> list[Any]:
        """(outlet, articles, first, last) per outlet (None: articles without one), most articles first."""
        a = t.articles.c
        query = (select(a.outlet, func.count().label("articles"), func.min(a.published).label("first"),
                        func.max(a.published).label("last"))
                 .group_by(a.outlet).order_by(func.count().desc(), a.outlet))
        with self.engine.connect() as conn:
            return conn.execute(query).all()
