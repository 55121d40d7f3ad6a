"""Read models: the list form of a fact (its arguments' names, mention count and first few
mentions with their outlets) and the refresh of the stored read models after a link run.

A story page and a list of facts read ``story_views`` and ``fact_views``, which the link stage
keeps for what each run wrote (:func:`refresh`); the store builds a missing story view on the
spot, and the services build a missing fact view with :func:`fact_docs`.

Stories are recounted in full (their articles and facts are few, and merges can move mentions);
a fact's preview is updated from its old preview plus the mentions this run added, since in an
incremental run mentions are only ever added (a change to a linked article makes the run full).
Entity names in a stored fact are those of the run that last wrote it, as in its label.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from lagebild.model import timevalue
from lagebild.store import Store
from lagebild.store.readmodels import iso

MENTIONS_PER_FACT = 5  # mentions shown with a fact in lists (its own page shows all)


# --- facts --------------------------------------------------------------------------------------

def _mention_key(m: dict[str, Any]) -> tuple[str, str, int]:
    return (m["published"] or "9999", m["article"], m["idx"])


def _mentions(rows: Iterable[Any]) -> dict[str, list[dict[str, Any]]]:
    """Mention rows as dicts (article, idx, origin key, outlet, title, published), per fact."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        found[r.fact_id].append({"article": r.article_id, "idx": r.idx, "origin": r.origin, "outlet": r.outlet,
                                 "title": r.title, "published": iso(r.published)})
    return found


def fact_mentions(store: Store, fact_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Every mention of the facts, oldest first (a fact's own page)."""
    found = _mentions(store.fact_mention_rows(fact_ids))
    for mentions in found.values():
        mentions.sort(key=_mention_key)
    return found


def fact_previews(store: Store, fact_ids: Sequence[str], *, added_by: Sequence[str] | None = None,
                  old: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Per fact: its mention count and its first :data:`MENTIONS_PER_FACT` mentions by date.

    Without ``added_by`` every mention is read.  With it, only the mentions in those articles are,
    and they are added to the ``old`` previews (facts without an old preview are read in full).
    """
    old = old or {}
    full = [f for f in fact_ids if added_by is None or f not in old]
    delta = [f for f in fact_ids if added_by is not None and f in old]
    rows = list(store.fact_mention_rows(full)) if full else []
    if delta:
        rows += store.fact_mention_rows(delta, added_by)
    found = _mentions(rows)
    out = {}
    for fid in fact_ids:
        base = old.get(fid) if fid in delta else None
        mentions = list(base["mentions"]) if base else []
        seen = {(m["article"], m["idx"]) for m in mentions}
        new = [m for m in found.get(fid, []) if (m["article"], m["idx"]) not in seen]
        mentions = sorted(mentions + new, key=_mention_key)[:MENTIONS_PER_FACT]
        out[fid] = {"mention_count": (base["mention_count"] if base else 0) + len(new), "mentions": mentions}
    return out


def fact_doc(row: dict[str, Any], mentions: Sequence[dict[str, Any]] = (), names: dict[str, str] | None = None,
             data: dict[str, Any] | None = None) -> dict[str, Any]:
    """A fact (a store's fact record) as the API shows it; ``mentions``: the ones to list
    (article, idx, origin key, outlet, title, published), ``names``: entity id → name for its
    arguments; ``data``: a copy of the record's data to use up."""
    data = dict(row["data"]) if data is None else data
    first = data.pop("mentions", []) or []
    labels = origin_labels([{"origins": data.get("origins") or [], "origin_labels": mention_origin_labels(first)}])
    fact = {
        "id": row["id"], "type": row["type"], "label": row["label"], "time": row["time"], "status": row["status"],
        "independent_origins": row["independent_origins"], "first_reported": iso(row["first_reported"]),
        "story": row["story_id"], "args": _args(data, first, names or {}),
        "origins": [_origin_entry(o) for o in data.pop("origins", []) or []],
        "events": [f"{m['article']}:{m['idx']}" for m in mentions],
        "origin_labels": labels,
        "mentions": [{"article": m["article"], "event": m["idx"], "origin": origin_name(m["origin"], labels),
                      "outlet": m["outlet"], "title": m["title"], "published": iso(m["published"])}
                     for m in mentions],
    }
    fact["time_span"] = timevalue.interval(row["time"])
    data.pop("args", None)
    fact["discrepancies"] = [d for d in data.get("discrepancies") or [] if isinstance(d, str)]
    fact["extra"] = {k: v for k, v in data.items() if k in ("denied_by", "deniers", "planned", "statuses", "family",
                                                                  "corroboration", "items")}
    fact["extra"]["evidence"] = [  # why each later mention joined: a score and a reason per feature
        {"event": e["event"], "score": e.get("score"), "reasons": e.get("reasons") or {}}
        for e in data.get("evidence") or [] if isinstance(e, dict) and e.get("event")]
    return fact


def entity_names(store: Store, datas: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Names of the entities the facts' data names."""
    return store.entity_names(sorted({e for data in datas for ids in (data.get("entities") or {}).values()
                                      for e in ids}))


def fact_docs(store: Store, fact_ids: Sequence[str], previews: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The list form of the facts: each with its first mentions and mention count (``previews``)."""
    rows = store.fact_records(fact_ids)
    datas = [dict(r["data"]) for r in rows]
    names = entity_names(store, datas)
    docs = {}
    for row, data in zip(rows, datas):
        preview = previews.get(row["id"]) or {"mention_count": 0, "mentions": []}
        docs[row["id"]] = {**fact_doc(row, preview["mentions"], names, data), "mention_count": preview["mention_count"]}
    return docs


def read_fact_docs(store: Store, fact_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The facts' list form as the link stage stored it; computed here for a fact without one."""
    found = store.stored_fact_docs(fact_ids)
    missing = [i for i in fact_ids if i not in found]
    if missing:
        found.update(fact_docs(store, missing, fact_previews(store, missing)))
    return found


def _args(data: dict[str, Any], mentions: Sequence[dict[str, Any]], names: dict[str, str]) -> dict[str, Any]:
    """The fact's arguments: as stored (``args``), else its entities per role plus the text roles
    (item, quantity …) of its first mention that names them."""
    if data.get("args"):
        return data["args"]
    args: dict[str, Any] = {role: [{"entity": e, "name": names.get(e, e)} for e in ids]
                            for role, ids in (data.get("entities") or {}).items()}
    if isinstance(data.get("quantity"), dict):
        args["quantity"] = data["quantity"]
    for m in mentions:
        for role, arg in (m.get("args") or {}).items():
            if role not in args and role != "time" and isinstance(arg, dict) and not arg.get("entity") and arg.get("text"):
                args[role] = {"text": arg["text"], "value": arg.get("value")}
    return args


def _origin_entry(origin: Any) -> Any:
    """An origin without its (possibly long) list of events; the fact's mentions carry those."""
    if isinstance(origin, dict) and "events" in origin:
        return {**{k: v for k, v in origin.items() if k != "events"}, "mentions": len(origin["events"] or [])}
    return origin


#: what stands for an origin whose label is unknown (never its key)
UNNAMED = "unnamed source"


_ID_LIKE = re.compile(r"^(?:[a-z]{2,8}:\S+|[0-9a-f]{12,})$|@")


def origin_name(key: str | None, labels: dict[str, str]) -> str:
    """The label of an origin key; a key that reads as a name stands for itself, an id never."""
    if key and key in labels:
        return labels[key]
    return key if key and not _ID_LIKE.search(key) else UNNAMED


def mention_origin_labels(mentions: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Origin key → label of each mention's own origin (a fact's origin list folds some of them)."""
    out = {}
    for m in mentions:
        o = m.get("origin") if isinstance(m, dict) else None
        if isinstance(o, dict) and o.get("key") and o.get("label"):
            out.setdefault(o["key"], str(o["label"]))
    return out


def origin_labels(facts: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Origin key → readable label, from the facts' own origin lists (and the labels of their
    mentions' origins, ``origin_labels``)."""
    labels: dict[str, str] = {}
    for fact in facts:
        labels.update(fact.get("origin_labels") or {})
        for o in fact.get("origins") or []:
            if isinstance(o, dict) and (o.get("key") or o.get("id")) and o.get("label"):
                labels[o.get("key") or o.get("id")] = str(o["label"])
    return labels


# --- writing ------------------------------------------------------------------------------------

def refresh(store: Store, *, stories: Iterable[str], facts: Iterable[str],
            added_by: Sequence[str] | None = None) -> dict[str, list[Any]]:
    """The new read models of the given stories and facts (every fact the run wrote, since a new
    status or discrepancy changes its list form too), for :meth:`Store.write_link_results`:
    ``fact_ids``/``story_ids`` (whose old rows go) and the ``fact_views``/``story_views`` rows.

    ``added_by``: the articles this run linked, when the run was incremental (None: a full run,
    every mention is counted afresh).
    """
    story_ids, fact_ids = sorted(set(stories)), sorted(set(facts))
    old = store.fact_view_previews(fact_ids) if added_by is not None else {}
    previews = fact_previews(store, fact_ids, added_by=added_by, old=old)
    docs = fact_docs(store, fact_ids, previews)
    fact_rows = [{"fact_id": fid, **view, "doc": docs[fid]} for fid, view in previews.items() if fid in docs]
    views = store.compute_story_views(story_ids)
    story_rows = [{"story_id": sid, "data": view} for sid, view in views.items()]
    return {"fact_ids": fact_ids, "fact_views": fact_rows, "story_ids": story_ids, "story_views": story_rows}


def refresh_all(store: Store) -> dict[str, int]:
    """Recompute every view from scratch (after a full re-link or a bulk load)."""
    stories, facts = store.all_ids("stories"), store.all_ids("facts")
    store.write_link_results(views=refresh(store, stories=stories, facts=facts), dropped=(), discrepancies=(),
                             summaries=(), all_views=True)
    return {"stories": len(set(stories)), "facts": len(set(facts))}
