"""Origins: where each event mention's claim comes from, and how many independent ones a fact has.

DESIGN §3: every mention has an attribution chain, *source* → *organisation* (the body it speaks
for) → *channel* (the interview, report or briefing that carried it) → *outlet* (the publisher of
the article).  :func:`chain` reads it from the article: the event's attribution (a quote's speaker,
"laut …", "nach Angaben …", "… zufolge"), the entity mentions inside the attribution phrase, the
role phrase that introduced a person ("der Leiter des ukrainischen Militärgeheimdienstes (HUR)"),
and the curated table of who speaks for whom (``resources/gazetteer/speakers.tsv``, the
organizations' countries in ``organizations.tsv``).  Never the nearest outlet name alone: a channel
is an outlet or venue named in a sentence that carries the speaker's words.

How a fact's origins are counted is :mod:`lagebild.link.corroboration`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Any

from lagebild import lexicons
from lagebild.link.names import fold, plain
from lagebild.model import events as events_model, gazetteer
from lagebild.model.titles import display_title

SPEAKERS = "gazetteer/speakers.tsv"
#: event types whose ``about`` argument names another happening only as its object
FRAMING_TYPES = frozenset({"CONDEMN", "ACCUSE", "DENY", "SANCTION"})
#: how far before a person's name a role phrase ("US-Außenminister", "the head of HUR") may start
ROLE_WINDOW = 70
_CLAUSE_BREAK = re.compile(r"[.;:!?\n\"„“”«»]|\s[-–]\s")
UNNAMED_LABEL = {"de": "ungenannte Quellen", "en": "unnamed sources"}
#: channels that are places where officials speak, not outlets (a briefing at the White House)
VENUE_KINDS = frozenset({"agency"})


@lru_cache(maxsize=1)
def speaker_bodies() -> dict[str, str]:
    """Folded name variant of a person → the key of the body that person speaks for."""
    out: dict[str, str] = {}
    for row in lexicons.table(SPEAKERS):
        if len(row) >= 2:
            for name in gazetteer.split_cell(row[0]):
                out.setdefault(fold(name), row[1])
    return out


def body_of_key(key: str | None, language: str) -> dict[str, Any] | None:
    """The independent unit a gazetteer key speaks for: a state's government for the state, its
    agencies and services; an outlet or an international body for itself."""
    if not key:
        return None
    if key.startswith("loc:capital-"):  # "Moskau" speaking: the Russian government
        key = "gpe:" + key.rsplit("-", 1)[-1]
    if key.startswith("gpe:"):
        return {"key": key, "name": gazetteer.state_name(key, language), "detail": None, "kind": "government"}
    org = gazetteer.organization_table().get(key)
    if org is None:
        return None
    if org.country and org.kind in ("agency", "service"):
        state = "gpe:" + org.country
        return {"key": state, "name": gazetteer.state_name(state, language), "detail": org.display(language),
                "detail_key": org.key, "kind": "government"}
    return {"key": key, "name": org.display(language), "detail": None,
            "kind": "outlet" if org.kind == "outlet" else "body"}


class Article:
    """One article's layers, indexed for attribution: sentences, mentions by entity, quotes."""

    def __init__(self, article: dict[str, Any], layers: dict[str, list[dict[str, Any]]],
                 entity_of: dict[int, str], names: dict[str, str],
                 speaks_for: dict[str, str] | None = None) -> None:
        self.record = article
        self.text: str = article.get("text") or ""
        self.language = "en" if article.get("language") == "en" else "de"
        self.mentions = layers.get("entities", [])
        self.quotes = layers.get("quotes", [])
        self.events = layers.get("events", [])
        self.sentences = sorted(layers.get("sentences", []), key=lambda s: s["start"])
        self.starts = [s["start"] for s in self.sentences]
        self.entity_of = entity_of
        self.names = names
        self.own_outlet = fold(article.get("outlet") or "")
        self.speaks_for = speaks_for or {}  # human judgements: person (id or "n:" + folded name) → body
        self._framed = self._framed_spans()

    def sentence_of(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        if 0 <= i < len(self.sentences) and offset < self.sentences[i]["end"]:
            return self.sentences[i]["start"], self.sentences[i]["end"]
        return offset, offset

    def previous_sentence(self, offset: int) -> tuple[int, int] | None:
        i = bisect_right(self.starts, offset) - 1
        if i >= 1:
            return self.sentences[i - 1]["start"], self.sentences[i - 1]["end"]
        return None

    def key_of(self, i: int) -> str | None:
        """The gazetteer key of mention ``i`` (its canonical entity when that is a key)."""
        m = self.mentions[i]
        eid = self.entity_of.get(i)
        if eid and (eid.startswith(("gpe:", "org:"))):
            return eid
        return m.get("key") if (m.get("key") or "").startswith(("gpe:", "org:")) else None

    def outlet_key(self, i: int) -> str | None:
        """Mention ``i`` as another outlet than the article's own (None otherwise)."""
        key = self.key_of(i)
        if key not in gazetteer.outlet_keys():
            return None
        m = self.mentions[i]
        if self.own_outlet and fold(m.get("name") or m["text"]) == self.own_outlet:
            return None
        return key

    def _framed_spans(self) -> list[tuple[int, int, int]]:
        """(start, end, event index) of the ``about`` arguments of condemnations, accusations …"""
        out = []
        for idx, ev in enumerate(self.events):
            about = (ev.get("args") or {}).get("about")
            if ev.get("type") in FRAMING_TYPES and isinstance(about, dict) and about.get("start") is not None:
                out.append((about["start"], about["end"], idx))
        return out

    def framed_by(self, ev: dict[str, Any]) -> int | None:
        """The event whose ``about`` names ``ev`` only as its object ("verurteilten die Lieferung")."""
        trigger = ev.get("trigger") or {}
        at = trigger.get("start", ev["start"])
        for start, end, idx in self._framed:
            if start <= at < end and self.events[idx] is not ev:
                return idx
        return None


def judged_body(named: str, language: str) -> dict[str, Any]:
    """The body a human judgement names: a key ("gpe:US", "org:nsc"), a gazetteer name
    ("Vereinigte Staaten", "HUR") or any other name, which then stands for itself."""
    found = body_of_key(named, language) if ":" in named else None
    if found is None:
        entry = gazetteer.entries(language).get(named) or gazetteer.entries("en" if language == "de" else "de").get(named)
        found = body_of_key(entry.key, language) if entry is not None else None
    return found or {"key": "body:" + slug(named), "name": named, "detail": None, "kind": "body"}


def _person_body(art: Article, entity: str) -> dict[str, Any] | None:
    """Whom a person speaks for: a human judgement first, then the role phrase that introduces
    them in this article, then the curated table."""
    if art.speaks_for:
        keys = {entity, "n:" + fold(art.names.get(entity) or "")}
        keys.update("n:" + fold(m.get("name") or m["text"]) for i, m in enumerate(art.mentions)
                    if art.entity_of.get(i) == entity)
        judged = next((art.speaks_for[k] for k in sorted(keys) if k in art.speaks_for), None)
        if judged is not None:
            return judged_body(judged, art.language)
    before, after = [], []
    for i, m in enumerate(art.mentions):
        if art.entity_of.get(i) != entity:
            continue
        if m.get("form") == "role":  # "der Leiter des ukrainischen Militärgeheimdienstes" (ref: the person)
            before.append((m["start"], m["end"] + 12))
        else:
            before.append((_role_start(art, m["start"]), m["start"]))
            after.append((m["end"], _apposition_end(art, m["end"])))
    found = _body_in_spans(art, before + after, skip_entity=entity)
    names = {fold(art.names.get(entity) or "")}
    names.update(fold(m.get("name") or m["text"]) for i, m in enumerate(art.mentions) if art.entity_of.get(i) == entity)
    table = speaker_bodies()
    known = next((body_of_key(table[n], art.language) for n in sorted(names) if n in table), None)
    if found is None or (known is not None and known["key"] == found["key"] and not found["detail"]):
        return known or found  # "US-Außenminister Blinken": the table knows which part of the state
    if known is not None and known["key"] != found["key"] and _body_in_spans(art, before, skip_entity=entity) is None:
        return known  # "Lloyd Austin said …, lending weight to reports that Pyongyang …": no role of his
    return found


def _role_start(art: Article, end: int) -> int:
    """Where a title or role phrase right before a name may begin: the clause start, at most
    :data:`ROLE_WINDOW` characters back, after the last other person."""
    lo = max(0, end - ROLE_WINDOW)
    window = art.text[lo:end]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    start = lo + (breaks[-1] if breaks else 0)
    for m in art.mentions:
        if m["label"] == "PER" and start <= m["end"] <= end and m["start"] < end - 1 and m.get("form") != "role":
            start = m["end"]
    comma = art.text.rfind(",", start, end)
    if comma >= 0 and art.text[comma + 1:end].split():  # "… in Russia, Defense Secretary Lloyd Austin"
        start = comma + 1
    before = art.text[start:end].split()
    # the role phrase ends in a role noun right before the name ("US-Außenminister Antony Blinken")
    if not before or not _is_role_word(before[-1], art.language):
        return end
    return start


def _apposition_end(art: Article, start: int) -> int:
    """The end of an apposition right after a name (", der Leiter des … (HUR),"), or ``start``."""
    rest = art.text[start:start + 120]
    if not rest.startswith(","):
        return start
    stop = re.search(r",|\)\s*[,.]|[.;:!?]\s", rest[1:])
    phrase = rest[1:1 + stop.start() if stop else len(rest)]
    words = phrase.split()
    if not any(_is_role_word(w.strip("(),"), art.language) for w in words[:4]):
        return start
    return start + 1 + (stop.end() if stop else len(phrase))


@lru_cache(maxsize=2)
def _role_heads(language: str) -> tuple[str, ...]:
    """Role nouns of both languages, longest first (the entity stage's lists)."""
    heads = lexicons.words("entities/de/role_heads.txt") | lexicons.words("entities/en/role_heads.txt")
    return tuple(sorted(heads, key=len, reverse=True))


@lru_cache(maxsize=4096)
def _is_role_word(word: str, language: str) -> bool:
    """A role noun, or a German compound ending in one ("US-Außenminister", "Kremlchef")."""
    low = word.strip("(),.").lower()
    if len(low) < 3:
        return False
    return any(low == h or (low.endswith(h) and len(h) >= 4) for h in _role_heads(language))


def _body_in_spans(art: Article, spans: list[tuple[int, int]], skip_entity: str | None = None) -> dict[str, Any] | None:
    """The most specific body named inside ``spans``: an organization before a state."""
    best: tuple[int, dict[str, Any]] | None = None
    for i, m in enumerate(art.mentions):
        if m["label"] not in ("ORG", "GPE") or art.entity_of.get(i) == skip_entity:
            continue
        if not any(s <= m["start"] and m["end"] <= e for s, e in spans if s < e):
            continue
        body = body_of_key(art.key_of(i), art.language)
        if body is None:
            continue
        rank = 0 if m["label"] == "ORG" else 1
        if best is None or rank < best[0]:
            best = (rank, body)
    return best[1] if best else None


def _bodies_in_phrase(art: Article, start: int, end: int) -> list[dict[str, Any]]:
    """Every body an attribution phrase names ("sowohl Kiew als auch Washington": two)."""
    out: dict[str, dict[str, Any]] = {}
    orgs = [i for i, m in enumerate(art.mentions) if start <= m["start"] and m["end"] <= end and m["label"] == "ORG"]
    states = [i for i, m in enumerate(art.mentions) if start <= m["start"] and m["end"] <= end and m["label"] == "GPE"]
    for i in orgs + states:
        body = body_of_key(art.key_of(i), art.language)
        if body is not None and body["key"] not in out:
            out[body["key"]] = body
    return list(out.values())


_REPORTS_AFTER = re.compile(r"\W{0,3}(?:\w+\W+){0,4}?(berichtete|berichtet|meldete|meldet|reported|reports)\b",
                            re.IGNORECASE)
_REPORTED = re.compile(r"berichte|meldete|meldet|zufolge|laut |report|according to|citing|unter berufung",
                       re.IGNORECASE)


def _relays(sentence: str, name_at: int) -> bool:
    """Whether the outlet named at ``name_at`` in ``sentence`` reports what the source said ("wie
    KCNA berichtete", "KCNA reported") rather than hearing it (an interview, "sagte der FT")."""
    around = sentence[max(0, name_at - 40):name_at + 60]
    return bool(_REPORTED.search(around)) and not re.search(r"interview|gespräch|told|gegenüber", around,
                                                           re.IGNORECASE)


def _channel(art: Article, ev: dict[str, Any], speaker: str | None) -> tuple[str | None, str | None, bool]:
    """The outlet or venue that carried the words, as (name, key, relays): named in the event's
    sentence, or in a sentence with the speaker's quotes or name (relays: True where that outlet
    reports the words rather than heard them in an interview)."""
    sentences = [art.sentence_of(ev["start"])]
    if speaker is not None:
        for q in art.quotes:
            sp = q.get("speaker") or {}
            if sp.get("mention") is not None and art.entity_of.get(sp["mention"]) == speaker:
                sentences.append(art.sentence_of(q["start"]))
        for i, m in enumerate(art.mentions):
            if art.entity_of.get(i) == speaker:
                sentences.append(art.sentence_of(m["start"]))
    for s, e in sentences:
        found = []
        for i, m in enumerate(art.mentions):
            if not (s <= m["start"] < e) or art.entity_of.get(i) == speaker:
                continue
            key = art.outlet_key(i)
            if key is None:
                org = gazetteer.organization_table().get(art.key_of(i) or "")
                if org is not None and org.key == "org:whitehouse":  # a briefing venue
                    found.append((1, m["start"], org.display(art.language), org.key, False))
                continue
            reports = bool(_REPORTS_AFTER.match(art.text[m["end"]:m["end"] + 40]))
            # "laut Kyiv Independent …, wie KCNA berichtete": the report named with its verb is the channel
            found.append((0 if reports else 1, m["start"], gazetteer.organization_table()[key].display(art.language),
                          key, reports or _relays(art.text[s:e], m["start"] - s)))
        if found:
            _, _, name, key, relays = min(found)
            return name, key, relays
    return None, None, False


_MEDIA = re.compile(r"sender|medien|zeitung|presse|agentur|fernsehen|tv\b|media|newspaper|broadcaster|"
                    r"television|press|news agency", re.IGNORECASE)
_UNNAMED = re.compile(r"according to (?:media )?reports|reportedly|reports say|(?:laut|nach) (?:Medien)?[bB]erichten|"
                      r"(?:Medien)?[bB]erichten zufolge|Berichten nach|angeblich|Insidern zufolge", re.IGNORECASE)


_POSSESSIVE = re.compile(r"\b(seine[rsm]?|ihre[rsm]?|dessen|deren|his|her|its)\b", re.IGNORECASE)
_BEHIND = re.compile(r"unter Berufung auf|Interview mit|Gespräch mit|citing|quoting|interview with", re.IGNORECASE)


def _previous_person_body(art: Article, before: int) -> list[dict[str, Any]]:
    """The body of the nearest person named before ``before`` in the article who speaks for one."""
    for i in sorted((i for i, m in enumerate(art.mentions) if m["label"] == "PER" and m["end"] <= before),
                    key=lambda i: -art.mentions[i]["start"]):
        entity = art.entity_of.get(i)
        if entity is not None and (body := _person_body(art, entity)) is not None:
            return [body]
    return []


def _behind_report(art: Article, ev: dict[str, Any]) -> str | None:
    """The person a report in the event's sentence cites ("unter Berufung auf ein Interview mit
    Budanow", "citing Kirby")."""
    s, e = art.sentence_of(ev["start"])
    for cue in _BEHIND.finditer(art.text[s:e]):
        at = s + cue.end()
        for i, m in enumerate(art.mentions):
            if m["label"] == "PER" and at <= m["start"] <= at + 40 and (entity := art.entity_of.get(i)):
                return entity
    return None


def _outlet_after(art: Article, end: int) -> str | None:
    """An outlet named in apposition right after an attribution phrase ("North Korea's state news
    agency KCNA": the phrase stopped at the state)."""
    for i, m in enumerate(art.mentions):
        if end <= m["start"] <= end + 40 and (key := art.outlet_key(i)) is not None:
            between = art.text[end:m["start"]]
            if re.fullmatch(r"[\s\w'’-]*", between) and not re.search(r"\b(said|sagte|reported|berichtete)\b", between):
                return key
    return None


def _cited_outlet(art: Article, start: int, end: int) -> str | None:
    """An outlet the sentence ``start``..``end`` names as reporting it ("KCNA reported", "wie die
    Agentur KCNA berichtete", "laut Reuters")."""
    for i, m in enumerate(art.mentions):
        if not (start <= m["start"] < end) or (key := art.outlet_key(i)) is None:
            continue
        before = art.text[max(start, m["start"] - 40):m["start"]]
        if _REPORTS_AFTER.match(art.text[m["end"]:m["end"] + 40]) or re.search(
                r"\b(laut|nach Angaben|according to|citing|wie)\b[^.,;]*$", before, re.IGNORECASE) \
                or re.match(r"\W*(zufolge|reported|berichtete)", art.text[m["end"]:m["end"] + 15]):
            return key
    return None


def _relay(art: Article, ev: dict[str, Any], speaker: str) -> str | None:
    """An outlet whose report the previous sentence names ("…, wie KCNA berichtete") and this
    sentence goes on telling: the speaker was in that report, and this sentence quotes nothing
    itself (the words reach us through that report)."""
    s, e = art.sentence_of(ev["start"])
    if any(c in art.text[s:e] for c in "\"„“”«»"):
        return None
    prev = art.previous_sentence(ev["start"])
    if prev is None or not any(prev[0] <= m["start"] < prev[1] and art.entity_of.get(i) == speaker
                               for i, m in enumerate(art.mentions)):
        return None
    for i, m in enumerate(art.mentions):
        if prev[0] <= m["start"] < prev[1] and (key := art.outlet_key(i)) is not None:
            return key
    return None


def _acting_speaker(ev: dict[str, Any], art: Article) -> str | None:
    """The entity that denies, accuses or condemns in a speech act no one else is said to report:
    its own statement is the origin (the outlets that tell of it are channels, not more origins)."""
    kind = events_model.TYPES.get(ev.get("type", ""))
    if kind is None or not kind.speech_act:
        return None
    for role, arg in events_model.each_arg(ev.get("args")):
        if role == "speaker" and isinstance(arg, dict) and arg.get("mention") is not None:
            return art.entity_of.get(arg["mention"])
    return None


def chain(ev: dict[str, Any], article: Article, original: str | None) -> list[dict[str, Any]]:
    """The origins of one event mention (usually one; a phrase naming two governments gives two)."""
    art = article
    lang = art.language
    att = ev.get("attribution") or {}
    outlet = art.record.get("outlet")
    status = ev.get("status", "asserted")
    base = {"outlet": outlet, "kind": "", "counted": True, "source": None, "body": None, "channel": None}
    if status == "denied":
        base.update(counted=False, kind="denial")
    framed = art.framed_by(ev)
    speaker = art.entity_of.get(att["mention"]) if att.get("mention") is not None else None
    quote = art.quotes[att["quote"]] if att.get("quote") is not None and att["quote"] < len(art.quotes) else None
    if quote is None and speaker is None:
        quote = next((q for q in art.quotes if q["start"] <= ev["start"] and ev["end"] <= q["end"]), None)
    if speaker is None and quote and (quote.get("speaker") or {}).get("mention") is not None:
        speaker = art.entity_of.get(quote["speaker"]["mention"])
    if speaker is None and not att and quote is None:
        speaker = _acting_speaker(ev, art)  # "Der Kreml wies die Berichte zurück": the Kremlin's own word
    if speaker is not None and speaker.startswith("gpe:") and att.get("start") is not None:
        speaker = None  # "nach US-Erkenntnissen", "sowohl Kiew als auch Washington": read the phrase
    bodies: list[dict[str, Any]] = []
    source = None
    if speaker is not None:
        source = art.names.get(speaker, speaker)
        body = body_of_key(speaker, lang) if speaker.startswith(("gpe:", "org:", "loc:capital-")) \
            else _person_body(art, speaker)
        bodies = [body] if body else [{"key": speaker, "name": source, "detail": None, "kind": "person"}]
    elif att.get("start") is not None and att.get("end") is not None:
        source = att.get("text")
        bodies = _bodies_in_phrase(art, att["start"], att["end"])
        if _MEDIA.search(art.text[att["start"]:att["end"]]):  # "türkische TV-Sender": a country's media, not its government
            bodies = [{"key": "media:" + b["key"].split(":", 1)[1], "name": art.text[att["start"]:att["end"]],
                       "detail": None, "kind": "outlet"} for b in bodies if b["kind"] == "government"] or bodies
        named = _outlet_after(art, att["end"])
        if named is not None and all(b["kind"] == "government" for b in bodies):
            bodies = [body_of_key(named, lang)]  # type: ignore[list-item]  # "North Korea's news agency KCNA"
        if status == "alleged":  # "wirft der Westen Pjöngjang vor": the accused is no source of the claim
            own = {b["key"] for b in (body_of_key(art.key_of(a["mention"]), lang)
                                      for _, a in events_model.each_arg(ev.get("args"))
                                      if isinstance(a, dict) and a.get("mention") is not None) if b}
            bodies = [b for b in bodies if b["key"] not in own]
        if not bodies and _POSSESSIVE.search(art.text[att["start"]:att["end"]]):
            bodies = _previous_person_body(art, att["start"])  # "ein Sprecher seiner Behörde": his agency
    else:
        s, e = art.sentence_of(ev["start"])
        cited = _cited_outlet(art, s, e)
        if cited is not None:  # "…, the state news agency KCNA reported": the named report
            bodies = [body_of_key(cited, lang)]  # type: ignore[list-item]
            source = bodies[0]["name"]
        elif unnamed := _UNNAMED.search(art.text[s:e]):  # "according to reports", "Berichten zufolge"
            att = {"text": unnamed.group(0), "start": s, "kind": "unnamed"}
    channel, channel_key, relays = _channel(art, ev, speaker)
    relayed = _relay(art, ev, speaker) if speaker is not None and not channel else None
    if relays and speaker is not None and not speaker.startswith(("gpe:", "org:")):
        relayed = channel_key if channel_key in gazetteer.outlet_keys() else None
    if relayed is not None:  # Putin's words as KCNA reported them: KCNA's claim
        bodies = [body_of_key(relayed, lang)]  # type: ignore[list-item]
        channel, channel_key = gazetteer.organization_table()[relayed].display(lang), relayed
    if bodies and bodies[0]["kind"] == "outlet":
        behind = _behind_report(art, ev)  # "wie die FT unter Berufung auf ein Interview mit Budanow berichtete"
        if behind is not None and (found := _person_body(art, behind)) is not None:
            channel, channel_key = bodies[0]["name"], bodies[0]["key"]
            source, speaker = art.names.get(behind, behind), behind
            bodies = [found]
    if bodies and bodies[0]["kind"] == "outlet" and channel and channel != bodies[0]["name"]:
        # "laut Kyiv Independent …, wie KCNA berichtete": the report the outlet relays
        if channel_key in gazetteer.outlet_keys():
            bodies = [body_of_key(channel_key, lang)]  # type: ignore[list-item]
    out = []
    if bodies:
        for b in bodies:
            detail = b.get("detail")
            if b["kind"] == "government" and source and fold(source) != fold(b["name"]) and len(bodies) == 1 \
                    and speaker is not None and not speaker.startswith(("gpe:", "loc:capital-")):
                detail = detail or source
            label = b["name"] + (f" ({detail})" if detail and detail != b["name"] else "")
            kind = "report" if b["kind"] == "outlet" else ("speaker" if speaker else "source")
            out.append({**base, "key": b["key"], "label": label, "kind": base["kind"] or kind,
                        "source": source if len(bodies) == 1 else None, "body": detail, "body_key": b.get("detail_key"), "channel": channel,
                        "speaker": speaker})
    elif att.get("text") and att.get("kind") not in (None,) and att.get("start") is not None:
        out.append({**base, "key": "unnamed", "label": UNNAMED_LABEL[lang], "kind": base["kind"] or "unnamed",
                    "counted": False, "source": att.get("text"), "channel": channel})
    elif original is not None:
        out.append({**base, "key": "article:" + original, "label": _republished_label(lang),
                    "kind": base["kind"] or "republication"})
    elif outlet:
        out.append({**base, "key": outlet_key(outlet, lang), "label": outlet, "kind": base["kind"] or "outlet"})
    else:
        title = display_title(art.record.get("title"), art.text, art.record.get("source"), limit=60)
        out.append({**base, "key": "article:" + art.record["id"], "label": title, "kind": base["kind"] or "outlet"})
    if framed is not None:
        for o in out:
            o["counted"] = False
            o["kind"] = "referenced"
            o["framed_by"] = art.events[framed].get("type")
    return out


_LEADING_ARTICLE = re.compile(r"^(the|der|die|das|le|la|el)\s+", re.IGNORECASE)


def outlet_key(name: str, language: str = "de") -> str:
    """One key per outlet whatever the spelling: the gazetteer's ("FT", "Financial Times" →
    org:ft), else the name without a leading article ("The Times" and "Times" are one)."""
    for lang in (language, "en" if language == "de" else "de"):
        entry = gazetteer.entries(lang).get(name.strip())
        if entry is not None and entry.key in gazetteer.outlet_keys():
            return entry.key
    return "outlet:" + slug(_LEADING_ARTICLE.sub("", name.strip()))


def _republished_label(language: str) -> str:
    return "Nachdruck eines früheren Artikels" if language == "de" else "republished article"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", plain(text)).strip("-")[:60]
