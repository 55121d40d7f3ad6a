"""Read the link results back: export sections, one mention's entity, user judgements."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from lagebild.errors import LagebildError
from lagebild.link import discrepancies as dx
from lagebild.link.entities import token
from lagebild.link.names import fold
from lagebild.model.titles import display_title
from lagebild.store import Store

VERDICTS = ("same", "different", "speaks_for")


class LinkError(LagebildError):
    """The link stage cannot do what was asked (an unknown verdict or entity)."""


def entity_of_mention(store: Store, article_id: str, idx: int) -> dict[str, Any] | None:
    """``{"entity": id, "name": canonical name}`` for one entity mention, or None when unlinked."""
    return store.entity_of_mention(article_id, idx)


def find_entities(store: Store, value: str) -> list[str]:
    """Entity ids named by ``value``: an id, or any alias (folded)."""
    if store.has_entity(value):
        return [value]
    key = "n:" + fold(value)
    return sorted(set(store.index_refs("name", [key]).get(key, ())))


def judge(store: Store, a: str, b: str, verdict: str) -> dict[str, Any]:
    """Record that ``a`` and ``b`` (entity ids or alias names) are the same or different; re-link.

    The judgement is stored in ``judgements`` and applied by this and every later :func:`link`
    (a full re-link here, since a split or merge can move mentions, facts and stories).
    """
    from lagebild.link.runner import link  # cycle: the runner imports this module's sections

    if verdict not in VERDICTS:
        raise LinkError(f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    if token(a) == token(b):
        raise LinkError(f"{a!r} and {b!r} name the same thing; a judgement needs two")
    for name in (a,) if verdict == "speaks_for" else (a, b):  # whom one speaks for may be any body
        if not _known(store, name):
            hint = "" if store.has_entities() else " (the store is not linked yet: run 'lagebild link')"
            raise LinkError(f"no entity is named {name!r}{hint}; 'lagebild entities list -q …' shows the names")
    x, y = (a, b) if verdict == "speaks_for" else sorted((a, b))  # "speaks_for": person, then body
    store.put_judgement(x, y, verdict)
    return link(store, full=True)


def _known(store: Store, name: str) -> bool:
    """An entity id or an alias of some entity in the store."""
    if ":" in name and store.entity_row(name) is not None:
        return True
    return bool(store.index_refs("name", [token(name) if ":" not in name else "n:" + fold(name)]))


def _story_names(store: Store, members: dict[str, list[str]]) -> dict[str, str]:
    """Untitled story → the name of its first article (title, else lead sentence)."""
    wanted = sorted({a for arts in members.values() for a in arts})
    if not wanted:
        return {}
    meta = store.article_meta(wanted)
    first = {sid: min(arts, key=lambda a: (str(getattr(meta.get(a), "published", None) or "9999"), a))
             for sid, arts in members.items() if arts}
    texts = store.article_texts(sorted(set(first.values())))
    return {sid: display_title(getattr(meta.get(a), "title", None), texts.get(a)) for sid, a in first.items()}


def _filter_articles(ids: Collection[str] | None) -> set[str] | None:
    return None if ids is None else set(ids)


def _facts(fact_rows: list[Any], names: dict[str, str], wanted: set[str] | None,
           shown: set[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The facts section (and the facts as the timeline reads them): with ``wanted``, only the
    facts of the ``shown`` stories that one of the wanted articles reports."""
    facts, fact_dicts = [], []
    for row in fact_rows:
        data = row.data or {}
        ms = data.get("mentions", [])
        if wanted is not None and (row.story_id not in shown or not any(m["article"] in wanted for m in ms)):
            continue
        args = {role: [{"entity": e, "name": names.get(e, e)} for e in ents]
                for role, ents in data.get("entities", {}).items()}
        if data.get("quantity"):
            args["quantity"] = data["quantity"]
        facts.append({
            "id": row.id, "type": row.type, "label": row.label, "args": args, "time": row.time,
            "events": [m["event"] for m in ms],
            "origins": [{"id": o["key"], "label": o["label"], "kind": o["kind"], "events": o.get("events", []),
                         "counted": o.get("counted", True), "sources": o.get("sources", []),
                         "channels": o.get("channels", []), "outlets": o.get("outlets", [])}
                        if isinstance(o, dict) else {"id": str(o), "label": str(o), "kind": None, "events": [],
                                                     "counted": True, "sources": [], "channels": [], "outlets": []}
                        for o in data.get("origins", [])],  # a bare string: a label given by hand
            "corroboration": data.get("corroboration"), "items": data.get("items", []),
            "deniers": data.get("deniers", []),
            "independent_origins": row.independent_origins,
            "first_reported": row.first_reported.isoformat() if hasattr(row.first_reported, "isoformat")
            else row.first_reported,
            "status": row.status, "story": row.story_id, "denied_by": data.get("denied_by"),
            "mentions": [{"event": m["event"], "article": m["article"], "start": m["start"], "end": m["end"],
                          "sentence": m["sentence"], "status": m["status"], "time": m["time"],
                          "origin": m["origin"]["key"]} for m in ms],
        })
        fact_dicts.append({"id": row.id, "label": row.label, "time": row.time, "story_id": row.story_id,
                           "first_reported": facts[-1]["first_reported"], "data": data})
    return facts, fact_dicts


def export_sections(store: Store, article_ids: Collection[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The link sections of the export (DESIGN §4), optionally restricted to some articles.

    Restricted, the stories are those holding one of the articles, and the facts are those of
    these stories that one of the articles reports: a fact belongs to one story, so a story's
    export lists the facts its listing counts, not also an older story's fact that one of its
    articles recalls (that fact keeps the mention, and is exported with its own story).
    """
    wanted = _filter_articles(article_ids)
    tables = store.link_tables()
    ent_rows, me, story_rows = tables["entities"], tables["mention_entities"], tables["stories"]
    members, fact_rows, disc_rows = tables["story_articles"], tables["facts"], tables["discrepancies"]
    sum_rows, dups = tables["summaries"], tables["duplicates"]
    if wanted is not None:
        me = [r for r in me if r.article_id in wanted]
    layer_cache: dict[str, list[dict[str, Any]]] = {}
    for article in sorted({r.article_id for r in me}):
        layer_cache[article] = store.load_layers(article).get("entities", [])
    mentions: dict[str, list[dict[str, Any]]] = {}
    for r in me:
        recs = layer_cache.get(r.article_id, [])
        if r.idx < len(recs):
            m = recs[r.idx]
            mentions.setdefault(r.entity_id, []).append(
                {"article": r.article_id, "start": m["start"], "end": m["end"], "text": m["text"],
                 "score": r.score, "evidence": r.evidence})
    entities = []
    for eid, row in sorted(ent_rows.items()):
        if wanted is not None and eid not in mentions:
            continue
        data = row.data or {}
        entities.append({"id": eid, "name": row.name, "type": row.type, "aliases": list(row.aliases),
                         "mentions": mentions.get(eid, []), "evidence": data.get("evidence", []),
                         "alias_forms": data.get("forms", {})})
    names = {eid: row.name for eid, row in ent_rows.items()}
    by_story: dict[str, list[str]] = {}
    for m in members:
        by_story.setdefault(m.story_id, []).append(m.article_id)
    stories = []
    untitled = {row.id: sorted(by_story.get(row.id, [])) for row in story_rows if not (row.title or "").strip()}
    fallback = _story_names(store, untitled)
    for row in story_rows:
        arts = sorted(by_story.get(row.id, []))
        if wanted is not None:
            arts = [a for a in arts if a in wanted]
            if not arts:
                continue
        data = row.data or {}
        stories.append({"id": row.id, "title": (row.title or "").strip() or fallback.get(row.id, "untitled story"),
                        "articles": arts, "first": data.get("first"),
                        "last": data.get("last"), "languages": data.get("languages", {}),
                        "duplicates": [{"article": a, "original": dups[a].original_id,
                                        "similarity": dups[a].similarity} for a in arts if a in dups]})
    facts, fact_dicts = _facts(fact_rows, names, wanted, {s["id"] for s in stories})
    kept = {f["id"] for f in facts}
    discs = []
    for row in disc_rows:
        data = row.data or {}
        if wanted is not None and not set(data.get("facts", [])) & kept:
            continue
        discs.append({"facts": data.get("facts", []), "kind": row.kind, "detail": data.get("detail", ""),
                      "sides": data.get("sides", []), "id": row.id})
    summaries = []
    for row in sum_rows:
        sentences = (row.data or {}).get("sentences", [])
        if wanted is not None:
            sentences = [s for s in sentences if s["article"] in wanted]
            if not sentences:
                continue
        summaries.append({"story": row.story_id, "language": row.language, "sentences": sentences})
    timeline = [{"time": r["time"], "fact": r["fact"], "label": r["label"], "precision": r["precision"],
                 "time_from": r["time_from"], "story": r["story"], "sentences": r["sentences"]}
                for r in dx.timeline(fact_dicts)]
    return {"entities": entities, "stories": stories, "facts": facts, "timeline": timeline,
            "discrepancies": discs, "summaries": summaries}
