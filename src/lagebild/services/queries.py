"""Every read the API, the web page, the report and the CLI make (one place, all faces).

Every function takes a :class:`~lagebild.store.Store` and returns plain JSON-ready dicts.  Lists
come as :class:`Page` (items, total, limit, offset).  The store's reads touch indexed columns
only, so a story page or a page of facts stays fast on a store of 100k articles.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from dataclasses import dataclass
from functools import partial
from typing import Any

import anyio.to_thread

from lagebild.model import events as events_model
from lagebild import settings
from lagebild.link import facts as link_facts
from lagebild.link import views
from lagebild.services import labels
from lagebild.model import timevalue
from lagebild.store import Store
from lagebild.store.readmodels import iso
from lagebild.store.search import ORDERS, SearchError, SearchResult, highlights, parse_query

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


def _facts(store: Store, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fact records (of the store) as dicts with all their mentions (a fact's own page)."""
    ids = [r["id"] for r in rows]
    events = views.fact_mentions(store, ids)
    datas = [dict(r["data"]) for r in rows]
    names = views.entity_names(store, datas)
    facts = [views.fact_doc(r, events.get(r["id"], ()), names, data) for r, data in zip(rows, datas)]
    for fact in facts:
        fact["mention_count"] = len(fact["mentions"])
    return facts


def list_facts(store: Store, *, type: str | None = None, entity: str | None = None, status: str | None = None,
               story: str | None = None, since: str | None = None, until: str | None = None,
               min_confidence: float | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Facts, most corroborated first; ``since``/``until`` keep facts whose time overlaps the range;
    ``min_confidence`` those with an event behind them that the extractor is at least that sure
    of (or that the rules found: they give no confidence)."""
    filters = {"type": type, "status": status, "story": story, "entity": entity, "least": min_confidence}
    if since or until:
        window = timevalue.window(since, until)
        ids = [fid for fid, time in store.fact_times(**filters) if timevalue.in_window(time, window)]
        total, page_ids = len(ids), ids[offset:offset + limit]
    else:
        total = store.count_facts(**filters)
        # sort the narrow columns only, then fetch the page's rows (their JSON can be large)
        page_ids = store.fact_ids(**filters, limit=limit, offset=offset)
    docs = views.read_fact_docs(store, page_ids)
    items = [docs[i] for i in page_ids if i in docs]
    _cite_mentions(store, items)
    return Page(items, total, limit, offset)


def _cite_mentions(store: Store, facts: Sequence[dict[str, Any]], *, cite_only: bool = True) -> None:
    """Each mention of the facts gets ``cite`` ("Outlet, date") and ``name`` (its article's; with
    ``cite_only``, only where the citation needs it)."""
    mentions = [m for f in facts for m in f.get("mentions") or []]
    if cite_only:  # a listed mention carries its article's outlet, title and date (an article never
        # changes): the store is read only for those untitled and without an outlet (named by their lead)
        for m in mentions:
            if m.get("title") or m.get("outlet"):
                m["name"] = m.get("title")
                m["cite"] = labels.citation(m.get("outlet"), m.get("published"), name=m["name"])
        mentions = [m for m in mentions if not (m.get("title") or m.get("outlet"))]
    names = labels.article_names(store, [m["article"] for m in mentions], cite_only=cite_only)
    for m in mentions:
        meta = names.get(m["article"]) or {}
        m["name"] = meta.get("name")
        m["cite"] = meta.get("cite") or labels.citation(m.get("outlet"), m.get("published"))


def cite_mentions(store: Store, facts: Sequence[dict[str, Any]]) -> None:
    """Each mention of the facts gets ``cite`` ("Outlet, date") and, where the citation needs it,
    ``name`` (its article's), as the lists of facts show them."""
    _cite_mentions(store, facts)


def get_fact(store: Store, fact_id: str) -> dict[str, Any] | None:
    row = store.fact(fact_id)
    if row is None:
        return None
    fact = _facts(store, [row])[0]
    _cite_mentions(store, [fact], cite_only=False)
    for mention in fact["mentions"]:  # the sentence of each mention, with its offsets
        layer = store.load_layers(mention["article"]).get("events", [])
        if 0 <= mention["event"] < len(layer):
            ev = layer[mention["event"]]
            mention.update(start=ev.get("start"), end=ev.get("end"), text=ev.get("text"), status=ev.get("status"),
                           confidence=ev.get("confidence"))
    return fact


# --- stories --------------------------------------------------------------------------------------


def list_stories(store: Store, *, limit: int = 50, offset: int = 0) -> Page:
    """Stories, newest first (by the date of their latest article as the link stage records it),
    with article and fact counts and their first and last publication dates."""
    total, rows = store.stories_page(limit=limit, offset=offset)
    found = store.story_views([r.id for r in rows])
    items = [{"id": r.id, "title": r.title, "articles": found[r.id]["article_count"], "facts": found[r.id]["fact_count"],
              "first_published": found[r.id]["first_published"], "last_published": found[r.id]["last_published"]}
             for r in rows]
    _story_titles(store, items)
    return Page(items, total, limit, offset)


def _story_titles(store: Store, stories: list[dict[str, Any]]) -> None:
    """A title for every story: its own, else the name of its first article (never blank)."""
    untitled = [s for s in stories if not (s.get("title") or "").strip()]
    if not untitled:
        return
    first: dict[str, tuple[str, str]] = {}
    for aid, sid, published in store.story_members([s["id"] for s in untitled]):
        key = (str(published or "9999"), aid)
        if sid not in first or key < first[sid]:
            first[sid] = key
    names = labels.article_names(store, [a for _, a in first.values()])
    for story in untitled:
        article = names.get(first[story["id"]][1]) if story["id"] in first else None
        story["title"] = labels.story_title(story.get("title"), article)


def get_story(store: Store, story_id: str) -> dict[str, Any] | None:
    """Everything a story page shows: summary, facts, timeline, entities, sources, articles, graph data."""
    row = store.story_row(story_id)
    if row is None:
        return None
    view = store.story_views([story_id])[story_id]
    fact_ids = store.fact_ids(story=story_id, limit=STORY_FACTS)
    docs = views.read_fact_docs(store, fact_ids)
    facts = [docs[i] for i in fact_ids if i in docs]
    _cite_mentions(store, facts)
    counts = {entity: n for entity, n in view["entities"]}
    wanted = set(counts) | _fact_entity_ids(facts)
    entity_rows = store.entity_rows(list(wanted)) if wanted else []
    summary = store.summary_row(story_id)
    discrepancies = _discrepancies(store, facts)
    entities = sorted(({"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases or []),
                        "mentions": counts.get(e.id, 0)} for e in entity_rows),
                      key=lambda e: (-e["mentions"], e["name"]))
    data = dict(row.data or {})
    articles = [dict(a) for a in view.get("articles", [])]
    labels.name_articles(store, articles)
    for a in articles:
        a["cite"] = labels.citation(a.get("outlet"), a.get("published"), name=a["name"], language=a.get("language"))
    by_id = {f["id"]: f for f in facts}
    for d in discrepancies:  # each fact a discrepancy names, by its label
        d["fact_labels"] = [{"id": f, "label": by_id[f]["label"] if f in by_id else _fact_label(store, f)}
                            for f in d["facts"]]
    story = {"id": row.id, "title": row.title}
    _story_titles(store, [story])
    return {
        "id": row.id, "title": story["title"], "data": data,
        "summary": _summary(summary, store),
        "articles": articles,
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


def _fact_label(store: Store, fact_id: str) -> str:
    row = store.fact(fact_id)
    return row["label"] if row else "fact"


def _summary(row: Any, store: Store | None = None) -> dict[str, Any] | None:
    """The stored summary; with ``store``, each sentence (and each further citation) gets
    ``cite``: "Outlet, date" of its article."""
    if row is None:
        return None
    data = row.data
    sentences = [dict(s) for s in (data.get("sentences", []) if isinstance(data, dict) else list(data or []))
                 if isinstance(s, dict)]
    if store is not None:
        names = labels.article_names(store, [c["article"] for s in sentences
                                             for c in [s, *(s.get("cites") or [])] if c.get("article")])
        for s in sentences:
            s["cites"] = [dict(c) for c in s.get("cites") or []]
            for c in [s, *s["cites"]]:
                meta = names.get(c.get("article")) or {}
                c["cite"] = labels.citation(meta.get("outlet") or c.get("outlet"),
                                            meta.get("published") or c.get("published"),
                                            name=meta.get("name"), language=row.language)
    return {"language": row.language, "sentences": sentences}


def _sources(rows: Iterable[Sequence[Any]], labels: dict[str, str]) -> list[dict[str, Any]]:
    """Per origin: the outlets that echo it, with article and fact counts (most echoed first);
    ``rows`` are (origin key, outlet, articles, facts) as a story's view lists them."""
    by_origin: dict[str, dict[str, Any]] = {}
    for key, outlet, n, n_facts in rows:
        origin = views.origin_name(key, labels)
        entry = by_origin.setdefault(origin, {"origin": origin, "key": key, "outlets": [], "articles": 0})
        entry["outlets"].append({"outlet": outlet or "(unknown outlet)", "articles": n, "facts": n_facts})
        entry["articles"] += n
    for entry in by_origin.values():
        entry["outlets"].sort(key=lambda o: (-o["articles"], o["outlet"]))
    return sorted(by_origin.values(), key=lambda e: (-len(e["outlets"]), -e["articles"], e["origin"]))


def _discrepancies(store: Store, facts: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Discrepancies that involve the given facts (each fact lists its discrepancy ids)."""
    ids = sorted({d for f in facts for d in (f.get("discrepancies") or []) if isinstance(d, str)})
    if not ids:
        return []
    rows = store.discrepancy_rows(ids)
    return [{"id": r.id, "kind": r.kind, "facts": (r.data or {}).get("facts", []),
             "detail": (r.data or {}).get("detail")} for r in rows]


def timeline(facts: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts with a time, ordered on the time axis (start of their interval, then the coarser first)."""
    entries = [{"time": f["time"], "fact": f["id"], "label": f["label"], "type": f["type"], "span": f["time_span"]}
               for f in facts if f.get("time_span")]
    return sorted(entries, key=lambda e: (e["span"]["start"], e["span"]["end"], e["fact"]))


# --- entities and quotes --------------------------------------------------------------------------


def list_entities(store: Store, *, q: str | None = None, type: str | None = None,
                  limit: int = 50, offset: int = 0) -> Page:
    """Entities whose name or any alias contains ``q`` (case-insensitive), most mentioned first."""
    rows = store.entities_of_type(type)
    if q:  # in Python: SQLite's lower() folds ASCII only, and JSON may escape umlauts
        needle = q.casefold().strip()
        rows = [r for r in rows if any(needle in str(a).casefold() for a in [r.name, *(r.aliases or [])])]
    total = len(rows)
    page = rows[offset:offset + limit]
    counts = store.mention_counts([r.id for r in page]) if page else {}
    items = [{"id": r.id, "name": r.name, "type": r.type, "aliases": list(r.aliases or []),
              "mentions": counts.get(r.id, 0)} for r in page]
    return Page(items, total, limit, offset)


def get_entity(store: Store, entity_id: str, *, limit: int = 50) -> dict[str, Any] | None:
    """One entity with its aliases, mention count, first page of facts and the quotes found in
    its first :data:`ENTITY_QUOTE_SCAN` articles (``total_exact: false`` when it has more)."""
    row = store.entity_row(entity_id)
    if row is None:
        return None
    n = store.mention_count(entity_id)
    facts = list_facts(store, entity=entity_id, limit=limit)
    quotes = list_quotes(store, speaker=entity_id, limit=limit, scan=ENTITY_QUOTE_SCAN)
    return {"id": row.id, "name": row.name, "type": row.type, "aliases": list(row.aliases or []),
            "data": row.data or {}, "mentions": n, "facts": facts.to_dict(), "quotes": quotes.to_dict()}


def _span_of(span: dict[str, Any] | None) -> dict[str, Any] | None:
    if not span or span.get("start") is None:
        return None
    return {"start": span["start"], "end": span["end"], "text": span.get("text")}


def quote_roles(quote: dict[str, Any]) -> dict[str, Any]:
    """The parts of a quote beside message, cue and speaker, each with its article offsets: the
    second part of the cue (``cue_extra``), the ``gaps`` inside the message that are not part of
    it, the ``frame`` (the cue's clause that introduces the message), the ``addressee`` (whom the
    message is told to) and the speaker's own words ``quoted`` inside an indirect message.  Every
    key is always there (null or an empty list when the quote has none)."""
    def spans_of(key: str) -> list[dict[str, Any]]:
        return [s for s in (_span_of(x) for x in quote.get(key) or ()) if s is not None]
    return {"cue_extra": _span_of(quote.get("cue_extra")), "gaps": spans_of("gaps"), "frame": spans_of("frame"),
            "addressee": _span_of(quote.get("addressee")), "quoted": spans_of("quoted")}


QUOTE_SCAN = 300  # articles looked at per request for a speaker's quotes
QUOTE_BATCH = 25  # articles whose quotes are read at once
ENTITY_QUOTE_SCAN = 25  # articles an entity's page looks at for its quotes (the quotes page reads on)


def list_quotes(store: Store, *, speaker: str | None = None, article: str | None = None,
                limit: int = 50, offset: int = 0, scan: int = QUOTE_SCAN) -> Page:
    """Quotes of one speaker (entity id) or of one article, in the order the articles were stored.

    A speaker's articles are streamed from the entity index and their quotes read a batch at a
    time, until the page and one quote more are found or ``scan`` articles were read;
    ``total_exact: false`` says when more were left unread (``total`` is then a lower bound).
    """
    items: list[dict[str, Any]] = []
    total, scanned, exact = 0, 0, True
    mentions = store.iter_linked_mentions(entity=speaker, article=article)
    try:
        groups = _grouped(mentions)
        while exact and (batch := list(islice(groups, min(QUOTE_BATCH, scan - scanned + 1)))):
            if scanned >= scan:  # an article more than may be read
                exact = False
                break
            layers = store.layer_of([aid for aid, _ in batch[:scan - scanned]], "quotes")  # one read a batch
            for aid, idxs in batch:
                if scanned >= scan or total > offset + limit:  # the page and one more: enough
                    exact = False
                    break
                scanned += 1
                for qi, quote in enumerate(layers.get(aid, ())):
                    sp = quote.get("speaker") or {}
                    entity = idxs.get(sp.get("mention")) if sp.get("mention") is not None else None
                    if speaker and entity != speaker:
                        continue
                    total += 1
                    if offset < total <= offset + limit:
                        items.append({"article": aid, "index": qi, "start": quote["start"], "end": quote["end"],
                                      "text": quote["text"], "kind": quote.get("kind"),
                                      "cue": _span_of(quote.get("cue")),
                                      "speaker": {"entity": entity, "name": sp.get("name") or sp.get("text"),
                                                  "start": sp.get("start"), "end": sp.get("end")},
                                      **quote_roles(quote)})
    finally:
        mentions.close()
    if article and not speaker and not scanned:  # an article whose speakers were not linked
        for qi, quote in enumerate(store.layer(article, "quotes")):
            total += 1
            if offset < total <= offset + limit:
                sp = quote.get("speaker") or {}
                items.append({"article": article, "index": qi, "start": quote["start"], "end": quote["end"],
                              "text": quote["text"], "kind": quote.get("kind"), "cue": _span_of(quote.get("cue")),
                              "speaker": {"entity": None, "name": sp.get("name") or sp.get("text"),
                                          "start": sp.get("start"), "end": sp.get("end")},
                              **quote_roles(quote)})
    meta = store.article_meta(sorted({i["article"] for i in items})) if items else {}
    names_of = labels.article_names(store, meta)
    names = store.entity_names(sorted({i["speaker"]["entity"] for i in items if i["speaker"]["entity"]})) \
        if items else {}
    for item in items:
        m = meta.get(item["article"])
        item.update(title=m.title if m else None, outlet=m.outlet if m else None,
                    published=iso(m.published) if m else None,
                    name=names_of.get(item["article"], {}).get("name"))
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


# --- articles -------------------------------------------------------------------------------------


def list_articles(store: Store, *, story: str | None = None, outlet: str | None = None,
                  language: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    total, rows = store.articles_page(story=story, outlet=outlet, language=language, limit=limit, offset=offset)
    items = [{"id": r.id, "title": r.title, "outlet": r.outlet, "published": iso(r.published),
              "language": r.language, "source": r.source, "url": r.url} for r in rows]
    labels.name_articles(store, items)
    return Page(items, total, limit, offset)


def get_article(store: Store, article_id: str) -> dict[str, Any] | None:
    """The article text with the spans of every extracted item (offsets into ``text``)."""
    article = store.get_article(article_id)
    if article is None:
        return None
    layers = store.load_layers(article_id)
    canon, facts, story = store.article_links(article_id)
    return {
        "id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
        "name": labels.display_title(article.title, article.text, article.source),
        "source": article.source, "published": iso(article.published),
        "published_inferred": article.published_inferred, "language": article.language, "story": story,
        "text": article.text, "spans": spans(layers, canon, facts),
        "sentences": [{"start": s["start"], "end": s["end"]} for s in layers.get("sentences", [])],
    }


def spans(layers: dict[str, list[dict[str, Any]]], canon: dict[int, tuple[str, str | None]],
          facts: dict[int, str], min_confidence: float | None = None) -> list[dict[str, Any]]:
    """Every extracted item of one article as a span with its kind and details (events the
    extractor is less sure of than the ``event_min_confidence`` setting are left out)."""
    if min_confidence is None:
        min_confidence = settings.load().event_min_confidence
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
                    "quote_kind": x.get("kind"), "speaker": {**sp, "entity": entity}, **quote_roles(x)})
        cue = x.get("cue")
        if cue and cue.get("start") is not None:
            out.append({"kind": "cue", "index": i, "start": cue["start"], "end": cue["end"], "text": cue["text"]})
    for i, x in enumerate(layers.get("events", [])):
        if not link_facts.shown(x, min_confidence):
            continue
        out.append({"kind": "event", "index": i, "start": x["start"], "end": x["end"], "text": x["text"],
                    "type": x.get("type"), "status": x.get("status"), "time": x.get("time"),
                    "confidence": x.get("confidence"), "fact": facts.get(i), "args": x.get("args") or {}})
        trig = x.get("trigger")
        if trig and trig.get("start") is not None:
            out.append({"kind": "trigger", "index": i, "start": trig["start"], "end": trig["end"],
                        "text": trig["text"], "type": x.get("type")})
    out.sort(key=lambda s: (s["start"], -s["end"], s["kind"]))
    return out


def article_text_and_layers(store: Store, article_id: str) -> tuple[str, dict[str, list[dict[str, Any]]]]:
    """The stored text of one article ("" when unknown) and its analysis layers."""
    article = store.get_article(article_id)
    return (article.text if article else ""), store.load_layers(article_id)


def stats(store: Store) -> dict[str, Any]:
    return {name: store.count(name) for name in ("articles", "stories", "facts", "entities")}


def get_story_title(store: Store, story_id: str) -> str | None:
    return store.story_title(story_id)


def list_entities_by_mentions(store: Store, query: str | None = None) -> list[dict[str, Any]]:
    """Canonical entities (optionally those with an alias containing ``query``) with mention
    counts, most mentioned first (the CLI's list)."""
    needle = query.casefold() if query else None
    found = []
    for r in store.entities_by_mentions():
        aliases = list(r.aliases or [])
        if needle and not any(needle in a.casefold() for a in [r.name, *aliases]):
            continue
        found.append({"id": r.id, "name": r.name, "type": r.type, "aliases": aliases, "mentions": r.n or 0})
    return found


def info(store: Store) -> dict[str, Any]:
    """What the store holds: counts per table, languages, date range."""
    return store.info()


# --- full-text search -----------------------------------------------------------------------------


def search(store: Store, query: str, *, limit: int = 20, offset: int = 0, story: str | None = None,
           language: str | None = None, order: str = "auto") -> SearchResult:
    """Articles matching every word of ``query`` (in any inflected form), with highlighted
    snippets; ``order``: relevance, recent or auto (see :mod:`lagebild.store.search`)."""
    result = store.search(query, limit=limit, offset=offset, story=story, language=language, order=order)
    untitled = [h for h in result.hits if not (h.get("title") or "").strip()]
    names = labels.article_names(store, [h["article"] for h in untitled])
    for hit in untitled:
        hit["name"] = (names.get(hit["article"]) or {}).get("name")
    return result


def search_highlights(text: str, language: str | None, query: str) -> list[tuple[int, int]]:
    """Offsets of the words of ``text`` that match ``query`` as a search would match them."""
    return highlights(text, language, parse_query(query))


def search_pending(store: Store) -> int:
    """How many articles wait for the search index (indexing them is a write)."""
    return store.pending_search_count()


async def run_read(store: Store, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
    """Run a read query for a web request: in the event loop on SQLite (it answers in
    milliseconds from local pages, and a thread hop per request costs more than it saves under
    load), in the thread pool on other backends, which wait on the network."""
    if store.dialect == "sqlite":
        return fn(*args, **kwargs)
    return await anyio.to_thread.run_sync(partial(fn, *args, **kwargs))


__all__ = ["Page", "list_facts", "get_fact", "list_stories", "get_story", "list_entities", "get_entity",
           "list_quotes", "list_articles", "get_article", "timeline", "fact_roles", "arg_values", "arg_label",
           "stats", "get_story_title", "list_entities_by_mentions", "info", "search", "search_highlights", "search_pending",
           "run_read", "SearchError", "SearchResult", "ORDERS"]
