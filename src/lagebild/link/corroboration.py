"""Corroboration: how many independent origins back a fact, in words, and who denies it.

:func:`independent` groups a fact's origins (:mod:`lagebild.link.origins`) by the body they speak
for (a government counts once, however many of its officials, agencies or spellings speak; five
outlets quoting one interview are one origin) and counts them.  Unnamed sources ("Berichten
zufolge") and events only mentioned as what someone condemns or accuses count only where nothing
named backs the fact; a denial never counts, it disputes (:func:`denials`).  :func:`explain`
writes the count out in words.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from lagebild import lexicons
from lagebild.link.origins import UNNAMED_LABEL
from lagebild.model import events as events_model, gazetteer, items, timevalue


STATE_MEDIA = "gazetteer/state_media.txt"
#: origin keys that stand for the outlet's (or the article's) own word
_OWN_WORD = ("outlet:", "article:")


@lru_cache(maxsize=1)
def state_media() -> dict[str, str]:
    """Key of a news agency a government runs → the key of that government's state ("org:kcna" →
    "gpe:KP"): "nach nordkoreanischen Angaben" and a KCNA report are one origin."""
    table = gazetteer.organization_table()
    return {key: "gpe:" + table[key].country for key in lexicons.words(STATE_MEDIA)
            if key in table and table[key].country}


def independent(origins: list[dict[str, Any]], article_of: dict[str, str],
                language: str = "de", speech_act: bool = False) -> list[dict[str, Any]]:
    """A fact's origins grouped by the body they speak for, counted ones first.

    ``origins`` are per-mention origins with their ``events``; ``article_of`` maps an event to its
    article.  An article's own unsourced restatement of a fact folds into the named origin the same
    article gives for it; unnamed sources and framed mentions count only where nothing named backs
    the fact; denials never count.  In a speech act (a denial, accusation, condemnation) an
    outlet that only tells of it is no origin of its own where a speaker is known: the words are
    the speaker's, the outlets report them.
    """
    origins = [dict(o, key=state_media()[o["key"]]) if o["key"] in state_media() else o for o in origins]
    named_in: dict[str, str] = {}
    for o in origins:
        if o["counted"] and o["kind"] in ("speaker", "source", "report"):
            named_in.setdefault(article_of[o["events"][0]], o["key"])
    denied_in: dict[str, str] = {}  # article → who denies there, by name
    for o in origins:
        if o["kind"] == "denial" and not o["key"].startswith(_OWN_WORD):
            denied_in.setdefault(article_of[o["events"][0]], o["key"])
    spoken = next((o["key"] for o in origins if speech_act and o["counted"] and o["kind"] == "speaker"), None)
    grouped: dict[str, dict[str, Any]] = {}
    # named origins first, so that a group takes its name from who spoke, not from a restatement folded into it
    for o in sorted(origins, key=lambda o: o["kind"] == "outlet"):
        key, counted = o["key"], o["counted"]
        if o["kind"] == "outlet" and named_in.get(article_of[o["events"][0]]) not in (None, key):
            key = named_in[article_of[o["events"][0]]]  # the outlet restating what its source said
        elif o["kind"] == "denial" and key.startswith(_OWN_WORD) and article_of[o["events"][0]] in denied_in:
            key = denied_in[article_of[o["events"][0]]]  # "…, and said Tehran had not delivered": Araghchi's denial
        elif o["kind"] == "outlet" and spoken is not None:
            key = spoken  # "the West accuses Pyongyang", told by an outlet: the accuser's word
        entry = grouped.setdefault(key, {"key": key, "label": o["label"], "kind": o["kind"], "counted": False,
                                         "events": [], "sources": [], "bodies": [], "channels": [],
                                         "outlets": []})
        if o["key"] == key and entry["kind"] != o["kind"] and counted and not entry["counted"]:
            entry.update(label=o["label"], kind=o["kind"])
        entry["counted"] = entry["counted"] or counted
        entry["events"].extend(o["events"])
        body = o.get("body")
        if o.get("body_key") and (org := gazetteer.organization_table().get(o["body_key"])) is not None:
            body = org.display(language)  # one language per fact: "Nationaler Sicherheitsrat" or "National Security Council"
        for field, value in (("sources", o.get("source")), ("bodies", body),
                             ("channels", o.get("channel")), ("outlets", o.get("outlet"))):
            if value and value not in entry[field]:
                entry[field].append(value)
    entries = list(grouped.values())
    for e in entries:
        if e["key"].startswith("gpe:") and e["kind"] in ("speaker", "source", "denial", "referenced"):
            name = gazetteer.state_name(e["key"], language)
            e["label"] = f"{name} ({', '.join(e['bodies'])})" if e["bodies"] else name
        elif (org := gazetteer.organization_table().get(e["key"])) is not None:
            e["label"] = org.display(language)
        elif e["key"] == "unnamed":
            e["label"] = UNNAMED_LABEL["en" if language == "en" else "de"]
    if not any(e["counted"] for e in entries):
        for e in entries:  # nothing named: the unnamed or framed claim is all there is
            if e["kind"] != "denial":
                e["counted"] = True
                break
    return sorted(entries, key=lambda e: (not e["counted"], e["events"][0] if e["events"] else ""))


def count(entries: list[dict[str, Any]]) -> int:
    return sum(1 for e in entries if e["counted"])


def explain(entries: list[dict[str, Any]], language: str) -> str:
    """The count in words: "2 independent: United States (NSC: John Kirby; via Financial Times); …"."""
    counted = [e for e in entries if e["counted"]]
    parts = []
    for e in counted:
        bits = []
        sources = [s for s in e["sources"] if s and s not in e["label"]]
        if sources:
            bits.append(", ".join(sources))
        if e["channels"]:
            bits.append(("über " if language == "de" else "via ") + ", ".join(e["channels"]))
        outlets = [o for o in e["outlets"] if o != e["label"]]
        if outlets:
            bits.append(("berichtet von " if language == "de" else "reported by ") + ", ".join(outlets))
        parts.append(e["label"] + (f" [{'; '.join(bits)}]" if bits else ""))
    head = (f"{len(counted)} unabhängig" if language == "de" else f"{len(counted)} independent")
    text = head + ": " + "; ".join(parts) if parts else head
    others = [e for e in entries if not e["counted"]]
    if others:
        word = {"de": "nicht gezählt", "en": "not counted"}[language]
        text += f" ({word}: " + "; ".join(f"{e['label']} — {_why(e, language)}" for e in others) + ")"
    return text


def _why(entry: dict[str, Any], language: str) -> str:
    reasons = {
        "denial": ("bestreitet", "denies"),
        "unnamed": ("ungenannt", "unnamed"),
        "referenced": ("nur als Gegenstand einer Verurteilung oder Anschuldigung genannt",
                       "only named as what is condemned or accused"),
    }.get(entry["kind"], ("gleicher Ursprung", "same origin"))
    return reasons[0] if language == "de" else reasons[1]


# --- denials -------------------------------------------------------------------------------------


def denials(facts: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Facts a party denies: fact id → the DENY facts that deny it.

    A denial disputes a fact when the one who denies is a party to it, its times agree, and what
    is denied points at that fact: an entity of the denial's subject is another party of the fact
    ("the Kremlin denied that North Korea supplied …" disputes North Korea → Russia, not Russia's
    attack on Ukraine), or it names the fact's item class.  A denial never adds an origin.
    """
    deny = [f for f in facts if f["type"] == "DENY"]
    out: dict[str, list[str]] = {}
    if not deny:
        return out
    for fact in facts:
        if fact["type"] == "DENY":
            continue
        parties = {e for r in events_model.identity_roles(fact["type"]) for e in fact["data"]["entities"].get(r, [])}
        within = fact["data"].get("within") or {}
        parties |= {within[e] for e in parties if e in within}
        for d in deny:
            if d.get("story_id") != fact.get("story_id") or not timevalue.compatible(d.get("time"), fact.get("time")):
                continue
            speakers = set(d["data"]["entities"].get("speaker", []))
            if not speakers & parties:
                continue
            claimed = _keys(fact["data"].get("origins"))
            if claimed and claimed <= speakers | _keys(d["data"].get("origins")):
                continue  # what only the denier itself says ("laut Russland") it does not deny
            about = set(d["data"]["entities"].get("about", []))
            about |= {(d["data"].get("within") or {}).get(e) for e in about} - {None}
            texts = [a.get("text") for m in d["data"]["mentions"] for r, a in events_model.each_arg(m.get("args"))
                     if r == "about" and isinstance(a, dict)]
            named_items = {c for t in texts for c in items.classify(t)}
            if about & (parties - speakers) or named_items & set(fact["data"].get("items") or []):
                out.setdefault(fact["id"], []).append(d["id"])
    return out


def _keys(origins: Any) -> set[str]:
    """The keys of the counted origins in a fact's origin list."""
    return {o["key"] for o in origins or [] if isinstance(o, dict) and o.get("counted") and o.get("key")}
