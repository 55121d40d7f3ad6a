"""Read-only queries over the store for the REST API and the web page (one place, both views).

Every function takes a :class:`~lagebild.store.Store` and returns plain JSON-ready dicts.  Lists
come as :class:`Page` (items, total, limit, offset).  Queries touch indexed columns only, so a
story page or a page of facts stays fast on a store of 100k articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Text, and_, cast, func, select, true, type_coerce

from lagebild.model import events as events_model
from lagebild.link import views
from lagebild.model import timevalue
from lagebild.store import schema as t
from lagebild.store.schema import JSONText

STORY_FACTS = 200  # facts shown on a story page (the rest are one page further)



@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "limit": self.limit, "offset": self.offset}


def arg_values(arg: Any) -> list[dict[str, Any]]:
    """One fact/event argument (a dict, a list of dicts, or a bare value) as a list of dicts."""
    if arg is None:
        return []
    if isinstance(arg, list):
        return [v for a in arg for v in arg_values(a)]
    if isinstance(arg, dict):
        return [arg]
    return [{"text": str(arg), "value": arg}]


def arg_label(arg: dict[str, Any]) -> str:
    value = arg.get("name") or arg.get("text")
    return str(value if value is not None else arg.get("value", ""))


def fact_roles(fact: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """who / whom / what / quantity of a fact, each a list of argument dicts."""
    args = fact.get("args") or {}
    etype = events_model.TYPES.get(fact.get("type", ""))
    pick = lambda roles: [v for r in roles for v in arg_values(args.get(r))]  # noqa: E731
    side = (lambda name: etype.side(name)) if etype else (lambda name: ())  # noqa: E731
    return {"who": pick(side("who")), "whom": pick(side("whom")), "what": pick(side("what")),
            "quantity": pick(("quantity",))}


# --- facts ----------------------------------------------------------------------------------------


def _facts(conn: Any, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Fact rows (of :func:`views.fact_select`) as dicts with all their mentions (a fact's own page)."""
    ids = [r.id for r in rows]
    events = views.fact_mentions(conn, ids)
    datas = [views.fact_data(r) for r in rows]
    names = views.entity_names(conn, datas)
    facts = [views.fact_doc(r, events.get(r.id, ()), names, data) for r, data in zip(rows, datas)]
    for fact in facts:
        fact["mention_count"] = len(fact["mentions"])
    return facts


def list_facts(store: Any, *, type: str | None = None, entity: str | None = None, status: str | None = None,
               story: str | None = None, since: str | None = None, until: str | None = None,
               limit: int = 50, offset: int = 0) -> Page:
    """Facts, most corroborated first; ``since``/``until`` keep facts whose time overlaps the range."""
    cond = []
    if type:
        cond.append(t.facts.c.type == type.upper())
    if status:
        cond.append(t.facts.c.status == status)
    if story:
        cond.append(t.facts.c.story_id == story)
    if entity:  # a fact names its entities (ids) in its data; ids are hashes, so the match is exact
        cond.append(cast(t.facts.c.data, Text).like(f'%"{_like_safe(entity)}"%', escape="\\"))
    order = (t.facts.c.independent_origins.desc(), t.facts.c.first_reported, t.facts.c.id)
    with store.engine.connect() as conn:
        if since or until:
            window = timevalue.window(since, until)
            rows = conn.execute(select(t.facts.c.id, t.facts.c.time).where(and_(true(), *cond), t.facts.c.time.is_not(None))
                                .order_by(*order)).all()
            ids = [r.id for r in rows if timevalue.in_window(r.time, window)]
            total, page_ids = len(ids), ids[offset:offset + limit]
        elif entity:  # one scan of the facts' data: take every matching id, count and slice here
            ids = list(conn.execute(select(t.facts.c.id).where(and_(true(), *cond)).order_by(*order)).scalars())
            total, page_ids = len(ids), ids[offset:offset + limit]
        else:
            total = conn.execute(select(func.count()).select_from(t.facts).where(and_(true(), *cond))).scalar_one()
            # sort the narrow columns only, then fetch the page's rows (their JSON can be large)
            page_ids = list(conn.execute(select(t.facts.c.id).where(and_(true(), *cond)).order_by(*order)
                                         .limit(limit).offset(offset)).scalars())
        docs = views.read_fact_docs(conn, page_ids)
    return Page([docs[i] for i in page_ids if i in docs], total, limit, offset)


def _like_safe(value: str) -> str:
    return value.replace("%", "").replace("_", "\\_").replace('"', "")


def get_fact(store: Any, fact_id: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.facts).where(t.facts.c.id == fact_id)).first()
        if row is None:
            return None
        fact = _facts(conn, [row])[0]
    for mention in fact["mentions"]:  # the sentence of each mention, with its offsets
        layer = store.load_layers(mention["article"]).get("events", [])
        if 0 <= mention["event"] < len(layer):
            ev = layer[mention["event"]]
            mention.update(start=ev.get("start"), end=ev.get("end"), text=ev.get("text"), status=ev.get("status"))
    return fact


# --- stories --------------------------------------------------------------------------------------


def list_stories(store: Any, *, limit: int = 50, offset: int = 0) -> Page:
    """Stories, newest first (by the date of their latest article as the link stage records it),
    with article and fact counts and their first and last publication dates."""
    last = t.stories.c.data["last"].as_string()
    q = (select(t.stories.c.id, t.stories.c.title).order_by(last.desc().nulls_last(), t.stories.c.id)
         .limit(limit).offset(offset))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(t.stories)).scalar_one()
        rows = conn.execute(q).all()
        found = views.read_story_views(conn, [r.id for r in rows])
    items = [{"id": r.id, "title": r.title, "articles": found[r.id]["article_count"], "facts": found[r.id]["fact_count"],
              "first_published": found[r.id]["first_published"], "last_published": found[r.id]["last_published"]}
             for r in rows]
    return Page(items, total, limit, offset)


def get_story(store: Any, story_id: str) -> dict[str, Any] | None:
    """Everything a story page shows: summary, facts, timeline, entities, sources, articles, graph data."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.stories).where(t.stories.c.id == story_id)).first()
        if row is None:
            return None
        view = views.read_story_views(conn, [story_id])[story_id]
        fact_ids = list(conn.execute(select(t.facts.c.id).where(t.facts.c.story_id == story_id)
                                     .order_by(t.facts.c.independent_origins.desc(), t.facts.c.first_reported,
                                               t.facts.c.id).limit(STORY_FACTS)).scalars())
        docs = views.read_fact_docs(conn, fact_ids)
        facts = [docs[i] for i in fact_ids if i in docs]
        counts = {entity: n for entity, n in view["entities"]}
        wanted = set(counts) | _fact_entity_ids(facts)
        ent = t.entities.c
        entity_rows = conn.execute(select(ent.id, ent.name, ent.type, type_coerce(ent.aliases, JSONText()).label("aliases"))
                                   .where(ent.id.in_(list(wanted)))).all() if wanted else []
        summary = conn.execute(select(t.summaries).where(t.summaries.c.story_id == story_id)).first()
        discrepancies = _discrepancies(conn, facts)
    entities = sorted(({"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases or []),
                        "mentions": counts.get(e.id, 0)} for e in entity_rows),
                      key=lambda e: (-e["mentions"], e["name"]))
    data = dict(row.data or {})
    return {
        "id": row.id, "title": row.title, "data": data,
        "summary": _summary(summary),
        "articles": view.get("articles", []),
        "article_count": view["article_count"],
        "facts": facts, "fact_count": view["fact_count"],
        "timeline": timeline(facts),
        "entities": entities,
        "sources": _sources(view["sources"], views.origin_labels(facts)),
        "discrepancies": discrepancies,
    }


def _fact_entity_ids(facts: Iterable[dict[str, Any]]) -> set[str]:
    ids = set()
    for fact in facts:
        for arg in (fact.get("args") or {}).values():
            ids.update(v["entity"] for v in arg_values(arg) if v.get("entity"))
    return ids


def _summary(row: Any) -> dict[str, Any] | None:
    if row is None:
        return None
    data = row.data
    sentences = data.get("sentences", []) if isinstance(data, dict) else list(data or [])
    return {"language": row.language, "sentences": [s for s in sentences if isinstance(s, dict)]}


def _sources(rows: Iterable[Sequence[Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Per origin: the outlets that echo it, with article and fact counts (most echoed first);
    ``rows`` are (origin key, outlet, articles, facts) as a story's view lists them."""
    by_origin: dict[str, dict[str, Any]] = {}
    for key, outlet, n, n_facts in rows:
        origin = labels.get(key or "", key) or "(unknown origin)"
        entry = by_origin.setdefault(origin, {"origin": origin, "key": key, "outlets": [], "articles": 0})
        entry["outlets"].append({"outlet": outlet or "(unknown outlet)", "articles": n, "facts": n_facts})
        entry["articles"] += n
    for entry in by_origin.values():
        entry["outlets"].sort(key=lambda o: (-o["articles"], o["outlet"]))
    return sorted(by_origin.values(), key=lambda e: (-len(e["outlets"]), -e["articles"], e["origin"]))


def _discrepancies(conn: Any, facts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Discrepancies that involve the given facts (each fact lists its discrepancy ids)."""
    ids = sorted({d for f in facts for d in (f.get("discrepancies") or []) if isinstance(d, str)})
    if not ids:
        return []
    rows = conn.execute(select(t.discrepancies).where(t.discrepancies.c.id.in_(ids))).all()
    return [{"id": r.id, "kind": r.kind, "facts": (r.data or {}).get("facts", []),
             "detail": (r.data or {}).get("detail")} for r in rows]


def timeline(facts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts with a time, ordered on the time axis (start of their interval, then the coarser first)."""
    entries = [{"time": f["time"], "fact": f["id"], "label": f["label"], "type": f["type"], "span": f["time_span"]}
               for f in facts if f.get("time_span")]
    return sorted(entries, key=lambda e: (e["span"]["start"], e["span"]["end"], e["fact"]))


# --- entities and quotes --------------------------------------------------------------------------


def list_entities(store: Any, *, q: str | None = None, type: str | None = None,
                  limit: int = 50, offset: int = 0) -> Page:
    """Entities whose name or any alias contains ``q`` (case-insensitive), most mentioned first."""
    cond = []
    if type:
        cond.append(t.entities.c.type == type.upper())
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.entities).where(and_(true(), *cond)).order_by(t.entities.c.name, t.entities.c.id)).all()
    if q:  # in Python: SQLite's lower() folds ASCII only, and JSON may escape umlauts
        needle = q.casefold().strip()
        rows = [r for r in rows if any(needle in str(a).casefold() for a in [r.name, *(r.aliases or [])])]
    total = len(rows)
    page = rows[offset:offset + limit]
    with store.engine.connect() as conn:
        counts = dict(conn.execute(select(t.mention_entities.c.entity_id, func.count())
                                   .where(t.mention_entities.c.entity_id.in_([r.id for r in page]))
                                   .group_by(t.mention_entities.c.entity_id)).all()) if page else {}
    items = [{"id": r.id, "name": r.name, "type": r.type, "aliases": list(r.aliases or []),
              "mentions": counts.get(r.id, 0)} for r in page]
    return Page(items, total, limit, offset)


def get_entity(store: Any, entity_id: str, *, limit: int = 50) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).first()
        if row is None:
            return None
        n = conn.execute(select(func.count()).select_from(t.mention_entities)
                         .where(t.mention_entities.c.entity_id == entity_id)).scalar_one()
    facts = list_facts(store, entity=entity_id, limit=limit)
    quotes = list_quotes(store, speaker=entity_id, limit=limit)
    return {"id": row.id, "name": row.name, "type": row.type, "aliases": list(row.aliases or []),
            "data": row.data or {}, "mentions": n, "facts": facts.to_dict(), "quotes": quotes.to_dict()}


QUOTE_SCAN = 300  # articles looked at per request for a speaker's quotes


def list_quotes(store: Any, *, speaker: str | None = None, article: str | None = None,
                limit: int = 50, offset: int = 0) -> Page:
    """Quotes of one speaker (entity id) or of one article, in the order the articles were stored.

    A speaker's articles are streamed from the entity index; at most :data:`QUOTE_SCAN` of them
    are read per request, and ``total_exact: false`` says when more were left unread.
    """
    items: list[dict[str, Any]] = []
    total, scanned, exact = 0, 0, True
    with store.engine.connect() as conn:
        mq = select(t.mention_entities.c.article_id, t.mention_entities.c.idx, t.mention_entities.c.entity_id)
        mq = mq.where(t.mention_entities.c.entity_id == speaker) if speaker else \
            mq.where(t.mention_entities.c.article_id == article)
        if article and speaker:
            mq = mq.where(t.mention_entities.c.article_id == article)
        mentions = conn.execution_options(yield_per=1000).execute(mq)
        for aid, idxs in _grouped(mentions):
            if scanned >= QUOTE_SCAN:
                exact = False
                break
            scanned += 1
            for qi, quote in enumerate(_quotes_layer(conn, aid)):
                sp = quote.get("speaker") or {}
                entity = idxs.get(sp.get("mention")) if sp.get("mention") is not None else None
                if speaker and entity != speaker:
                    continue
                total += 1
                if offset < total <= offset + limit:
                    items.append({"article": aid, "index": qi, "start": quote["start"], "end": quote["end"],
                                  "text": quote["text"], "kind": quote.get("kind"), "cue": quote.get("cue"),
                                  "speaker": {"entity": entity, "name": sp.get("name") or sp.get("text"),
                                              "start": sp.get("start"), "end": sp.get("end")}})
        mentions.close()
        if article and not speaker and not scanned:  # an article whose speakers were not linked
            for qi, quote in enumerate(_quotes_layer(conn, article)):
                total += 1
                if offset < total <= offset + limit:
                    sp = quote.get("speaker") or {}
                    items.append({"article": article, "index": qi, "start": quote["start"], "end": quote["end"],
                                  "text": quote["text"], "kind": quote.get("kind"), "cue": quote.get("cue"),
                                  "speaker": {"entity": None, "name": sp.get("name") or sp.get("text"),
                                              "start": sp.get("start"), "end": sp.get("end")}})
        meta = {r.id: r for r in conn.execute(
            select(t.articles.c.id, t.articles.c.title, t.articles.c.outlet, t.articles.c.published)
            .where(t.articles.c.id.in_(sorted({i["article"] for i in items}))))} if items else {}
        names = dict(conn.execute(select(t.entities.c.id, t.entities.c.name).where(t.entities.c.id.in_(
            sorted({i["speaker"]["entity"] for i in items if i["speaker"]["entity"]})))).all()) if items else {}
    for item in items:
        m = meta.get(item["article"])
        item.update(title=m.title if m else None, outlet=m.outlet if m else None,
                    published=views.iso(m.published) if m else None)
        item["speaker"]["name"] = names.get(item["speaker"]["entity"]) or item["speaker"]["name"]
    page = Page(items, total, limit, offset)
    return page if exact else _Inexact(items, total, limit, offset)


@dataclass(frozen=True)
class _Inexact(Page):
    def to_dict(self) -> dict[str, Any]:
        return {**super().to_dict(), "total_exact": False}


def _grouped(rows: Iterable[Any]) -> Iterable[tuple[str, dict[int, str]]]:
    """Consecutive mention rows of one article → (article id, {mention index: entity id})."""
    current: str | None = None
    idxs: dict[int, str] = {}
    for r in rows:
        if r.article_id != current:
            if current is not None:
                yield current, idxs
            current, idxs = r.article_id, {}
        idxs[r.idx] = r.entity_id
    if current is not None:
        yield current, idxs


def _quotes_layer(conn: Any, article_id: str) -> list[dict[str, Any]]:
    data = conn.execute(select(t.analyses.c.data).where(t.analyses.c.article_id == article_id,
                                                        t.analyses.c.layer == "quotes")).scalar()
    return list(data or [])


# --- articles -------------------------------------------------------------------------------------


def list_articles(store: Any, *, story: str | None = None, outlet: str | None = None,
                  language: str | None = None, limit: int = 50, offset: int = 0) -> Page:
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
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(t.articles).where(and_(true(), *cond))).scalar_one()
        rows = conn.execute(select(*cols).where(and_(true(), *cond))
                            .order_by(t.articles.c.published.desc().nulls_last(), t.articles.c.id)
                            .limit(limit).offset(offset)).all()
    items = [{"id": r.id, "title": r.title, "outlet": r.outlet, "published": views.iso(r.published),
              "language": r.language, "source": r.source, "url": r.url} for r in rows]
    return Page(items, total, limit, offset)


def get_article(store: Any, article_id: str) -> dict[str, Any] | None:
    """The article text with the spans of every extracted item (offsets into ``text``)."""
    article = store.get_article(article_id)
    if article is None:
        return None
    layers = store.load_layers(article_id)
    with store.engine.connect() as conn:
        canon = {r.idx: (r.entity_id, r.name) for r in conn.execute(
            select(t.mention_entities.c.idx, t.mention_entities.c.entity_id, t.entities.c.name)
            .outerjoin(t.entities, t.entities.c.id == t.mention_entities.c.entity_id)
            .where(t.mention_entities.c.article_id == article_id))}
        facts = {r.idx: r.fact_id for r in conn.execute(
            select(t.fact_events.c.idx, t.fact_events.c.fact_id).where(t.fact_events.c.article_id == article_id))}
        story = conn.execute(select(t.story_articles.c.story_id)
                             .where(t.story_articles.c.article_id == article_id)).scalar()
    return {
        "id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
        "source": article.source, "published": views.iso(article.published),
        "published_inferred": article.published_inferred, "language": article.language, "story": story,
        "text": article.text, "spans": spans(layers, canon, facts),
        "sentences": [{"start": s["start"], "end": s["end"]} for s in layers.get("sentences", [])],
    }


def spans(layers: dict[str, list[dict[str, Any]]], canon: dict[int, tuple[str, str | None]],
          facts: dict[int, str]) -> list[dict[str, Any]]:
    """Every extracted item of one article as a span with its kind and details."""
    out: list[dict[str, Any]] = []
    for i, m in enumerate(layers.get("entities", [])):
        entity, name = canon.get(i, (None, None))
        out.append({"kind": "entity", "index": i, "start": m["start"], "end": m["end"], "text": m["text"],
                    "label": m.get("label"), "entity": entity, "name": name or m.get("name") or m["text"]})
    for i, x in enumerate(layers.get("timexes", [])):
        out.append({"kind": "timex", "index": i, "start": x["start"], "end": x["end"], "text": x["text"],
                    "type": x.get("type"), "value": x.get("value")})
    for i, x in enumerate(layers.get("quantities", [])):
        out.append({"kind": "quantity", "index": i, "start": x["start"], "end": x["end"], "text": x["text"],
                    "value": x.get("value"), "low": x.get("low"), "high": x.get("high"), "unit": x.get("unit"),
                    "approximate": x.get("approximate")})
    for i, x in enumerate(layers.get("quotes", [])):
        sp = x.get("speaker") or {}
        entity = canon.get(sp.get("mention"), (None, None))[0] if sp.get("mention") is not None else None
        out.append({"kind": "quote", "index": i, "start": x["start"], "end": x["end"], "text": x["text"],
                    "quote_kind": x.get("kind"), "speaker": {**sp, "entity": entity}})
        cue = x.get("cue")
        if cue and cue.get("start") is not None:
            out.append({"kind": "cue", "index": i, "start": cue["start"], "end": cue["end"], "text": cue["text"]})
    for i, x in enumerate(layers.get("events", [])):
        out.append({"kind": "event", "index": i, "start": x["start"], "end": x["end"], "text": x["text"],
                    "type": x.get("type"), "status": x.get("status"), "time": x.get("time"),
                    "fact": facts.get(i), "args": x.get("args") or {}})
        trig = x.get("trigger")
        if trig and trig.get("start") is not None:
            out.append({"kind": "trigger", "index": i, "start": trig["start"], "end": trig["end"],
                        "text": trig["text"], "type": x.get("type")})
    out.sort(key=lambda s: (s["start"], -s["end"], s["kind"]))
    return out


def stats(store: Any) -> dict[str, Any]:
    with store.engine.connect() as conn:
        counts = {name: conn.execute(select(func.count()).select_from(t.metadata.tables[name])).scalar_one()
                  for name in ("articles", "stories", "facts", "entities")}
    return counts


__all__ = ["Page", "list_facts", "get_fact", "list_stories", "get_story", "list_entities", "get_entity",
           "list_quotes", "list_articles", "get_article", "timeline", "fact_roles", "arg_values", "arg_label",
           "stats"]


def get_story_title(store: Any, story_id: str) -> str | None:
    with store.engine.connect() as conn:
        return conn.execute(select(t.stories.c.title).where(t.stories.c.id == story_id)).scalar()
