"""The analyst's workbench: the facts explorer over the whole store (or one story), the source
map (which outlets echo which origin) and the outlets.

The explorer's filter is a :class:`FactFilter`, read from and written back to a URL's query, so
a view can be shared; the CSV and JSON exports take the same filter and give exactly the rows the
page shows.  Nothing here shows an internal id: origins, entities and articles go by their labels.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from lagebild.link import origins, views
from lagebild.model import timevalue
from lagebild.services import labels
from lagebild.services.kept import kept
from lagebild.services.queries import Page, arg_label, cite_mentions, fact_roles
from lagebild.store import Store
from lagebild.store.readmodels import iso

#: how the explorer sorts: key → what the page calls it
SORTS = {"origins": "most independent origins", "mentions": "most mentions", "time": "earliest first",
         "recent": "latest first"}
MAX_PAGE = 500
UNKNOWN_OUTLET = "(unknown outlet)"


@dataclass(frozen=True)
class FactFilter:
    """What the facts explorer shows; every field is a URL parameter of the same name."""

    type: str = ""
    status: str = ""
    entity: str = ""
    outlet: str = ""
    origin: str = ""
    story: str = ""
    since: str = ""
    until: str = ""
    confidence: str = ""  # the least confidence (0-1) of the events behind a fact; rules' events count
    sort: str = "origins"

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> "FactFilter":
        values = {f.name: str(params.get(f.name) or "").strip()[:200] for f in fields(cls)}
        if values["sort"] not in SORTS:
            values["sort"] = "origins"
        return cls(**values)

    def params(self, **changes: str) -> dict[str, str]:
        """The filter's non-empty fields (with ``changes``), for a link's query."""
        return {k: v for k, v in asdict(replace(self, **changes)).items() if v and not (k == "sort" and v == "origins")}


def resolve_entity(store: Store, value: str) -> dict[str, str] | None:
    """The entity ``value`` names: an id, else the entity whose name or alias is ``value``
    (case-insensitive), else the most mentioned one whose name or alias contains it."""
    if not value:
        return None
    row = store.entity_row(value)
    if row is not None:
        return {"id": row.id, "name": row.name}
    needle = value.casefold()
    rows = store.entities_of_type(None)
    exact = [r for r in rows if any(needle == str(a).casefold() for a in [r.name, *(r.aliases or [])])]
    near = exact or [r for r in rows if any(needle in str(a).casefold() for a in [r.name, *(r.aliases or [])])]
    if not near:
        return None
    counts = store.mention_counts([r.id for r in near])
    best = max(near, key=lambda r: (counts.get(r.id, 0), -len(r.name)))
    return {"id": best.id, "name": best.name}


def min_confidence(value: str) -> float | None:
    """The explorer's ``confidence`` parameter as a number from 0 to 1 (None: no such filter);
    ValueError, said in words, for anything else."""
    if not value:
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        number = float("nan")
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"the confidence must be a number from 0 to 1, not {value!r}")
    return number


def matching_facts(store: Store, flt: FactFilter, *, limit: int | None = None, offset: int = 0
                   ) -> dict[str, Any]:
    """The ids of the facts that pass ``flt`` in its order: ``ids`` (a page of them with ``limit``),
    ``total`` (how many pass), ``entity`` (the entity the filter resolved to), ``error`` (a filter
    that could not be read, said in words; then no ids)."""
    entity = resolve_entity(store, flt.entity)
    empty = {"ids": [], "total": 0, "entity": entity, "error": None}
    if flt.entity and entity is None:
        return {**empty, "error": f"no entity is called {flt.entity!r}"}
    try:
        window = timevalue.window(flt.since or None, flt.until or None) if (flt.since or flt.until) else None
        least = min_confidence(flt.confidence)
    except ValueError as exc:
        return {**empty, "error": str(exc)}
    filters = {"type": flt.type or None, "status": flt.status or None, "story": flt.story or None,
               "entity": entity["id"] if entity else None, "least": least}
    if not (flt.outlet or flt.origin or window) and flt.sort == "origins":
        # the store's own order: a page of it
        return {"ids": store.fact_ids(**filters, limit=limit, offset=offset), "total": store.count_facts(**filters),
                "entity": entity, "error": None}
    rows = store.fact_facets(**filters)
    if flt.outlet or flt.origin:
        keep = store.fact_ids_reported(outlet=flt.outlet or None, origin=flt.origin or None)
        rows = [r for r in rows if r.id in keep]
    if window is not None:
        rows = [r for r in rows if timevalue.in_window(r.time, window)]
    ids = [r.id for r in rows]
    if flt.sort == "mentions":
        totals = store.fact_mention_totals(ids)
        ids.sort(key=lambda i: -totals.get(i, 0))  # stable: ties keep the origins order
    elif flt.sort in ("time", "recent"):
        starts = {r.id: _start(r.time) for r in rows}
        dated = [i for i in ids if starts[i]]
        dated.sort(key=lambda i: starts[i], reverse=flt.sort == "recent")
        ids = dated + [i for i in ids if not starts[i]]  # undated facts last either way
    return {"ids": ids if limit is None else ids[offset:offset + limit], "total": len(ids), "entity": entity,
            "error": None}


def explore_facts(store: Store, flt: FactFilter, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """The facts that pass ``flt``, sorted as it asks, one page of them: ``page`` (a :class:`Page`
    of fact documents, each with its ``confidence`` and ``rules``, :func:`fact_docs`), ``entity``
    (the entity the filter resolved to), ``error`` (a filter that could not be read, said in
    words; the page then lists nothing)."""
    limit = max(1, min(limit, MAX_PAGE))
    found = matching_facts(store, flt, limit=limit, offset=offset)
    return {"page": Page(fact_docs(store, found["ids"]), found["total"], limit, offset),
            "entity": found["entity"], "error": found["error"]}


def all_facts(store: Store, flt: FactFilter, chunk: int = MAX_PAGE) -> dict[str, Any]:
    """Every fact that passes ``flt`` (the whole store's, with an empty filter), for a download:
    ``total``, ``error`` as :func:`matching_facts` gives them and ``docs``, an iterator over
    the fact documents in the filter's order with their confidences, read ``chunk`` at a time."""
    found = matching_facts(store, flt)
    ids = found["ids"]

    def docs() -> Iterator[dict[str, Any]]:
        for start in range(0, len(ids), chunk):
            yield from fact_docs(store, ids[start:start + chunk])

    return {"total": found["total"], "error": found["error"], "entity": found["entity"], "docs": docs()}


def fact_docs(store: Store, page_ids: list[str]) -> list[dict[str, Any]]:
    """The facts' list form in the order of ``page_ids``, their mentions cited, each with
    ``confidence`` (the highest of the events behind it, None where none has one) and ``rules``
    (whether an event of the rules, which give no confidence, backs it)."""
    docs = views.read_fact_docs(store, page_ids)
    items = [docs[i] for i in page_ids if i in docs]
    cite_mentions(store, items)
    sure = store.fact_confidences([item["id"] for item in items]) if items else {}
    for item in items:
        item["confidence"], item["rules"] = sure.get(item["id"], (None, False))
    return items


def _start(time: str | None) -> str:
    span = timevalue.interval(time) if time else None
    return span["start"] if span else ""


def fact_options(store: Store) -> dict[str, Any]:
    """The choices of the explorer's filter: types, statuses, outlets and origins (key, label),
    kept a while (:func:`kept`)."""
    return kept(store, "options", lambda: _fact_options(store))


def _fact_options(store: Store) -> dict[str, Any]:
    options = store.fact_options()
    rows = origin_outlet_rows(store)
    origins = {r["origin"]: r["label"] for r in rows if r["origin"]}
    options["origins"] = sorted(origins.items(), key=lambda kv: kv[1].casefold())
    options["outlets"] = sorted({r["outlet"] for r in rows if r["outlet"]}, key=str.casefold)
    options["sorts"] = list(SORTS.items())
    return options


def origin_outlet_rows(store: Store, story: str | None = None) -> list[dict[str, Any]]:
    """(origin key, label, outlet, articles, facts) per origin and outlet, summed over the stories'
    views as the link stage keeps them (an article and a fact belong to one story, so the sums
    are exact); ``story``: that story's alone.  An origin is labelled by the entity or outlet
    its key names ("unnamed sources" for the unnamed, never by the key)."""
    ids = [story] if story else store.all_ids("stories")
    found = store.story_views(ids) if ids else {}
    sums: dict[tuple[str, str | None], list[int]] = {}
    for view in found.values():
        for origin, outlet, articles, facts in view.get("sources") or []:
            cell = sums.setdefault((origin or "", outlet), [0, 0])
            cell[0] += articles
            cell[1] += facts
    keys = sorted({o for o, _ in sums if o})
    names = dict(store.entity_names([k for k in keys if ":" in k and not k.startswith("outlet:")]))
    for outlet in {o for _, o in sums if o}:
        names.setdefault(origins.outlet_key(outlet), outlet)
    names.setdefault("unnamed", views.UNNAMED + "s")
    return [{"origin": origin, "label": views.origin_name(origin, names) if origin else views.UNNAMED,
             "outlet": outlet, "articles": n[0], "facts": n[1]} for (origin, outlet), n in sorted(
                 sums.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))]


# --- one flat row per fact (CSV, JSON) -------------------------------------------------------------

FACT_COLUMNS = ("type", "label", "who", "whom", "what", "quantity", "time", "precision", "status",
                "confidence", "by_rules", "independent_origins", "mentions", "origins", "outlets", "first_reported", "fact_url")


def fact_table_row(fact: dict[str, Any]) -> dict[str, Any]:
    """A fact as one flat row of the explorer's table (names, never ids; the fact's page as a link)."""
    roles = fact_roles(fact)
    names = lambda values: "; ".join(dict.fromkeys(arg_label(v) for v in values if arg_label(v)))  # noqa: E731
    outlets = dict.fromkeys(labels.outlet_name(m.get("outlet")) or m.get("cite") or "" for m in fact.get("mentions") or [])
    origins = dict.fromkeys(_origin_label(o) for o in fact.get("origins") or [])
    return {"type": fact["type"], "label": fact["label"], "who": names(roles["who"]), "whom": names(roles["whom"]),
            "what": names(roles["what"]), "quantity": names(roles["quantity"]), "time": fact.get("time") or "",
            "precision": (fact.get("time_span") or {}).get("precision") or "", "status": fact.get("status") or "",
            "confidence": round(fact["confidence"], 3) if isinstance(fact.get("confidence"), float) else None,
            "by_rules": "yes" if fact.get("rules") else "no",  # an event of the rules (no confidence) backs it
            "independent_origins": fact.get("independent_origins") or 0,
            "mentions": fact.get("mention_count", len(fact.get("mentions") or [])),
            "origins": "; ".join(o for o in origins if o), "outlets": "; ".join(o for o in outlets if o),
            "first_reported": fact.get("first_reported") or "", "fact_url": f"/facts/{fact['id']}"}


def _origin_label(origin: Any) -> str:
    if isinstance(origin, dict):
        return str(origin.get("label") or origin.get("name") or views.UNNAMED)
    return views.origin_name(str(origin), {})


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Iterable[str]) -> str:
    """Rows as CSV text with a header line (a cell that a spreadsheet would read as a formula is
    prefixed with an apostrophe)."""
    out = io.StringIO()
    columns = list(columns)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _number(value):
        return "'" + value
    return "" if value is None else value


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --- the source map ----------------------------------------------------------------------------------


def source_map(store: Store, *, story: str | None = None) -> dict[str, Any]:
    """Origins × outlets: for each origin (by its label), the outlets whose articles carry a
    mention from it, with article and fact counts; ``echoes`` lists outlets that pass on another
    outlet's reporting (an origin that is itself an outlet).  Most widely echoed origins first.
    The whole store's map is kept a while (:func:`kept`)."""
    if story is None:
        return kept(store, "source_map", lambda: _source_map(origin_outlet_rows(store)))
    return _source_map(origin_outlet_rows(store, story))


def _source_map(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    by_origin: dict[str, dict[str, Any]] = {}
    outlets: dict[str, int] = {}
    known: set[str] = set()  # the outlets stored by that name (a filter and a page can find them)
    for r in rows:
        outlet = labels.outlet_name(r["outlet"]) or UNKNOWN_OUTLET
        if r["outlet"] and outlet == r["outlet"]:
            known.add(outlet)
        entry = by_origin.setdefault(r["origin"], {"key": r["origin"], "origin": r["label"], "cells": {},
                                                    "articles": 0, "facts": 0, "outlet_origin": False})
        cell = entry["cells"].setdefault(outlet, {"articles": 0, "facts": 0})
        cell["articles"] += r["articles"]
        cell["facts"] += r["facts"]
        entry["articles"] += r["articles"]
        entry["facts"] += r["facts"]
        entry["outlet_origin"] = entry["outlet_origin"] or r["origin"].startswith("outlet:")
        outlets[outlet] = outlets.get(outlet, 0) + r["articles"]
    origins = sorted(by_origin.values(), key=lambda e: (-len(e["cells"]), -e["articles"], e["origin"].casefold()))
    columns = sorted(outlets, key=lambda o: (-outlets[o], o.casefold()))
    echoes = []
    for entry in origins:
        if not entry["outlet_origin"]:
            continue
        for outlet, cell in entry["cells"].items():
            if outlet.casefold() != entry["origin"].casefold():
                echoes.append({"outlet": outlet, "echoes": entry["origin"], "key": entry["key"], **cell})
    echoes.sort(key=lambda e: (-e["articles"], e["outlet"].casefold(), e["echoes"].casefold()))
    return {"outlets": columns, "origins": origins, "echoes": echoes, "known": known}


# --- outlets ---------------------------------------------------------------------------------------


def list_outlets(store: Store) -> list[dict[str, Any]]:
    """Every outlet with its article count and date range, most articles first (kept a while,
    :func:`kept`)."""
    return kept(store, "outlets", lambda: [{"outlet": r.outlet, "articles": r.articles, "first": iso(r.first),
                                            "last": iso(r.last)} for r in store.outlet_rows() if r.outlet])


def outlet_origins(store: Store, outlet: str) -> list[dict[str, Any]]:
    """The origins whose reports an outlet carries, with article and fact counts."""
    mapped = source_map(store)
    name = labels.outlet_name(outlet) or outlet
    found = [{"key": e["key"], "origin": e["origin"], **e["cells"][name]} for e in mapped["origins"]
             if name in e["cells"]]
    return sorted(found, key=lambda e: (-e["facts"], e["origin"].casefold()))


# --- quotes ----------------------------------------------------------------------------------------


def top_speakers(store: Store, limit: int = 60) -> list[dict[str, Any]]:
    """The most mentioned persons and organisations: whose quotes one is likely to look for (a
    count over every linked mention, kept a while: :func:`kept`)."""
    return kept(store, f"speakers:{limit}", lambda: _top_speakers(store, limit))


def _top_speakers(store: Store, limit: int) -> list[dict[str, Any]]:
    out = []
    for r in store.entities_by_mentions():
        if r.type in ("PER", "ORG") and r.n:
            out.append({"id": r.id, "name": r.name, "type": r.type, "mentions": r.n})
            if len(out) >= limit:
                break
    return out


def quote_context(quote: Mapping[str, Any]) -> dict[str, str]:
    """What a quote's line says beside its words: ``addressee`` (whom it was told to) and ``frame``
    (the clause that introduces it, its parts joined by " … "), each "" where the quote has none;
    from the roles a quote of the API carries (:func:`lagebild.services.queries.quote_roles`)."""
    addressee = quote.get("addressee") or {}
    frame = [str(f.get("text") or "").strip() for f in quote.get("frame") or () if f]
    return {"addressee": str(addressee.get("text") or "").strip(), "frame": " … ".join(f for f in frame if f)}


def quote_rows(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The quotes list's items, each with its :func:`quote_context`."""
    return [{**q, **{f"{k}_text": v for k, v in quote_context(q).items()}} for q in items]


# --- the article page's side panel -----------------------------------------------------------------


def article_panel(store: Store, spans: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """What an article's side panel lists beside the text, from its spans: ``facts`` (each fact
    once, by its label, with the events that state it), ``quotes`` (speaker, text, offsets) and
    ``entities`` (linked ones by canonical name, with how often the article names them)."""
    spans = list(spans)
    events = [s for s in spans if s["kind"] == "event"]
    fact_ids = sorted({s["fact"] for s in events if s.get("fact")})
    records = {r["id"]: r for r in store.fact_records(fact_ids)} if fact_ids else {}
    facts: dict[str, dict[str, Any]] = {}
    for ev in events:
        key = ev.get("fact") or f"event:{ev['index']}"
        record = records.get(ev.get("fact") or "")
        entry = facts.setdefault(key, {"fact": ev.get("fact") if record else None, "type": ev.get("type") or "",
                                       "label": record["label"] if record else f"{ev.get('type')}: {ev['text'][:80]}",
                                       "status": record["status"] if record else ev.get("status"),
                                       "origins": record["independent_origins"] if record else None, "events": []})
        entry["events"].append(ev["index"])
    quotes = [{"index": s["index"], "start": s["start"], "end": s["end"], "text": s["text"], "kind": s.get("quote_kind"),
               "speaker": (s.get("speaker") or {}).get("name") or (s.get("speaker") or {}).get("text") or "",
               "entity": (s.get("speaker") or {}).get("entity"), **quote_context(s)}
              for s in spans if s["kind"] == "quote"]
    entities: dict[str, dict[str, Any]] = {}
    for s in spans:
        if s["kind"] == "entity":
            key = s.get("entity") or f"text:{s.get('name') or s['text']}"
            entry = entities.setdefault(key, {"entity": s.get("entity"), "name": s.get("name") or s["text"],
                                              "label": s.get("label") or "", "count": 0, "start": s["start"]})
            entry["count"] += 1
    return {"facts": list(facts.values()), "quotes": quotes,
            "entities": sorted(entities.values(), key=lambda e: (-e["count"], e["name"].casefold()))}
