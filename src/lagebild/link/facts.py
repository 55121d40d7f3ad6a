"""Facts: event mentions from many articles that describe one happening, with their origins.

:func:`event_mentions` turns one article's events into self-contained mention records (entity ids
for arguments, the quantity, the sentence, the origin of the claim).  :func:`compatible` decides
whether a mention can join a fact: same type, no conflicting core argument, overlapping time,
the same planned/actual reading and no conflicting quantity.  :func:`summarize` recomputes a
fact's time, label, origins, ``independent_origins`` and first report from its mentions.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any

from lagebild.link.names import fold, plain
from lagebild.model import events as events_model
from lagebild.model import numbers, timevalue
from lagebild.model.gazetteer import entries, outlet_keys

QUANTITY_TOLERANCE = 0.1


@lru_cache(maxsize=4096)
def container(entity: str, name: str | None) -> str | None:
    """The state a place entity lies in, from the gazetteer: its capital names (constant data).

    A state (``gpe:XX``) has none; "Pjöngjang", "Pyongyang" and "Moskau" give their state, whatever
    id the entity stage gave them.
    """
    if entity.startswith("gpe:") or not name:
        return None
    for language in ("de", "en"):
        entry = entries(language).get(name)
        if entry is not None and entry.form == "capital" and entry.key.startswith("gpe:"):
            return entry.key
    return None


def _sentence(sentences: list[dict[str, Any]], starts: list[int], offset: int) -> tuple[int, int] | None:
    i = bisect_right(starts, offset) - 1
    if 0 <= i < len(sentences) and sentences[i]["start"] <= offset < sentences[i]["end"]:
        return sentences[i]["start"], sentences[i]["end"]
    return None


def _quantity(arg: dict[str, Any], quantities: list[dict[str, Any]], language: str | None) -> dict[str, Any] | None:
    q = arg.get("quantity")
    if q is not None and 0 <= q < len(quantities):
        rec = quantities[q]
        return {k: rec.get(k) for k in ("value", "low", "high", "approximate", "unit", "text", "per", "tally")}
    value = arg.get("value")
    if not isinstance(value, (int, float)):
        value = numbers.read_figure(arg.get("text"), language)
    if value is not None:
        return {"value": value, "low": None, "high": None, "approximate": False, "unit": None,
                "text": arg.get("text"), "per": None, "tally": None}
    return None


def shown(event: dict[str, Any], min_confidence: float) -> bool:
    """Whether a stored event is confident enough to be linked and shown."""
    confidence = event.get("confidence")
    return confidence is None or confidence >= min_confidence


def event_mentions(article: dict[str, Any], layers: dict[str, list[dict[str, Any]]],
                   entity_of: dict[int, str], names: dict[str, str],
                   original: str | None, min_confidence: float = 0.0) -> list[dict[str, Any]]:
    """Self-contained records of one article's events, ready to be merged into facts (those the
    extractor is at least ``min_confidence`` sure of; rule events without a confidence count)."""
    sentences = sorted(layers.get("sentences", []), key=lambda s: s["start"])
    starts = [s["start"] for s in sentences]
    quantities = layers.get("quantities", [])
    quotes = layers.get("quotes", [])
    mentions = layers.get("entities", [])
    out = []
    for idx, ev in enumerate(layers.get("events", [])):
        if not shown(ev, min_confidence):
            continue
        args: dict[str, dict[str, Any]] = {}
        entities: dict[str, list[str]] = {}
        quantity = None
        time = ev.get("time")
        for base, arg in events_model.each_arg(ev.get("args")):
            eid = entity_of.get(arg["mention"]) if arg.get("mention") is not None else None
            if eid is None and base not in ("time", "quantity"):
                eid = _entity_in_span(arg, mentions, entity_of)
            if eid:
                entities.setdefault(base, [])
                if eid not in entities[base]:
                    entities[base].append(eid)
            if base == "quantity":
                quantity = _quantity(arg, quantities, article.get("language")) or quantity
            if base == "time" and not time and isinstance(arg.get("value"), str):
                time = arg["value"]
            value = {"entity": eid, "name": names.get(eid) if eid else None, "text": arg.get("text"),
                     "value": arg.get("value")}
            if events_model.is_many(ev["type"], base):
                args.setdefault(base, []).append(value)
            else:
                args[base] = value
        sentence = _sentence(sentences, starts, ev["start"]) or (ev["start"], ev["end"])
        out.append({
            "event": f"{article['id']}:{idx}", "article": article["id"], "idx": idx,
            "start": ev["start"], "end": ev["end"], "text": ev["text"], "sentence": list(sentence),
            "published": article.get("published"), "outlet": article.get("outlet"),
            "language": article.get("language"), "type": ev["type"], "status": ev.get("status", "asserted"),
            "time": time, "args": args, "entities": entities, "quantity": quantity,
            "origin": origin(ev, article, mentions, quotes, entity_of, names, original),
            "dup_of": original,
            "within": {e: c for es in entities.values() for e in es if (c := container(e, names.get(e)))},
        })
    return out


def _entity_in_span(arg: dict[str, Any], mentions: list[dict[str, Any]], entity_of: dict[int, str]) -> str | None:
    """The entity of a mention inside an argument span the events stage left unlinked."""
    start, end = arg.get("start"), arg.get("end")
    if start is None or end is None:
        return None
    for i, m in enumerate(mentions):
        if start <= m["start"] and m["end"] <= end and i in entity_of and m.get("form") not in ("pronoun",):
            return entity_of[i]
    return None


def origin(ev: dict[str, Any], article: dict[str, Any], mentions: list[dict[str, Any]],
           quotes: list[dict[str, Any]], entity_of: dict[int, str], names: dict[str, str],
           original: str | None) -> dict[str, Any]:
    """Where the claim comes from: a speaker at an occasion, a named source, or the outlet itself."""
    att = ev.get("attribution") or {}
    speaker = entity_of.get(att["mention"]) if att.get("mention") is not None else None
    quote = quotes[att["quote"]] if att.get("quote") is not None and att["quote"] < len(quotes) else None
    if quote is None and speaker is None:  # an event stated inside a quote is the speaker's claim
        quote = next((q for q in quotes if q["start"] <= ev["start"] and ev["end"] <= q["end"]), None)
    if speaker is None and quote and (quote.get("speaker") or {}).get("mention") is not None:
        speaker = entity_of.get(quote["speaker"]["mention"])
    outlets = outlet_keys()
    own = fold(article.get("outlet") or "")
    if speaker is not None:
        if speaker in outlets:
            return {"key": speaker, "label": names.get(speaker, speaker), "kind": "report"}
        occasion = _occasion(speaker, mentions, quotes, entity_of, outlets, own)
        if occasion:
            return {"key": f"{speaker}@{occasion}", "label": f"{names.get(speaker, speaker)} "
                    f"({names.get(occasion, occasion)})", "kind": "speaker", "speaker": speaker,
                    "occasion": occasion}
        return {"key": speaker, "label": names.get(speaker, speaker), "kind": "speaker", "speaker": speaker}
    text = (att.get("text") or "").strip()
    cited = _cited_outlet(ev, mentions, entity_of, outlets, own)
    if cited:  # "..., the country's state news agency KCNA reported": the named report, not the phrase
        return {"key": cited, "label": names.get(cited, cited), "kind": "report"}
    if len(text) >= 4 and att.get("kind") not in (None, "outlet"):
        return {"key": "src:" + slug(text), "label": text, "kind": att.get("kind") or "source"}
    if original is not None:
        return {"key": "article:" + original, "label": f"original of {article['id']}", "kind": "republication"}
    outlet = article.get("outlet")
    if outlet:
        return {"key": "outlet:" + slug(outlet), "label": outlet, "kind": "outlet"}
    return {"key": "article:" + article["id"], "label": article.get("title") or article["id"], "kind": "outlet"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", plain(text)).strip("-")[:60]


def _cited_outlet(ev: dict[str, Any], mentions: list[dict[str, Any]], entity_of: dict[int, str],
                  outlets: frozenset[str], own: str) -> str | None:
    """Another outlet named in the event's own clause ("wie die Financial Times berichtete")."""
    for i, m in enumerate(mentions):
        eid = entity_of.get(i)
        if eid in outlets and ev["start"] <= m["start"] < ev["end"] + 80 and fold(m.get("name") or m["text"]) != own:
            return eid
    return None


def _occasion(speaker: str, mentions: list[dict[str, Any]], quotes: list[dict[str, Any]],
              entity_of: dict[int, str], outlets: frozenset[str], own: str) -> str | None:
    """An outlet named near the speaker (an interview with the FT); the article's own outlet excluded."""
    spots = [m["start"] for i, m in enumerate(mentions) if entity_of.get(i) == speaker]
    for q in quotes:
        sp = q.get("speaker") or {}
        if sp.get("mention") is not None and entity_of.get(sp["mention"]) == speaker:
            spots.append(q["start"])
    best: tuple[int, str] | None = None
    for i, m in enumerate(mentions):
        eid = entity_of.get(i)
        if eid not in outlets or (own and fold(m.get("name") or m["text"]) == own):
            continue
        distance = min((abs(m["start"] - s) for s in spots), default=10 ** 9)
        if distance <= 400 and (best is None or distance < best[0]):
            best = (distance, eid)  # type: ignore[assignment]
    return best[1] if best else None


# --- facts ---------------------------------------------------------------------------------------


def family(mention: dict[str, Any]) -> str:
    """Type plus core arguments: facts of one family are candidates for discrepancies."""
    parts = [mention["type"]]
    for role in events_model.identity_roles(mention["type"]):
        parts.append(role + "=" + ",".join(sorted(mention["entities"].get(role, []))) or "?")
    return "|".join(parts)


def lookup_keys(mention: dict[str, Any]) -> list[str]:
    """Index keys under which a mention looks for facts: one per core argument entity."""
    within = mention.get("within") or {}
    keys = []
    for role in events_model.identity_roles(mention["type"]):
        for e in mention["entities"].get(role, []):
            keys.append(f"{mention['type']}|{role}={e}")
            if e in within:  # "Pjöngjang" finds the facts about "Nordkorea" and the other way round
                keys.append(f"{mention['type']}|{role}={within[e]}")
    return list(dict.fromkeys(keys)) or [f"{mention['type']}|story"]


def fact_id(mention: dict[str, Any]) -> str:
    return "fact:" + hashlib.sha1(mention["event"].encode("utf-8")).hexdigest()[:12]


def _planned(status: str) -> bool:
    return status == "planned"


def bounds(q: dict[str, Any]) -> tuple[float, float] | None:
    """The interval a figure allows: "rund eine Million" a point, "mehr als eine Million" [1e6, ∞)."""
    figure = numbers.Figure.of(q)
    return None if figure is None else (figure.low, figure.high)


def quantities_agree(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    """Figures agree within :data:`QUANTITY_TOLERANCE`; a bound ("more than") agrees with any
    figure it allows.  A rate never agrees with an amount (they never make one fact; rates of
    different periods compare per one period), nor a running total with an addition ("insgesamt"
    vs "weitere").  Missing figures agree with everything."""
    fa, fb = numbers.Figure.of(a), numbers.Figure.of(b)
    return fa is None or fb is None or fa.agrees(fb, QUANTITY_TOLERANCE)


def same_place(a: str, b: str, within: dict[str, str]) -> bool:
    """One entity, a capital and its state, or two names of one state's capital."""
    if a == b:
        return True
    ca, cb = within.get(a), within.get(b)
    return ca == b or cb == a or (ca is not None and ca == cb)


def _members_agree(mine: set[str], theirs: set[str], within: dict[str, str]) -> bool:
    """Two lists of participants (or parties) are one meeting when they share two members, or all
    members of the shorter list: Choe–Lawrow and Putin–Choe are two meetings, Putin–Kim and Kim one."""
    common = sum(1 for a in mine if any(same_place(a, b, within) for b in theirs))
    return common >= min(2, len(mine), len(theirs))


def compatible(mention: dict[str, Any], fact: dict[str, Any]) -> dict[str, Any] | None:
    """Evidence for joining ``fact``, or None when something conflicts.

    A core argument missing on either side is no conflict; a capital matches its state.  At least
    one core argument must be shared.
    """
    data = fact["data"]
    if mention["type"] != fact["type"]:
        return None
    within = {**(data.get("within") or {}), **(mention.get("within") or {})}
    shared = 0
    for role in events_model.identity_roles(fact["type"]):
        mine = set(mention["entities"].get(role, []))
        theirs = set(data["entities"].get(role, []))
        if not mine or not theirs:
            continue
        if not any(same_place(a, b, within) for a in mine for b in theirs):
            return None
        if events_model.is_many(fact["type"], role) and not _members_agree(mine, theirs, within):
            return None
        shared += 1
    if shared == 0:
        return None
    if not timevalue.compatible(mention["time"], data.get("time")):
        return None
    if _planned(mention["status"]) != data.get("planned", False):
        return None
    if not quantities_agree(mention.get("quantity"), data.get("quantity")):
        return None
    return {"shared_roles": shared, "time": data.get("time"), "mention_time": mention["time"]}


def new_fact(mention: dict[str, Any], story: str | None) -> dict[str, Any]:
    return {"id": fact_id(mention), "type": mention["type"], "label": "", "time": None, "status": None,
            "independent_origins": 0, "first_reported": None, "story_id": story,
            "data": {"mentions": [], "entities": {}, "planned": _planned(mention["status"]),
                     "quantity": None, "family": family(mention), "evidence": []}}


def add_mention(fact: dict[str, Any], mention: dict[str, Any], evidence: dict[str, Any] | None) -> None:
    data = fact["data"]
    data["mentions"] = [m for m in data["mentions"] if m["event"] != mention["event"]] + [mention]
    for role, ents in mention["entities"].items():
        merged = data["entities"].setdefault(role, [])
        for e in ents:
            if e not in merged:
                merged.append(e)
    data.setdefault("within", {}).update(mention.get("within") or {})
    if evidence is not None and len(data["evidence"]) < 30:
        data["evidence"].append({"event": mention["event"], **evidence})
    summarize(fact)


def independent(origins: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Distinct origins; a speaker without a known occasion folds into that speaker's occasion."""
    by_key: dict[str, dict[str, Any]] = {}
    with_occasion = {o["speaker"]: o["key"] for o in origins if o.get("occasion")}
    occasions = {o["occasion"]: o["key"] for o in origins if o.get("occasion")}
    for o in origins:
        key = o["key"]
        if o.get("kind") == "speaker" and not o.get("occasion") and o.get("speaker") in with_occasion:
            key = with_occasion[o["speaker"]]
        elif o.get("kind") == "report" and key in occasions:  # "the FT reported" = the interview it ran
            key = occasions[key]
        entry = by_key.setdefault(key, {k: v for k, v in o.items() if k != "events"} | {"events": []})
        entry["events"].extend(o.get("events", []))
    return list(by_key.values())


UNNAMED_KINDS = frozenset({"outlet"})


def _fold_unnamed(origins: list[dict[str, Any]], mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An article's unnamed claims of a fact ("nach nordkoreanischen Angaben", "the agency said",
    the outlet's own restatement) are the named origin the same article gives for that fact."""
    article_of = {m["event"]: m["article"] for m in mentions}
    named: dict[str, dict[str, Any]] = {}
    for o in origins:
        if o["kind"] in ("report", "speaker"):
            named.setdefault(article_of[o["events"][0]], o)
    out = []
    for o in origins:
        target = named.get(article_of[o["events"][0]])
        unnamed = o["kind"] in UNNAMED_KINDS or o["key"].startswith("src:")
        if target is not None and unnamed and target is not o:
            out.append({k: v for k, v in target.items() if k != "events"} | {"events": o["events"]})
        else:
            out.append(o)
    return out


def summarize(fact: dict[str, Any]) -> None:
    """Recompute time, quantity, label, origins and first report from the mentions."""
    data = fact["data"]
    ms = data["mentions"]
    fact["time"] = timevalue.best([m["time"] for m in ms])
    quants = [m["quantity"] for m in ms if m.get("quantity") and m["quantity"].get("value") is not None]
    data["quantity"] = quants[0] if quants else None
    published = sorted(m["published"] for m in ms if m.get("published"))
    fact["first_reported"] = published[0] if published else None
    data["last_reported"] = published[-1] if published else None
    originals = {m["article"] for m in ms}
    origins: list[dict[str, Any]] = []
    for m in sorted(ms, key=lambda m: (m.get("published") or "9999", m["event"])):
        o = dict(m["origin"])
        if o["kind"] == "republication" and m.get("dup_of") in originals:
            continue  # its original is a mention of this fact already
        o["events"] = [m["event"]]
        origins.append(o)
    data["origins"] = independent(_fold_unnamed(origins, ms))
    fact["independent_origins"] = len(data["origins"])
    data["statuses"] = sorted({m["status"] for m in ms})


def label(fact: dict[str, Any], names: dict[str, str]) -> str:
    """A short language-neutral label: ``SUPPLY Nordkorea → Russland: Granaten (1000000)``."""
    data = fact["data"]
    roles = events_model.identity_roles(fact["type"])

    def show(role: str) -> str:
        return " / ".join(names.get(e, e) for e in data["entities"].get(role, [])) or "?"

    if len(roles) == 2:
        head = f"{fact['type']} {show(roles[0])} → {show(roles[1])}"
    elif roles:
        head = f"{fact['type']} {show(roles[0])}"
    else:
        head = fact["type"]
    first = data["mentions"][0] if data["mentions"] else {}
    item = next((a.get("text") for r, a in events_model.each_arg(first.get("args"))
                 if r in events_model.LABEL_ROLES), None)
    q = data.get("quantity")
    tail = " ".join(x for x in (item, f"({q['text'] or q['value']})" if q else None) if x)
    prefix = "planned: " if data.get("planned") else ""
    return prefix + head + (f": {tail}" if tail else "")


def status(fact: dict[str, Any], disputed: bool) -> str:
    if disputed or "denied" in fact["data"].get("statuses", []):
        return "disputed"
    return "corroborated" if fact["independent_origins"] >= 2 else "single-origin"
