"""Facts: event mentions from many articles that describe one happening, with their origins.

:func:`event_mentions` turns one article's events into self-contained mention records (entity ids
for arguments, the quantity, the sentence, the origin of the claim).  :func:`compatible` decides
whether a mention can join a fact: same type, no conflicting core argument, overlapping time,
the same planned/actual reading and no conflicting quantity.  :func:`summarize` recomputes a
fact's time, label, origins, ``independent_origins`` and first report from its mentions.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from bisect import bisect_right
from functools import lru_cache
from typing import Any

from lagebild.link import corroboration, origins
from lagebild.model import events as events_model
from lagebild.model import items, numbers, timevalue
from lagebild.model.gazetteer import entries

QUANTITY_TOLERANCE = 0.1
#: types whose happenings repeat among the same parties within days (strike after strike): a
#: mention missing a core argument needs more than the window of reports to join one of them
REPEATED_TYPES = frozenset({"ATTACK"})


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
                   original: str | None, min_confidence: float = 0.0,
                   speaks_for: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Self-contained records of one article's events, ready to be merged into facts (those the
    extractor is at least ``min_confidence`` sure of; rule events without a confidence count), and
    only those with an argument that names an entity, a quantity or a thing: an event with none
    would make a fact "SANCTION ? → ?")."""
    sentences = sorted(layers.get("sentences", []), key=lambda s: s["start"])
    starts = [s["start"] for s in sentences]
    quantities = layers.get("quantities", [])
    mentions = layers.get("entities", [])
    view = origins.Article(article, layers, entity_of, names, speaks_for)
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
        time = past_time(time, ev.get("status", "asserted"), article.get("published"))
        if not entities and quantity is None and not any(r in events_model.THING_ROLES for r in args):
            continue  # "urged its partners to follow up with sanctions": nothing to hang a fact on
        sentence = _sentence(sentences, starts, ev["start"]) or (ev["start"], ev["end"])
        out.extend(by_item({
            "event": f"{article['id']}:{idx}", "article": article["id"], "idx": idx,
            "start": ev["start"], "end": ev["end"], "text": ev["text"], "sentence": list(sentence),
            "published": article.get("published"), "outlet": article.get("outlet"),
            "language": article.get("language"), "type": ev["type"], "status": ev.get("status", "asserted"),
            "confidence": ev.get("confidence"), "time": time, "args": args, "entities": entities, "quantity": quantity,
            **_origin_fields(origins.chain(ev, view, original)),
            "dup_of": original,
            "within": {e: c for es in entities.values() for e in es if (c := container(e, names.get(e)))},
        }))
    return out


def past_time(time: str | None, status: str, published: str | None) -> str | None:
    """The time of a happening reported as past, or None where it starts after the report's
    publication day (a misread "since the summer" in January, 2024-SU): such a time cannot
    hold, and kept it would keep the mention from the fact it belongs to.  A planned happening's
    time is None where it ends before the report's day: that date belongs to the plan, the
    invitation or the report ("Kim hatte Putin im September zu einem Gegenbesuch eingeladen",
    "intends to visit …, KCNA reported on Sunday"), not to the visit still to come."""
    if not time or not published:
        return time
    when = timevalue.parse(time)
    if when is None:
        return time
    day = date.fromisoformat(str(published)[:10])
    if status == "planned":
        return None if when.last < day else time
    return None if when.first > day else time


def by_item(record: dict[str, Any]) -> list[dict[str, Any]]:
    """A mention per item class it names: "Abschussrampen für ballistische Raketen und Munition"
    backs a launcher transfer and an ammunition transfer, two facts.  A figure goes with the class
    its unit names ("eine Million Artilleriegranaten"), or with the only class there is."""
    kind = events_model.TYPES.get(record["type"])
    if kind is not None and kind.role("weapon") and isinstance(record["args"].get("weapon"), dict):
        # an attack's weapons: evidence for merging (a drone strike and a missile strike are two), no split
        return [{**record, "items": list(items.classify(record["args"]["weapon"].get("text")))}]
    if kind is None or not kind.role("item"):
        return [{**record, "items": []}]
    item = record["args"].get("item")
    q = record.get("quantity")
    unit_classes = items.classify((q or {}).get("unit") or "") if q else ()
    classes = items.classify(item.get("text") if isinstance(item, dict) else None) or unit_classes
    if len(classes) <= 1:
        return [{**record, "items": list(classes)}]
    return [{**record, "items": [c], "part": c, "quantity": q if c in unit_classes else None} for c in classes]


def _entity_in_span(arg: dict[str, Any], mentions: list[dict[str, Any]], entity_of: dict[int, str]) -> str | None:
    """The entity of a mention inside an argument span the events stage left unlinked."""
    start, end = arg.get("start"), arg.get("end")
    if start is None or end is None:
        return None
    for i, m in enumerate(mentions):
        if start <= m["start"] and m["end"] <= end and i in entity_of and m.get("form") not in ("pronoun",):
            return entity_of[i]
    return None


def _origin_fields(chain: list[dict[str, Any]]) -> dict[str, Any]:
    """``origin``: the mention's first origin (stored per event row); ``origins``: all of them."""
    return {"origin": chain[0], "origins": chain}


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
    seed = mention["event"] + (f"#{mention['part']}" if mention.get("part") else "")
    return "fact:" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]


def planned(status: str) -> bool:
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
    """Evidence for joining ``fact`` (a score with a reason per feature), or None when something
    conflicts.

    A core argument missing on either side is no conflict; a capital matches its state.  At least
    one core argument must be shared; the item classes must meet (artillery shells and ballistic
    missiles are two facts); times must overlap; a plan never joins a happening; figures must agree.
    """
    data = fact["data"]
    if mention["type"] != fact["type"]:
        return None
    within = {**(data.get("within") or {}), **(mention.get("within") or {})}
    reasons: dict[str, str] = {"type": mention["type"]}
    score = 0.0
    shared = 0
    for role in events_model.identity_roles(fact["type"]):
        mine = set(mention["entities"].get(role, []))
        theirs = set(data["entities"].get(role, []))
        if not mine or not theirs:
            reasons[role] = "missing on one side (no conflict)"
            continue
        if not any(same_place(a, b, within) for a in mine for b in theirs):
            return None
        if events_model.is_many(fact["type"], role) and not _members_agree(mine, theirs, within):
            return None
        shared += 1
        score += 1.0
        reasons[role] = "same" if mine & theirs else "a capital and its state"
    if shared == 0:
        return None
    mine_items, their_items = mention.get("items") or [], data.get("items") or []
    if not items.compatible(mine_items, their_items):
        return None
    places = _places_conflict(mention, data, within)
    if places:
        return None
    partial = shared < len(events_model.identity_roles(fact["type"]))
    if partial and fact["type"] in REPEATED_TYPES and not _corroborates_partial(mention, data, fact.get("time"),
                                                                                      mine_items, their_items):
        return None  # "Türkei greift an" is not every Turkish attack of those weeks
    if mine_items and their_items:
        score += 0.5
        reasons["items"] = "same class: " + ", ".join(sorted(set(mine_items) & set(their_items)))
    else:
        reasons["items"] = "class unknown on one side"
    when = fact.get("time")  # the fact's time, from all its mentions (summarize)
    if not timevalue.compatible(mention["time"], when):
        return None
    if mention["time"] and when:
        score += 0.5
        reasons["time"] = f"{mention['time']} overlaps {when}"
    else:
        reasons["time"] = "unknown on one side"
    if planned(mention["status"]) != data.get("planned", False):
        return None
    if not quantities_agree(mention.get("quantity"), data.get("quantity")):
        return None
    if mention.get("quantity") and data.get("quantity"):
        score += 0.5
        reasons["quantity"] = "figures agree"
    return {"shared_roles": shared, "score": round(score, 2), "reasons": reasons,
            "time": when, "mention_time": mention["time"]}


def _places_conflict(mention: dict[str, Any], data: dict[str, Any], within: dict[str, str]) -> bool:
    """Both name where it happened, and the places differ: two towns, or a town (capital) of
    another state than the one the other side names."""
    mine, theirs = set(mention["entities"].get("place", [])), set(data["entities"].get("place", []))
    if not mine or not theirs:
        return False
    for a in mine:
        for b in theirs:
            if same_place(a, b, within):
                return False
            state_a, state_b = a.startswith("gpe:"), b.startswith("gpe:")
            if (state_a and within.get(b) in (None, a)) or (state_b and within.get(a) in (None, b)):
                return False  # a state and a place we cannot place elsewhere
    return True


def _corroborates_partial(mention: dict[str, Any], data: dict[str, Any], when: str | None,
                          mine_items: list[str], their_items: list[str]) -> bool:
    """A mention missing a core argument (or meeting a fact missing one) joins only with more to
    go on: specific times that agree, the same item class, or the same article."""
    if timevalue.specific(mention["time"]) and timevalue.specific(when):
        return True
    if mine_items and their_items:
        return True
    return any(m["article"] == mention["article"] for m in data.get("mentions", []))


#: an id of an entity or an origin as the link stage writes them ("gpe:KP", "per:56c8a1a43868", "outlet:x")
_NAMED_ID = re.compile(r"[a-z]{2,8}:\S+")


def named_ids(data: Any) -> str:
    """Every entity or origin id a fact's data names anywhere (its arguments, mentions, origins
    and speakers, as a value or a key), each between spaces (" gpe:KP gpe:RU "): the store finds
    an entity's facts by it without reading their data."""
    found: set[str] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            found.update(k for k in value if isinstance(k, str) and _NAMED_ID.fullmatch(k))
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, str) and _NAMED_ID.fullmatch(value):
            found.add(value)
    return " " + " ".join(sorted(found)) + " " if found else ""


def new_fact(mention: dict[str, Any], story: str | None) -> dict[str, Any]:
    return {"id": fact_id(mention), "type": mention["type"], "label": "", "time": None, "status": None,
            "independent_origins": 0, "first_reported": None, "story_id": story, "confidence": None, "rules": None,
            "named_ids": "",
            "data": {"mentions": [], "entities": {}, "planned": planned(mention["status"]), "items": [],
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
    for c in mention.get("items") or []:
        if c not in data.setdefault("items", []):
            data["items"].append(c)
    if evidence is not None and len(data["evidence"]) < 30:
        data["evidence"].append({"event": mention["event"], **evidence})
    summarize(fact)


def summarize(fact: dict[str, Any]) -> None:
    """Recompute time, quantity, label, origins, first report and confidence from the mentions."""
    data = fact["data"]
    ms = data["mentions"]
    fact["time"] = timevalue.best([m["time"] for m in ms])
    sure = [m["confidence"] for m in ms if m.get("confidence") is not None]
    fact["confidence"] = max(sure) if sure else None  # the learned extractor's best
    fact["rules"] = len(sure) < len(ms)  # an event of the rules (no confidence) backs it
    quants = [m["quantity"] for m in ms if m.get("quantity") and m["quantity"].get("value") is not None]
    data["quantity"] = quants[0] if quants else None
    published = sorted(m["published"] for m in ms if m.get("published"))
    fact["first_reported"] = published[0] if published else None
    data["last_reported"] = published[-1] if published else None
    originals = {m["article"] for m in ms}
    found: list[dict[str, Any]] = []
    for m in sorted(ms, key=lambda m: (m.get("published") or "9999", m["event"])):
        for o in m.get("origins") or [m["origin"]]:
            if o["kind"] == "republication" and m.get("dup_of") in originals:
                continue  # its original is a mention of this fact already
            found.append({**o, "events": [m["event"]]})
    language = "en" if ms and ms[0].get("language") == "en" else "de"
    kind = events_model.TYPES.get(fact["type"])
    data["origins"] = corroboration.independent(found, {m["event"]: m["article"] for m in ms}, language,
                                                speech_act=bool(kind and kind.speech_act))
    fact["independent_origins"] = corroboration.count(data["origins"])
    data["corroboration"] = corroboration.explain(data["origins"], language)
    data["denied_in"] = sorted({o["label"] for o in data["origins"] if o["kind"] == "denial"})
    data["statuses"] = sorted({m["status"] for m in ms})


#: the longest argument text a label shows where no entity fills a role ("rund 50 Staaten")
LABEL_TEXT = 48


#: first words of an argument text that only point elsewhere ("ihre Waffenpartnerschaft"): not shown
POINTERS = frozenset("""ihr ihre ihrem ihren ihrer ihres sein seine seinem seinen seiner seines dessen deren
es sie er ihm ihn ihnen wir uns unser unsere unseren unserem ich mich mir du dich dir euch man
this that these those its their his her it they he she him them us we our i me my you your""".split())


def _short(text: str | None) -> str | None:
    text = " ".join((text or "").split())
    if not text or text.split(" ", 1)[0].lower() in POINTERS:
        return None
    return text if len(text) <= LABEL_TEXT else text[:LABEL_TEXT - 1].rsplit(" ", 1)[0] + "…"


def label(fact: dict[str, Any], names: dict[str, str]) -> str:
    """A short language-neutral label: ``SUPPLY Nordkorea → Russland: Granaten (1000000)``.

    A role no entity fills shows the first mention's text for it ("CONDEMN rund 50 Staaten"),
    else ``?``; a speech act without a target shows what it is about instead
    ("CONDEMN rund 50 Staaten: die Lieferung nordkoreanischer Raketen …")."""
    data = fact["data"]
    roles = events_model.identity_roles(fact["type"])
    first = data["mentions"][0] if data["mentions"] else {}
    texts: dict[str, str] = {}
    for role, arg in events_model.each_arg(first.get("args")):
        if isinstance(arg, dict) and role not in texts and (short := _short(arg.get("text"))):
            texts[role] = short

    def show(role: str) -> str:
        return " / ".join(names.get(e, e) for e in data["entities"].get(role, [])) or texts.get(role) or "?"

    if len(roles) == 2:
        whom = show(roles[1])
        about = texts.get("about") if events_model.event_type(fact["type"]).speech_act else None
        head = f"{fact['type']} {show(roles[0])}" + (f": {about}" if whom == "?" and about else f" → {whom}")
    elif roles:
        head = f"{fact['type']} {show(roles[0])}"
    else:
        head = fact["type"]
    classes = data.get("items") or []
    item_class = items.by_key(classes[0]) if len(classes) == 1 else None
    item = item_class.name(first.get("language")) if item_class else next(
        (a.get("text") for r, a in events_model.each_arg(first.get("args")) if r in events_model.LABEL_ROLES), None)
    q = data.get("quantity")
    tail = " ".join(x for x in (item, f"({q['text'] or q['value']})" if q else None) if x)
    prefix = "planned: " if data.get("planned") else ""
    return prefix + head + (f": {tail}" if tail else "")


def status(fact: dict[str, Any], disputed: bool) -> str:
    if disputed or "denied" in fact["data"].get("statuses", []):
        return "disputed"
    return "corroborated" if fact["independent_origins"] >= 2 else "single-origin"
