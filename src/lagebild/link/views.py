"""Read models: per-story and per-fact aggregates that the API and the web page show.

A story page needs how often each entity is mentioned across the story's articles and which
outlets echo which origin; a list of facts needs each fact with its arguments' names, its mention
count and its first few mentions with their outlets.  Built at read time these scan every
mention of a story or a fact and assemble each fact from its stored data, which on a large store
costs more than the rest of the page.  The link stage therefore keeps them in ``story_views`` and
``fact_views`` for what each run wrote (:func:`refresh`); the API reads them and builds a missing
one on the spot with the same functions.

Stories are recounted in full (their articles and facts are few, and merges can move mentions);
a fact's preview is updated from its old preview plus the mentions this run added, since in an
incremental run mentions are only ever added (a change to a linked article makes the run full).
Entity names in a stored fact are those of the run that last wrote it, as in its label.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select, type_coerce
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from lagebild.link.state import chunks
from lagebild.model import timevalue
from lagebild.store import schema as t
from lagebild.store.schema import JSONText

STORY_ENTITIES = 60  # entities listed on a story page
STORY_ARTICLES = 50  # the latest articles listed on a story page (all: /api/v1/articles?story=)
MENTIONS_PER_FACT = 5  # mentions shown with a fact in lists (its own page shows all)


def iso(value: Any) -> str | None:
    """A date (or an ISO string) as text, None as None."""
    return None if value is None else str(value)


# --- stories ------------------------------------------------------------------------------------

def story_views(conn: Any, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Aggregates of the given stories: article and fact counts, first/last publication date,
    the latest articles, the most mentioned entities and, per origin and outlet, the articles and
    facts that echo it."""
    views: dict[str, dict[str, Any]] = {sid: {"article_count": 0, "fact_count": 0, "first_published": None,
                                              "last_published": None, "entities": [], "sources": [],
                                              "articles": []} for sid in story_ids}
    sa, me, fe, a = t.story_articles.c, t.mention_entities.c, t.fact_events.c, t.articles.c
    for chunk in chunks(list(story_ids)):
        for r in conn.execute(select(sa.story_id, func.count(), func.min(a.published), func.max(a.published))
                              .join(t.articles, a.id == sa.article_id).where(sa.story_id.in_(chunk))
                              .group_by(sa.story_id)):
            views[r[0]].update(article_count=r[1], first_published=iso(r[2]), last_published=iso(r[3]))
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
        _latest_articles(conn, chunk, views)
    for view in views.values():
        view["sources"].sort(key=lambda s: (str(s[0]), str(s[1])))
    return views


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


# --- facts --------------------------------------------------------------------------------------

def _mention_key(m: dict[str, Any]) -> tuple[str, str, int]:
    return (m["published"] or "9999", m["article"], m["idx"])


def _mention_rows(conn: Any, fact_ids: Sequence[str], articles: Sequence[str] | None) -> Iterable[Any]:
    fe, a = t.fact_events.c, t.articles.c
    query = (select(fe.fact_id, fe.article_id, fe.idx, fe.origin, a.outlet, a.title, a.published)
             .outerjoin(t.articles, a.id == fe.article_id))
    for chunk in chunks(list(fact_ids)):
        if articles is None:
            yield from conn.execute(query.where(fe.fact_id.in_(chunk)))
        else:
            for part in chunks(list(articles)):
                yield from conn.execute(query.where(fe.fact_id.in_(chunk), fe.article_id.in_(part)))


def _mentions(rows: Iterable[Any]) -> dict[str, list[dict[str, Any]]]:
    """Mention rows as dicts (article, idx, origin key, outlet, title, published), per fact."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        found[r.fact_id].append({"article": r.article_id, "idx": r.idx, "origin": r.origin, "outlet": r.outlet,
                                 "title": r.title, "published": iso(r.published)})
    return found


def fact_mentions(conn: Any, fact_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Every mention of the facts, oldest first (a fact's own page)."""
    found = _mentions(_mention_rows(conn, fact_ids, None))
    for mentions in found.values():
        mentions.sort(key=_mention_key)
    return found


def fact_previews(conn: Any, fact_ids: Sequence[str], *, added_by: Sequence[str] | None = None,
                  old: dict[str, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
    """Per fact: its mention count and its first :data:`MENTIONS_PER_FACT` mentions by date.

    Without ``added_by`` every mention is read.  With it, only the mentions in those articles are,
    and they are added to the ``old`` previews (facts without an old preview are read in full).
    """
    old = old or {}
    full = [f for f in fact_ids if added_by is None or f not in old]
    delta = [f for f in fact_ids if added_by is not None and f in old]
    rows = list(_mention_rows(conn, full, None)) if full else []
    if delta:
        rows += _mention_rows(conn, delta, added_by)
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


def _stored(conn: Any, key: Any, value: Any, ids: Sequence[str],
            compute: Callable[[list[str]], dict[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """The JSON ``value`` stored for each id, ``compute``-d here for the ids without one."""
    found: dict[str, dict[str, Any]] = {}
    for chunk in chunks(list(ids)):
        for k, v in conn.execute(select(key, type_coerce(value, JSONText())).where(key.in_(chunk))):
            found[k] = v
    missing = [i for i in ids if i not in found]
    if missing:
        found.update(compute(missing))
    return found


def read_story_views(conn: Any, story_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The stories' views as the link stage stored them; computed here for a story without one."""
    sv = t.story_views.c
    return _stored(conn, sv.story_id, sv.data, story_ids, lambda missing: story_views(conn, missing))


def read_fact_views(conn: Any, fact_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for chunk in chunks(list(fact_ids)):
        fv = t.fact_views.c
        for r in conn.execute(select(fv.fact_id, fv.mention_count, type_coerce(fv.mentions, JSONText()).label("m"))
                              .where(fv.fact_id.in_(chunk))):
            out[r.fact_id] = {"mention_count": r.mention_count, "mentions": r.m or []}
    return out


# --- the list form of a fact ------------------------------------------------------------------


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


def fact_data(row: Any) -> dict[str, Any]:
    """The stored data of a fact row, whole or as the parts of :func:`fact_select`."""
    mapping = row._mapping
    if "data" in mapping:
        return dict(mapping["data"] or {})
    data = dict(mapping["d_core"] or {})
    if mapping["d_first_mention"] is not None:
        data["mentions"] = [mapping["d_first_mention"]]
    return data


def fact_doc(row: Any, mentions: Sequence[dict[str, Any]] = (), names: dict[str, str] | None = None,
             data: dict[str, Any] | None = None) -> dict[str, Any]:
    """A fact as the API shows it; ``mentions``: the ones to list (article, idx, origin key,
    outlet, title, published), ``names``: entity id → name for its arguments."""
    data = fact_data(row) if data is None else data
    first = data.pop("mentions", []) or []
    labels = origin_labels([{"origins": data.get("origins") or []}])
    fact = {
        "id": row.id, "type": row.type, "label": row.label, "time": row.time, "status": row.status,
        "independent_origins": row.independent_origins, "first_reported": iso(row.first_reported),
        "story": row.story_id, "args": _args(data, first, names or {}),
        "origins": [_origin_entry(o) for o in data.pop("origins", []) or []],
        "events": [f"{m['article']}:{m['idx']}" for m in mentions],
        "mentions": [{"article": m["article"], "event": m["idx"], "origin": labels.get(m["origin"] or "", m["origin"]),
                      "outlet": m["outlet"], "title": m["title"], "published": iso(m["published"])}
                     for m in mentions],
    }
    fact["time_span"] = timevalue.interval(row.time)
    data.pop("args", None)
    fact["discrepancies"] = [d for d in data.get("discrepancies") or [] if isinstance(d, str)]
    fact["extra"] = {k: v for k, v in data.items() if k in ("denied_by", "planned", "statuses", "family")}
    return fact


def entity_names(conn: Any, datas: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Names of the entities the facts' data names."""
    wanted = sorted({e for data in datas for ids in (data.get("entities") or {}).values() for e in ids})
    names: dict[str, str] = {}
    for chunk in chunks(wanted):
        names.update(conn.execute(select(t.entities.c.id, t.entities.c.name).where(t.entities.c.id.in_(chunk))).all())
    return names


def fact_docs(conn: Any, fact_ids: Sequence[str], previews: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The list form of the facts: each with its first mentions and mention count (``previews``)."""
    rows = [r for chunk in chunks(list(fact_ids)) for r in conn.execute(fact_select().where(t.facts.c.id.in_(chunk)))]
    datas = [fact_data(r) for r in rows]
    names = entity_names(conn, datas)
    docs = {}
    for row, data in zip(rows, datas):
        preview = previews.get(row.id) or {"mention_count": 0, "mentions": []}
        docs[row.id] = {**fact_doc(row, preview["mentions"], names, data), "mention_count": preview["mention_count"]}
    return docs


def read_fact_docs(conn: Any, fact_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The facts' list form as the link stage stored it; computed here for a fact without one."""
    fv = t.fact_views.c
    return _stored(conn, fv.fact_id, fv.doc, fact_ids,
                   lambda missing: fact_docs(conn, missing, fact_previews(conn, missing)))


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


def origin_labels(facts: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Origin key → readable label, from the facts' own origin lists."""
    labels = {}
    for fact in facts:
        for o in fact.get("origins") or []:
            if isinstance(o, dict) and (o.get("key") or o.get("id")) and o.get("label"):
                labels[o.get("key") or o.get("id")] = str(o["label"])
    return labels


# --- writing ------------------------------------------------------------------------------------

def refresh(conn: Any, *, stories: Iterable[str], facts: Iterable[str],
            added_by: Sequence[str] | None = None) -> dict[str, int]:
    """Recompute the views of the given stories and facts (inside the caller's transaction):
    every fact the run wrote, since a new status or discrepancy changes its list form too.

    ``added_by``: the articles this run linked, when the run was incremental (None: a full run,
    every mention is counted afresh).
    """
    story_ids, fact_ids = sorted(set(stories)), sorted(set(facts))
    old = read_fact_views(conn, fact_ids) if added_by is not None else {}
    previews = fact_previews(conn, fact_ids, added_by=added_by, old=old)
    docs = fact_docs(conn, fact_ids, previews)
    for chunk in chunks(fact_ids):
        conn.execute(delete(t.fact_views).where(t.fact_views.c.fact_id.in_(chunk)))
    rows = [{"fact_id": fid, **view, "doc": docs[fid]} for fid, view in previews.items() if fid in docs]
    for chunk in chunks(rows):
        conn.execute(insert(t.fact_views), chunk)
    views = story_views(conn, story_ids)
    for chunk in chunks(story_ids):
        conn.execute(delete(t.story_views).where(t.story_views.c.story_id.in_(chunk)))
    rows = [{"story_id": sid, "data": view} for sid, view in views.items()]
    for chunk in chunks(rows):
        conn.execute(insert(t.story_views), chunk)
    return {"stories": len(story_ids), "facts": len(fact_ids)}


def refresh_all(conn: Any) -> dict[str, int]:
    """Recompute every view from scratch (after a full re-link or a bulk load)."""
    conn.execute(delete(t.fact_views))
    conn.execute(delete(t.story_views))
    stories = list(conn.execute(select(t.stories.c.id)).scalars())
    facts = list(conn.execute(select(t.facts.c.id)).scalars())
    return refresh(conn, stories=stories, facts=facts)
