"""The reads behind the analyst's workbench (a mixin of the SQL store): the facts explorer's
narrow columns and facets and the outlets (the source map sums the stories' views).

Each method is one query over indexed or narrow columns; :mod:`lagebild.services.workbench`
filters, sorts and shapes what they return.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, func, select

from lagebild.store import schema as t
from lagebild.store.corpus import chunks
from lagebild.store.reads import FACT_ORDER, fact_conditions


class Workbench:
    """Reads for the workbench pages (needs ``self.engine``)."""

    engine: Engine

    def fact_facets(self, *, type: str | None = None, status: str | None = None, story: str | None = None,
                    entity: str | None = None, least: float | None = None) -> list[Any]:
        """(id, time, independent_origins, first_reported) rows of the facts that pass the filters
        (those of :meth:`Reads.fact_ids`), most corroborated first, then first reported, then id."""
        f = t.facts.c
        query = (select(f.id, f.time, f.independent_origins, f.first_reported)
                 .where(fact_conditions(type, status, story, entity, least)).order_by(*FACT_ORDER))
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

    def fact_confidences(self, fact_ids: Sequence[str]) -> dict[str, tuple[float | None, bool]]:
        """Fact id → (the highest confidence of the events behind it, None where none has one;
        whether an event without a confidence, a rule's, backs it), as the link stage stored them."""
        f = t.facts.c
        out: dict[str, tuple[float | None, bool]] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(list(fact_ids)):
                for fact, best, rules in conn.execute(select(f.id, f.confidence, f.rules).where(f.id.in_(chunk))):
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
