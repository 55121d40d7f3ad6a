"""Cited story summaries, built from the facts: what an analyst would write first.

Facts are ranked by independent origins, then by how recent they are (their time, then their
last report).  Each fact the summary tells becomes one sentence, either

* **chosen** from its mentions: a sentence of a source article in the story's language that
  carries the fact's figure (as written, bounds included) and its time, short enough to read; its
  relative time words ("letzte Woche", "am Donnerstag", "last week", "im September") get the
  absolute date from the article's timex layer; or
* **generated** from the fact: who did what to whom, the item and its figure as written, when as
  an absolute date at the fact's precision, and the status ("Laut … soll …", "according to …").

No happening is told twice: facts of one type with the same participants at compatible times are
one, a source sentence serves one fact only, a fact whose every sentence has been told is left
out (the trip of a meeting told already), and a source sentence too similar to one already chosen
(word overlap) is skipped.  Facts that name nobody come only when the named ones give fewer than
:data:`MIN_SENTENCES`; the lead sentences of the most recent articles fill up after that.

Every sentence cites its source sentence (``article``, ``start``, ``end``) with its outlet and
date, plus ``cites``: the sentences of up to :data:`MAX_CITES` other outlets that report the fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from lagebild.model import events as events_model
from lagebild.model import gazetteer, items, timevalue

MIN_SENTENCES = 3
MAX_SENTENCES = 8
MAX_OVERLAP = 0.6
#: a chosen source sentence longer than this is replaced by a generated one where possible
MAX_CHOSEN = 240
MAX_CITES = 3
_WORD = re.compile(r"\w+", re.UNICODE)
#: an origin label that is an internal id (``per:…``, ``src:…``, a hex hash) is never written out
_ID_LIKE = re.compile(r"^(?:[a-z]{2,8}:\S+|[0-9a-f]{12,})$")


def _words(text: str) -> set[str]:
    return {w.lower()[:6] for w in _WORD.findall(text) if len(w) > 2}


def overlap(a: str, b: str) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


# --- ranking ------------------------------------------------------------------------------------


def _newest(fact: dict[str, Any]) -> str:
    """The latest day the fact is known for: the end of its time, else its last report."""
    span = timevalue.parse(fact.get("time"))
    reported = fact["data"].get("last_reported") or fact.get("first_reported") or ""
    return max(span.last.isoformat() if span else "", str(reported))


def importance(fact: dict[str, Any]) -> tuple[int, str, int]:
    """Independent origins, then recency, then mentions: the order facts are told in."""
    return (int(fact.get("independent_origins") or 0), _newest(fact), len(fact["data"]["mentions"]))


def _who(fact: dict[str, Any]) -> list[str]:
    etype = events_model.TYPES.get(fact["type"])
    roles = etype.side("who") if etype else ()
    return [e for r in roles for e in fact["data"]["entities"].get(r, [])]


def _identity(fact: dict[str, Any]) -> tuple[str, ...]:
    etype = events_model.TYPES.get(fact["type"])
    roles = (etype.side("who") + etype.side("whom")) if etype else ()
    return (fact["type"], *(",".join(sorted(fact["data"]["entities"].get(r, []))) for r in roles))


def _figure(fact: dict[str, Any]) -> float | None:
    q = fact["data"].get("quantity") or {}
    value = q.get("value") if q.get("value") is not None else q.get("low")
    return float(value) if isinstance(value, (int, float)) else None


def same_happening(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One type, the same participants, compatible times and no other figure (one meeting told
    by two facts; "one million shells" and "1.5 million shells" are two things to tell)."""
    if _identity(a) != _identity(b) or not timevalue.compatible(a.get("time"), b.get("time")):
        return False
    if not items.compatible(a["data"].get("items") or [], b["data"].get("items") or []):
        return False  # shells and missiles: two transfers to tell
    x, y = _figure(a), _figure(b)
    return x is None or y is None or abs(x - y) <= 0.1 * max(abs(x), abs(y))


# --- dates --------------------------------------------------------------------------------------

_MONTHS = {"de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
           "en": "January February March April May June July August September October November December".split()}
_QUARTERS = {"de": ("ersten", "zweiten", "dritten", "vierten"), "en": ("first", "second", "third", "fourth")}


def date_words(value: str | None, language: str) -> str | None:
    """A TIMEX3 value as an absolute date a reader knows, at its precision: "2. Januar 2024",
    "September 2023", "Woche vom 15. Januar 2024"; None for what is no date ("PAST_REF", "P1Y")."""
    p = timevalue.parse(value)
    if p is None:
        return None
    lang = "en" if language == "en" else "de"
    months = _MONTHS[lang]

    def day(d: Any) -> str:
        return f"{d.day} {months[d.month - 1]} {d.year}" if lang == "en" else f"{d.day}. {months[d.month - 1]} {d.year}"

    if p.precision == "day":
        return day(p.first)
    if p.precision == "week":
        return f"week of {day(p.first)}" if lang == "en" else f"Woche vom {day(p.first)}"
    if p.precision == "month":
        return f"{months[p.first.month - 1]} {p.first.year}"
    if p.precision == "quarter":
        q = _QUARTERS[lang][(p.first.month - 1) // 3]
        return f"the {q} quarter of {p.first.year}" if lang == "en" else f"{q} Quartal {p.first.year}"
    if p.precision in ("year", "half-year", "season"):
        return str(p.first.year)
    return None


def time_phrase(value: str | None, language: str) -> str | None:
    """The adverbial of a date: "am 2. Januar 2024", "im September 2023", "on 2 January 2024"."""
    words = date_words(value, language)
    precision = timevalue.precision(value)
    if words is None:
        return None
    if language == "en":
        return {"day": "on ", "week": "in the ", "month": "in ", "quarter": "in "}.get(precision or "", "in ") + words
    return {"day": "am ", "week": "in der ", "month": "im ", "quarter": "im "}.get(precision or "", "im Jahr ") + words


_HAS_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_MONTH_AT_END = re.compile(r"(?:" + "|".join(_MONTHS["de"] + _MONTHS["en"]) + r")\.?$", re.IGNORECASE)


def anchor(text: str, offset: int, timexes: Iterable[dict[str, Any]], language: str) -> str:
    """``text`` (a sentence starting at ``offset`` of its article) with the absolute date after each
    relative time expression in it: "letzte Woche (Woche vom 8. Januar 2024)", "im September 2023"."""
    inserts: list[tuple[int, str]] = []
    for t in timexes:
        start, end = t.get("start", -1) - offset, t.get("end", -1) - offset
        if start < 0 or end > len(text) or t.get("type") not in (None, "DATE") or t.get("mod") == "APPROX":
            continue
        surface = text[start:end]
        words = date_words(t.get("value"), language)
        if words is None or _HAS_YEAR.search(surface):
            continue
        if _MONTH_AT_END.search(surface) and timevalue.precision(t.get("value")) in ("day", "month"):
            inserts.append((end, f" {timevalue.parse(t['value']).first.year}"))  # "am 2. Januar" + " 2024"
        elif words not in surface:
            inserts.append((end, f" ({words})"))
    for at, added in sorted(inserts, reverse=True):
        text = text[:at] + added + text[at:]
    return text


# --- generated sentences ------------------------------------------------------------------------

#: per type and language: (past singular, past plural, participle, infinitive, separable particle)
_VERBS: dict[str, dict[str, tuple[str, str, str, str, str]]] = {
    "de": {"SUPPLY": ("lieferte", "lieferten", "geliefert", "liefern", ""),
           "ATTACK": ("griff", "griffen", "angegriffen", "angreifen", "an"),
           "MEET": ("traf sich", "trafen sich", "getroffen", "treffen", ""),
           "VISIT": ("besuchte", "besuchten", "besucht", "besuchen", ""),
           "AGREE": ("einigte sich", "einigten sich", "geeinigt", "einigen", ""),
           "NEGOTIATE": ("verhandelte", "verhandelten", "verhandelt", "verhandeln", ""),
           "SANCTION": ("verhängte", "verhängten", "verhängt", "verhängen", ""),
           "CONDEMN": ("verurteilte", "verurteilten", "verurteilt", "verurteilen", ""),
           "ACCUSE": ("beschuldigte", "beschuldigten", "beschuldigt", "beschuldigen", ""),
           "DENY": ("bestritt", "bestritten", "bestritten", "bestreiten", "")},
    "en": {"SUPPLY": ("supplied", "supplied", "supplied", "supply", ""),
           "ATTACK": ("attacked", "attacked", "attacked", "attack", ""),
           "MEET": ("met", "met", "met", "meet", ""),
           "VISIT": ("visited", "visited", "visited", "visit", ""),
           "AGREE": ("agreed", "agreed", "agreed", "agree", ""),
           "NEGOTIATE": ("negotiated", "negotiated", "negotiated", "negotiate", ""),
           "SANCTION": ("imposed sanctions on", "imposed sanctions on", "imposed sanctions on",
                        "impose sanctions on", ""),
           "CONDEMN": ("condemned", "condemned", "condemned", "condemn", ""),
           "ACCUSE": ("accused", "accused", "accused", "accuse", ""),
           "DENY": ("denied", "denied", "denied", "deny", "")},
}
#: German names said with an article: (nominative, accusative); a state's plural name takes a plural verb
_ARTICLE_DE = {"Ukraine": ("die Ukraine", "die Ukraine"), "Türkei": ("die Türkei", "die Türkei"),
               "Schweiz": ("die Schweiz", "die Schweiz"), "Slowakei": ("die Slowakei", "die Slowakei"),
               "Mongolei": ("die Mongolei", "die Mongolei"), "USA": ("die USA", "die USA"),
               "Vereinigte Staaten": ("die Vereinigten Staaten", "die Vereinigten Staaten"),
               "Vereinigtes Königreich": ("das Vereinigte Königreich", "das Vereinigte Königreich"),
               "Niederlande": ("die Niederlande", "die Niederlande"), "Iran": ("der Iran", "den Iran"),
               "Irak": ("der Irak", "den Irak"), "Jemen": ("der Jemen", "den Jemen"),
               "Libanon": ("der Libanon", "den Libanon"), "Sudan": ("der Sudan", "den Sudan"),
               "Kreml": ("der Kreml", "den Kreml"), "Vatikan": ("der Vatikan", "den Vatikan"),
               "Europäische Union": ("die Europäische Union", "die Europäische Union"),
               "Vereinte Nationen": ("die Vereinten Nationen", "die Vereinten Nationen")}
_PLURAL_NAMES = frozenset({"USA", "Vereinigte Staaten", "Niederlande", "Vereinte Nationen", "United States",
                           "Netherlands", "United Nations"})
#: types whose sentence says nothing without the one it is done to
_NEEDS_TARGET = frozenset({"ATTACK", "VISIT", "SANCTION", "CONDEMN", "ACCUSE"})
_ARTICLE_EN = {"United States": "the ", "United Kingdom": "the ", "Netherlands": "the ", "Kremlin": "the ",
               "European Union": "the ", "United Nations": "the "}


def _named(name: str, language: str, case: int) -> str:
    if language == "en":
        return _ARTICLE_EN.get(name, "") + name
    forms = _ARTICLE_DE.get(name)
    return forms[case] if forms else name


def _join(names: list[str], language: str) -> str:
    names = list(dict.fromkeys(n for n in names if n))
    if len(names) <= 1:
        return "".join(names)
    last = " and " if language == "en" else " und "
    return ", ".join(names[:-1]) + last + names[-1]


def _in_language(fact: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """The fact's mentions in ``language`` first, then the others."""
    return sorted(fact["data"]["mentions"], key=lambda m: m.get("language") not in (None, language))


def _names(fact: dict[str, Any], language: str) -> dict[str, str]:
    """Entity id → name, from the arguments of the fact's mentions (those in ``language`` first)."""
    found: dict[str, str] = {}
    for m in _in_language(fact, language):
        for _, arg in events_model.each_arg(m.get("args")):
            if isinstance(arg, dict) and arg.get("entity") and arg.get("name"):
                key = arg["entity"]  # a state in the summary's language ("Russia" in English, not "Russland")
                found.setdefault(key, gazetteer.state_name(key, language) if re.fullmatch(r"gpe:[A-Z]{2}", key)
                                 else arg["name"])
    return found


def _role_names(fact: dict[str, Any], side: str, names: dict[str, str]) -> list[str]:
    etype = events_model.TYPES.get(fact["type"])
    roles = etype.side(side) if etype else ()
    return [names[e] for r in roles for e in fact["data"]["entities"].get(r, []) if e in names]


def _thing(fact: dict[str, Any], mention: dict[str, Any] | None, language: str) -> str | None:
    """The item, object or subject as written in ``mention`` (else in any mention of the fact)."""
    etype = events_model.TYPES.get(fact["type"])
    roles = etype.side("what") if etype else ()
    classes = fact["data"].get("items") or []
    for m in ([mention] if mention else []) + _in_language(fact, language):
        if m.get("part") and len(classes) == 1 and (found := items.by_key(classes[0])):
            return found.name(language)  # "Abschussrampen und Munition" told for the launchers: "Abschussrampen"
        for role in roles:
            arg = (m.get("args") or {}).get(role)
            if isinstance(arg, dict) and not arg.get("entity") and arg.get("text"):
                return str(arg["text"]).strip()
    return None


def _origin_names(mentions: list[dict[str, Any]], limit: int = 2) -> list[str]:
    """Readable names of the sources the mentions attribute the fact to (outlets' own words left out)."""
    out: list[str] = []
    for m in mentions:
        o = m.get("origin") or {}
        if o.get("kind") in ("outlet", "republication", "unnamed", "referenced", "denial"):
            continue  # the outlet's own words, an unnamed source, a mere mention: no one to name
        # who spoke ("John Kirby"), else the body the source speaks for ("Vereinigte Staaten")
        label = str((o.get("source") if o.get("kind") == "speaker" else None) or o.get("label") or "").strip()
        if not label or _ID_LIKE.match(label):
            continue
        if label not in out:
            out.append(label)
    return out[:limit]


def _status(fact: dict[str, Any]) -> str:
    statuses = set(fact["data"].get("statuses") or [m.get("status") for m in fact["data"]["mentions"]])
    if fact["data"].get("planned"):
        return "planned"
    for status in ("asserted", "reported", "alleged", "hedged", "denied"):
        if status in statuses:
            return status
    return "asserted"


def generate(fact: dict[str, Any], language: str, mention: dict[str, Any] | None = None) -> str | None:
    """One sentence that states ``fact`` in ``language`` (German or English), or None when the fact
    names nobody who acts."""
    lang = "en" if language == "en" else "de"
    verbs = _VERBS[lang].get(fact["type"])
    names = _names(fact, lang)
    who = _role_names(fact, "who", names)
    if verbs is None or not who:
        return None
    whom = _role_names(fact, "whom", names)
    carrier = next((m for m in _in_language(fact, lang) if (m.get("quantity") or {}).get("text")), None)
    quantity = (carrier or {}).get("quantity") or fact["data"].get("quantity") or {}
    figure = str(quantity.get("text") or "").strip()
    thing = _thing(fact, carrier if carrier is not None and carrier.get("language") in (None, lang) else mention,
                   lang)
    if fact["type"] in _NEEDS_TARGET and not whom:
        return None  # "Nordkorea beschuldigte" whom? a source sentence tells it better
    if fact["type"] in ("MEET", "AGREE", "NEGOTIATE") and len(who) < 2:
        return None
    unit = str(quantity.get("unit") or "").strip()
    if figure and unit and unit.lower() in figure.lower():
        thing = figure  # "etwa eine Million Schuss Munition": the figure with its unit, as written
    elif figure and thing and thing.lower() not in figure.lower():
        thing = f"{figure} {thing}"
    elif figure:
        thing = f"{figure} {unit}".strip()
    plural = len(who) > 1 or who[0] in _PLURAL_NAMES
    subject = _join([_named(n, lang, 0) for n in who], lang)
    target = _join([_named(n, lang, 1) for n in whom], lang)
    when = time_phrase(fact.get("time"), lang)
    status = _status(fact)
    sources = _origin_names(fact["data"]["mentions"]) if status in ("reported", "alleged", "planned", "denied") else []
    past, past_pl, participle, infinitive, particle = verbs
    if lang == "de":
        obj = _object_de(fact["type"], target, thing)
        tail = " ".join(x for x in (when, obj) if x)
        lead = f"Laut {_join(sources, lang)} " if sources else ""
        reflexive = " sich" if fact["type"] in ("MEET", "AGREE") else ""
        if status == "planned":
            body = f"{'wollen' if plural else 'will'}{reflexive} {tail} {particle}{infinitive}"
        elif status in ("alleged", "hedged"):
            modal = ("sollen" if plural else "soll") if status == "alleged" else ("könnten" if plural else "könnte")
            body = f"{modal}{reflexive} {tail} {participle} haben"
        elif status == "denied":
            body = f"{'haben' if plural else 'hat'}{reflexive} {tail} nicht {participle}"
        else:
            body = f"{past_pl if plural else past} {tail} {particle}"
        body = re.sub(r"\s+", " ", body).strip()
        if lead:
            verb, _, rest = body.partition(" ")
            text = f"{lead}{verb} {subject} {rest}"
        else:
            text = f"{subject} {body}"
    else:
        obj = _object_en(fact["type"], target, thing)
        lead = f"According to {_join(sources, lang)}, " if sources else ""
        if status == "planned":
            body = f"{'plan' if plural else 'plans'} to {infinitive} {obj}"
        elif status == "alleged":
            body = f"{'are' if plural else 'is'} said to have {participle} {obj}"
        elif status == "hedged":
            body = f"may have {participle} {obj}"
        elif status == "denied":
            body = f"did not {infinitive} {obj}"
        else:
            body = f"{past_pl if plural else past} {obj}"
        text = f"{lead}{subject} {body} {when or ''}"
    text = re.sub(r"\s+", " ", text).strip().rstrip(",")
    return text[0].upper() + text[1:] + "."


def _object_de(etype: str, target: str, thing: str | None) -> str:
    if etype == "SUPPLY":
        return " ".join(x for x in (thing, f"an {target}" if target else "") if x)
    if etype == "ATTACK":
        return target
    if etype in ("AGREE",):
        return f"auf {thing}" if thing and not thing.lower().startswith("auf ") else thing or ""
    if etype == "NEGOTIATE":
        return f"über {thing}" if thing and not thing.lower().startswith("über ") else thing or ""
    if etype == "SANCTION":
        return f"Sanktionen gegen {target}" if target else "Sanktionen"
    if etype in ("CONDEMN", "ACCUSE", "VISIT"):
        return target or thing or ""
    if etype == "DENY":
        return thing or target
    return target


def _object_en(etype: str, target: str, thing: str | None) -> str:
    if etype == "SUPPLY":
        return " ".join(x for x in (thing, f"to {target}" if target else "") if x)
    if etype == "AGREE":
        return f"on {thing}" if thing and not thing.lower().startswith("on ") else thing or ""
    if etype == "NEGOTIATE":
        return f"over {thing}" if thing and not thing.lower().startswith(("on ", "over ", "about ")) else thing or ""
    if etype == "DENY":
        return thing or target
    return target or ("" if etype in ("MEET",) else thing or "")


#: words by which a sentence names its own source
_SAYS = re.compile(r"\b(?:laut|zufolge|nach Angaben|berichte\w*|sagte\w*|sagt|erklärte\w*|teilte\w*|betonte\w*|"
                   r"bestr[ei]\w*|dementi\w*|wies|weist|warf|wirft|vorgeworfen|verurteilt\w*|kritisiert\w*|"
                   r"according|said|says|reported|told|stated|den(?:y|ies|ied)|dismiss\w*|reject\w*|accus\w*|"
                   r"condemn\w*|criticiz\w*)\b", re.IGNORECASE)  # a denial, accusation … is its speaker's word


def _with_source(text: str, mention: dict[str, Any], language: str) -> str:
    """A quoted sentence with its source when the sentence does not name it ("Es gebe Hinweise …"
    said by Kirby two sentences before): "… (laut John Kirby).", "… (according to John Kirby)."."""
    names = _origin_names([mention], 1)
    if not names or names[0].split()[-1] in text or _SAYS.search(text):
        return text  # the sentence names a source of its own ("Ein Sprecher … hatte berichtet")
    name = names[0].split(" (")[0]  # "Kyrylo Budanov (Financial Times)": the speaker
    note = f" (according to {name})" if language == "en" else f" (laut {name})"
    end = len(text.rstrip())
    cut = end - 1 if end and text[end - 1] in ".!?" else end
    return text[:cut] + note + text[cut:]


def _with_denial(text: str, denial: dict[str, Any] | None, language: str) -> str:
    """``text`` with who denies it: "… (von Nordkorea bestritten).", "… (denied by North Korea)."."""
    who = _join(_role_names(denial, "who", _names(denial, language)), language) if denial else ""
    if not who:
        return text
    note = f" (denied by {who})" if language == "en" else f" (von {who} bestritten)"
    end = len(text.rstrip())
    cut = end - 1 if end and text[end - 1] in ".!?" else end
    return text[:cut] + note + text[cut:]


# --- choosing -----------------------------------------------------------------------------------


def _covers(sentence: tuple[int, int], mention: dict[str, Any], fact: dict[str, Any],
            timexes: list[dict[str, Any]], text: str) -> bool:
    """Whether the sentence carries the fact's figure and (when the fact has one) its time."""
    s, e = sentence
    if (fact["data"].get("quantity") or {}).get("text"):  # the figure as this mention gives it
        figure = (mention.get("quantity") or {}).get("text")
        if not figure or figure not in text[s:e]:
            return False
    if timevalue.parse(fact.get("time")) is not None:
        return any(s <= t.get("start", -1) and t.get("end", 10 ** 9) <= e and timevalue.parse(t.get("value"))
                   and timevalue.compatible(t.get("value"), fact["time"]) for t in timexes)
    return True


def build(facts: list[dict[str, Any]], language: str, text_of: Callable[[str], str | None],
          leads: list[dict[str, Any]],
          timexes_of: Callable[[str], list[dict[str, Any]] | None] | None = None) -> list[dict[str, Any]]:
    """Summary sentences ``{text, article, start, end, fact, kind, outlet, published, cites}``.

    ``text_of`` gives an article's text and ``timexes_of`` its time expressions; ``leads`` are
    candidate lead sentences ``{article, start, end, published, language, outlet}`` of the story's
    most recent articles.  ``kind`` is ``generated`` (built from the fact), ``chosen`` (a source
    sentence chosen for the fact, relative dates made absolute) or ``lead`` (filling up).
    """
    writer = _Writer(facts, language or "de", text_of, timexes_of or (lambda _aid: []))
    ranked = writer.ranked
    named = [f for f in ranked if _who(f) and writer.spoken(f)]
    for fact in named:
        writer.tell(fact)
    for fact in [f for f in ranked if f not in named]:  # facts naming nobody, or in another language
        if len(writer.chosen) < MIN_SENTENCES:
            writer.tell(fact)
    for item in leads:
        if len(writer.chosen) >= MIN_SENTENCES:
            break
        writer.lead(item)
    return writer.chosen


class _Writer:
    """The summary being written: its sentences, and the facts and source sentences it has told."""

    def __init__(self, facts: list[dict[str, Any]], language: str, text_of: Callable[[str], str | None],
                 times: Callable[[str], list[dict[str, Any]] | None]) -> None:
        self.lang, self.text_of, self.times = language, text_of, times
        self.ranked = sorted(facts, key=importance, reverse=True)
        self.by_id = {f["id"]: f for f in facts}
        self.chosen: list[dict[str, Any]] = []
        self.told: list[dict[str, Any]] = []
        self.used: set[tuple[str, int]] = set()  # sentences of the facts told (no lead repeats them)
        self.quoted: set[tuple[str, int]] = set()  # source sentences the summary quotes

    def spoken(self, fact: dict[str, Any]) -> bool:
        return any(m.get("language") in (None, self.lang) for m in fact["data"]["mentions"])

    def _repeats(self, text: str) -> bool:
        """A source sentence much like one quoted already (generated ones differ by their facts)."""
        return any(overlap(text, c["text"]) > MAX_OVERLAP for c in self.chosen if c["kind"] != "generated")

    def _sentence(self, article: str, start: int, end: int) -> tuple[str, int] | None:
        """The stripped sentence of an article and where it starts; None without its text."""
        text = self.text_of(article)
        if text is None:
            return None
        raw = text[start:end]
        sentence = raw.strip()
        return (sentence, start + len(raw) - len(raw.lstrip())) if sentence else None

    def _pick(self, fact: dict[str, Any], peers: list[dict[str, Any]], mentions: list[dict[str, Any]]
              ) -> tuple[tuple[dict[str, Any], str, int, int] | None, tuple[dict[str, Any], str, int, int] | None]:
        """The first mention sentence (in the summary's language) that carries the fact's figure and
        time, and the first usable one at all: ``(mention, shown text, start, end)`` each."""
        fallback = None
        for m in mentions:
            if m.get("language") not in (None, self.lang):
                continue
            found = self._sentence(m["article"], *m["sentence"])
            if found is None or (m["article"], found[1]) in self.used:
                continue
            sentence, start = found
            stamps = self.times(m["article"]) or []
            item = (m, anchor(sentence, start, stamps, self.lang), start, start + len(sentence))
            fallback = fallback or item
            owner = next((f for f in [fact, *peers] if m in f["data"]["mentions"]), fact)
            if len(sentence) <= MAX_CHOSEN and _covers(tuple(m["sentence"]), m, owner, stamps,
                                                       self.text_of(m["article"]) or ""):
                return item, fallback
        return None, fallback

    def tell(self, fact: dict[str, Any]) -> None:
        """Add the sentence of one fact, unless it is told already or has none worth telling."""
        if len(self.chosen) >= MAX_SENTENCES or any(same_happening(fact, t) for t in self.told):
            return
        peers = [f for f in self.ranked if f is not fact and same_happening(fact, f)]  # one happening
        mentions = sorted([m for f in [fact, *peers] for m in f["data"]["mentions"]],
                          key=lambda m: (m.get("language") != self.lang, m.get("published") or "", m["article"]))
        if all((m["article"], m["sentence"][0]) in self.quoted for m in mentions):
            return  # every sentence that reports it is one the summary quotes already
        best, fallback = self._pick(fact, peers, mentions)
        kind = "chosen"
        if best is None:
            generated = generate(fact, self.lang, fallback[0] if fallback else None)
            if generated is not None:
                m = fallback[0] if fallback else mentions[0]
                best = (m, generated, *(fallback[2:] if fallback else m["sentence"]))
                kind = "generated"
            elif int(fact.get("independent_origins") or 0) >= 2 or len(self.chosen) < MIN_SENTENCES:
                best = fallback  # a long sentence only for a corroborated fact, or to fill up
        if best is None or (kind == "chosen" and self._repeats(best[1])):
            return
        m, text, start, end = best
        if kind == "chosen":
            text = _with_source(text, m, self.lang)
        text = _with_denial(text, self.by_id.get(fact["data"].get("denied_by") or ""), self.lang)
        self.used.add((m["article"], start))
        if kind == "chosen":
            self.quoted.update({(m["article"], start), (m["article"], m["sentence"][0])})
        self.used.update((x["article"], x["sentence"][0]) for x in mentions)  # told: no lead repeats it
        self.told.append(fact)
        self.chosen.append({"text": text, "article": m["article"], "start": start, "end": end, "fact": fact["id"],
                            "kind": kind, "outlet": m.get("outlet"), "published": m.get("published"),
                            "cites": _cites(mentions, m)})

    def lead(self, item: dict[str, Any]) -> None:
        """Add a lead sentence of a recent article, unless it repeats what is told."""
        if item.get("language") not in (None, self.lang):
            return
        found = self._sentence(item["article"], item["start"], item["end"])
        if found is None:
            return
        sentence, start = found
        if {(item["article"], start), (item["article"], item["start"])} & self.used or self._repeats(sentence):
            return
        self.used.add((item["article"], start))
        self.chosen.append({"text": anchor(sentence, start, self.times(item["article"]) or [], self.lang),
                            "article": item["article"], "start": start, "end": start + len(sentence), "fact": None,
                            "kind": "lead", "outlet": item.get("outlet"), "published": item.get("published"),
                            "cites": []})


def _cites(mentions: list[dict[str, Any]], first: dict[str, Any]) -> list[dict[str, Any]]:
    """The sentences of up to :data:`MAX_CITES` other outlets (other articles, without outlets)."""
    out, outlets = [], {first.get("outlet") or first.get("article")}
    for m in sorted(mentions, key=lambda m: m.get("published") or ""):
        key = m.get("outlet") or m["article"]
        if key in outlets or len(out) >= MAX_CITES:
            continue
        outlets.add(key)
        out.append({"article": m["article"], "start": m["sentence"][0], "end": m["sentence"][1],
                    "outlet": m.get("outlet"), "published": m.get("published")})
    return out
