"""Finding event triggers and filling their arguments within a clause.

Triggers and their argument frames are data (``resources/events/triggers.tsv``): for each verb or
noun pattern, which role the subject, the object, each preposition, an adjective of a state
("nordkoreanische Lieferungen") and a genitive ("Putins Besuch") fill.  Candidates for
arguments are the entity mentions of the clause plus person names the entity layer has not
found yet (name runs after an office noun, names known from speakers).  Everything here is pure
and works on tokens with article offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from lagebild.analyze.text.speech import (
    ADVERBIAL_STARTS, ARTICLES, AUXILIARIES, PREPOSITIONS, SUBORDINATORS, Tok, is_role_word, lexicon,
)

#: capitalised words at a sentence start that never begin a name
FUNCTION_WORDS = ARTICLES["de"] | ARTICLES["en"] | ADVERBIAL_STARTS["de"] | ADVERBIAL_STARTS["en"] \
    | PREPOSITIONS["de"] | PREPOSITIONS["en"] | SUBORDINATORS["de"] | SUBORDINATORS["en"] | {
        "laut", "seit", "wie", "nach", "so", "es", "er", "sie", "wir", "ihr", "ein", "eine", "the", "it", "he", "she",
        "they", "we", "dies", "diese", "dieser", "this", "that", "rund", "etwa", "fast", "knapp", "über", "mehr"}
EXTRA_PREPS = {"zwischen", "between", "mit", "with", "an", "aus", "von", "nach", "gegen", "auf", "wegen", "of", "on"}
NOT_ADJ = {"zufolge", "bereits", "ebenfalls", "etwa", "rund", "gegen", "wegen", "ohne", "eine", "keine", "seine", "ihre",
           "beide", "erste", "zudem", "gerne", "ferne", "nahe", "some", "the", "weitere", "weiteren", "zusätzliche",
           "zusätzlichen", "mehrere", "einige", "further", "more", "new", "received", "sent", "shipped", "supplied"}

GOV_NOUNS = {"regierung", "führung", "staatsführung", "armee", "streitkräfte", "truppen", "militär", "seite",
             "behörden", "government", "forces", "army", "military", "troops", "leadership", "officials",
             "geheimdienst", "geheimdienste", "präsident", "staatschef", "außenminister", "behörde"}
#: bodies that stand for their state (an argument "russische Truppen" is Russia), unlike single office holders
COLLECTIVE_NOUNS = GOV_NOUNS - {"präsident", "staatschef", "außenminister"}
WEAPON_RE = re.compile(
    r"[\w-]*munition\w*|[\w-]*raketen?\w*|[\w-]*granaten|[\w-]*geschoss\w*|[\w-]*drohnen?|[\w-]*waffen\w*"
    r"|abschussrampen?|[\w-]*panzer\w*|[\w-]*flugkörper|[\w-]*drohnenteile"
    r"|schuss|container|\w*ausrüstung|\w*technologien?|kampfjets?|\w*flugzeuge?|[\w-]*systeme?|\w*artillerie\w*|shahed\w*"
    r"|ammunition|shells?|missiles?|rockets?|drones?|weapons?|arms|launchers?|artillery|containers?|equipment"
    r"|technology|tanks?|rounds|jets?|aircraft|munitions|systems?")
NOT_WEAPON = {"waffenstillstand", "waffenruhe", "waffenpartnerschaft", "waffengeschäften", "waffengeschäfte",
              "waffenknappheit", "arms", "raketenprogramm", "atomwaffensperrvertrag", "waffendeal"}
NUMBER_RE = re.compile(
    r"(?:(?:etwa|rund|mehr als|über|fast|knapp|bis zu|mindestens|about|around|more than|over|nearly|some|up to)\s+)?"
    r"(?:\d[\d.,]*(?:\s+(?:Millionen|Million|Milliarden|Tausend|million|billion|thousand))?"
    r"|eine[rn]? Million|einer? Milliarde|Hunderttausende|Zehntausende|Tausende|Hunderte|hundreds of thousands"
    r"|thousands|hundreds|mehrere|several|dozens)(?=\s)")
TIME_RE = re.compile(
    r"\b(?:(?:am|seit|vom|bis zum|on|since)\s+\d{1,2}\.?\s+(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September"
    r"|Oktober|November|Dezember)(?:\s+\d{4})?|(?:im|seit|in|since|in early|in late)\s+(?:Januar|Februar|März|April|Mai"
    r"|Juni|Juli|August|September|Oktober|November|Dezember|January|February|March|June|July|October|December)"
    r"(?:\s+\d{4})?|(?:letzte|vergangene|diese|nächste|last|this|next)\s+(?:Woche|Monat|Jahr|week|month|year)"
    r"|(?:am|on)\s+(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday)|(?:im Jahr|in)\s+(?:19|20)\d\d|gestern|heute|yesterday|today"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2}(?:,\s*\d{4})?)\b")
MONTHS_EN = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
EN_NOUN_CONTEXT = {"arms", "weapons", "ammunition", "missile", "drone", "new", "further", "any", "more", "recent",
                   "military", "security", "defence", "defense", "these", "those", "its", "their", "his", "her"}
LIGHT_SANCTION = re.compile(r"verhängt\w*|verhängen|beschlossen|beschließt|erlassen|erließ|droh\w+|imposed?|imposes|"
                            r"announced|slapped|verschärft\w*|ausgeweitet|weitet")
ACCUSE_RE = re.compile(r"vor|beschuldigt|beschuldigte|beschuldigen|bezichtigt|accused|accuses|accuse|blamed")
AGREEMENT_RE = re.compile(r"\w*(?:pakt|abkommen|vertrag|vereinbarung|deal|austausch)|pact|agreement|treaty|deal|accord")
#: roles filled with a plain phrase after a preposition when no entity fills them
FALLBACK_PPS = {
    "ATTACK": {"target": ("auf", "gegen", "on", "against", "at")},
    "SANCTION": {"target": ("gegen", "on", "against"), "reason": ("wegen", "over", "for"), "sanctioner": ("des", "der")},
}
CLAUSE_OPENERS = SUBORDINATORS["de"] | SUBORDINATORS["en"] | {
    "und", "aber", "wobei", "während", "um", "sondern", "doch", "denn", "and", "but", "while", "whereas", "der", "die",
    "das", "welche", "welcher", "dessen", "deren", "who", "which", "bis", "until"}
#: Konjunktiv forms that open reported speech after a comma ("sagte …, Moskau habe …")
REPORTED_FINITE = {"habe", "hätte", "hätten", "sei", "seien", "werde", "würde", "würden", "könne", "könnten", "solle",
                   "wolle", "gebe", "verfüge"}
#: a sentence-initial word of this shape is a common noun, not a name ("Cooperation appeared …")
EN_NOUN_SUFFIXES = ("tion", "ment", "ness", "ity", "ance", "ence", "ship", "ism", "ure")
#: verbs of invitation: the invitee, not the host, is the visitor ("Kim lud Putin zu einem Besuch ein")
INVITE_RE = re.compile(r"lud|lädt|luden|laden|eingeladen|einladen|einlud|invited?|invites|inviting")
#: verbs that name something as something ("bezeichnete das Land als wichtigsten Lieferanten")
DESIGNATE_RE = re.compile(r"bezeichnet\w*|nannte|nennt|nennen|sieht|sah|gilt|galt|called|calls|described|describes")
#: prepositions that place an event noun in time ("seit dem Treffen"); markers of the clause do not reach it
TEMPORAL_PREPS = {"seit", "nach", "vor", "während", "since", "after", "before", "during"}


@dataclass(frozen=True)
class Trigger:
    type: str
    pattern: re.Pattern[str]
    particle: str | None
    roles: dict[str, str]  # subject/object/modifier/genitive/<preposition> → role
    requires: str | None
    noun: bool


@dataclass(frozen=True)
class Cand:
    """An argument candidate: an entity mention or a name run, by token range."""

    first: int
    last: int  # exclusive
    start: int
    end: int
    mention: int | None
    form: str  # name | adjective | person
    label: str
    key: str | None = None


@dataclass
class RawEvent:
    type: str
    trigger: tuple[int, int]  # character span
    clause: tuple[int, int]  # character span
    args: dict[str, tuple[int, int, int | None]] = field(default_factory=dict)  # role → (start, end, mention)
    trigger_tok: int = 0
    noun: bool = False
    source: tuple[int, int, int | None] | None = None  # who names the event ("X bezeichnete … als Lieferanten")


def _lines(name: str) -> list[list[str]]:
    raw = resources.files("lagebild.resources.events").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in raw.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=2)
def triggers(language: str) -> tuple[Trigger, ...]:
    lang = "en" if language == "en" else "de"
    out = []
    for cells in _lines("triggers.tsv"):
        etype, tlang, pattern, particle, frame = cells[:5]
        if tlang != lang:
            continue
        roles: dict[str, str] = {}
        requires = None
        for part in frame.split(";"):
            keys, _, role = part.partition("=")
            if keys == "requires":
                requires = role
                continue
            for key in keys.split(","):
                roles[key.strip()] = role.strip()
        noun = "modifier" in roles or "genitive" in roles
        out.append(Trigger(etype, re.compile(pattern), None if particle == "-" else particle, roles, requires, noun))
    return tuple(out)


@lru_cache(maxsize=2)
def any_trigger(language: str) -> re.Pattern[str]:
    """One pattern for all trigger words of ``language`` (a fast pre-check per token)."""
    return re.compile("|".join(f"(?:{t.pattern.pattern})" for t in triggers(language)))


@lru_cache(maxsize=65536)
def is_trigger_word(language: str, word: str) -> bool:
    """Whether a lower-cased word may trigger an event (memoised; a pure function of its input)."""
    return any_trigger(language).fullmatch(word) is not None


@lru_cache(maxsize=2)
def markers(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    lang = "en" if language == "en" else "de"
    return tuple((status, re.compile(r"\b(?:" + pattern + r")\b")) for status, mlang, pattern in _lines("markers.tsv")
                 if mlang == lang)


def clauses(toks: list[Tok], starts: set[int] = frozenset(), language: str = "de") -> list[tuple[int, int]]:
    """Token ranges of the clauses of a sentence (split at ';', at commas that open a clause and
    where a reported message begins: ``starts`` are character offsets; "said that …", "believed
    North Korea had …", "sagte …, Moskau habe …")."""
    lang = "en" if language == "en" else "de"
    speech = lexicon(lang).verbs
    bounds = [0]
    for k, t in enumerate(toks):
        if k and t.start in starts:
            bounds.append(k)
        elif t.text in {";", ":", "–", "—"} or (t.text == "," and k + 1 < len(toks) and (
                toks[k + 1].lower in CLAUSE_OPENERS or toks[k + 1].lower in AUXILIARIES["de"]
                or toks[k + 1].lower in {"wird", "hat", "ist", "sagte", "sagt"})):
            bounds.append(k + 1)
        elif lang == "de" and t.text == "," and any(toks[j].lower in speech for j in range(bounds[-1], k)) and any(
                toks[j].lower in REPORTED_FINITE for j in range(k + 1, min(k + 5, len(toks)))):
            bounds.append(k + 1)
        elif lang == "en" and k + 1 < len(toks) and toks[k - 1].is_word and toks[k - 1].lower not in \
                PREPOSITIONS["en"] | ARTICLES["en"] and (
                (t.lower == "that" and (toks[k + 1].is_cap or toks[k + 1].lower in ARTICLES["en"] | {"it", "he", "she", "they"}))
                or (toks[k - 1].lower in speech and t.is_cap and t.is_word and t.lower not in FUNCTION_WORDS
                    and any(toks[j].lower in AUXILIARIES["en"] for j in range(k + 1, min(k + 5, len(toks)))))):
            bounds.append(k)
    bounds.append(len(toks))
    bounds = sorted(set(bounds))
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _tok_range(toks: list[Tok], start: int, end: int) -> tuple[int, int] | None:
    first = next((k for k, t in enumerate(toks) if t.end > start), None)
    if first is None or toks[first].start >= end:
        return None
    last = first
    while last < len(toks) and toks[last].start < end:
        last += 1
    return first, last


def candidates(text: str, toks: list[Tok], entities, names: tuple[str, ...], language: str) -> list[Cand]:
    """Entity mentions and name runs of a sentence, as argument candidates; ``entities`` are
    ``(index, mention)`` pairs of the article's entity layer near the sentence."""
    out: list[Cand] = []
    covered: set[int] = set()
    offices: set[int] = set()  # first tokens of office mentions ("Russian President")
    if toks:
        lo, hi = toks[0].start, toks[-1].end
        for m, e in entities:
            if e.end <= lo or e.start >= hi or e.label not in {"PER", "ORG", "GPE", "LOC"}:
                continue
            rng = _tok_range(toks, e.start, e.end)
            if rng is None:
                continue
            if e.key is None and " " in e.text and e.label in {"LOC", "GPE", "ORG"}:
                parts = _split_states(e, language)
                if parts:
                    for ps, pe, pm in parts:
                        prng = _tok_range(toks, ps, pe)
                        if prng:
                            out.append(Cand(prng[0], prng[1], ps, pe, None, "name", "GPE"))
                    covered.update(range(*rng))
                    continue
            inside_token = toks[rng[1] - 1].end > e.end or toks[rng[0]].start < e.start
            form = "compound" if inside_token else "adjective" if e.form == "adjective" else "name"
            if e.form == "role":
                offices.add(rng[0])
            out.append(Cand(rng[0], rng[1], e.start, e.end, m, form, e.label, e.key))
            covered.update(range(*rng))
    lex = lexicon(language)
    arts = ARTICLES["en" if language == "en" else "de"]
    k = 0
    while k < len(toks):
        t = toks[k]
        if k in covered or not t.is_cap or not t.is_word or t.lower in arts:
            k += 1
            continue
        j = k
        while j < len(toks) and j not in covered and toks[j].is_cap and toks[j].is_word:
            j += 1
        run = list(range(k, j))
        if k > 0 and toks[k - 1].is_word and not toks[k - 1].is_cap and (toks[k - 1].lower in arts or toks[k - 1].lower.endswith(
                ("e", "en", "er", "es", "em"))) and not is_role_word(toks[k].text, lex):
            run = run[1:]  # "russische Truppen Charkiw": a common noun after its adjective
        while run and (toks[run[0]].lower in FUNCTION_WORDS or is_role_word(toks[run[0]].text, lex)):
            run = run[1:]
        if language == "en" and run and len(run) == 1 and run[0] == 0 and j < len(toks) and toks[j].is_word \
                and not toks[j].is_cap and toks[run[0]].lower not in FUNCTION_WORDS | MONTHS_EN \
                and not toks[run[0]].lower.endswith(("s", "ly") + EN_NOUN_SUFFIXES):
            known = True  # English: a capitalised word is a name
            out.append(Cand(run[0], run[-1] + 1, toks[run[0]].start, toks[run[-1]].end, None, "person", "PER"))
            k = max(j, k + 1)
            continue
        after_role = any(is_role_word(toks[r].text, lex) for r in range(k, run[0])) if run else False
        after_role = after_role or (k > 0 and is_role_word(toks[k - 1].text, lex))
        words = [toks[r].text for r in run]
        known = any(w in names for w in words)
        if run and (known or (after_role and len(run) >= 1) or (len(run) >= 2 and _name_like(words))):
            out.append(Cand(run[0], run[-1] + 1, toks[run[0]].start, toks[run[-1]].end, None, "person", "PER"))
        k = max(j, k + 1)
    out = [c for c in out if not _names_office(toks, c, out, lex) and not (c.first in offices and any(
        d.label == "PER" and d.first not in offices and c.last <= d.first <= c.last + 1 for d in out))]
    out = [c for c in out if not (c.form == "compound" and any(
        d.form == "name" and (d.first, d.last) == (c.first, c.last) for d in out))]  # "UN" in "UN-Sicherheitsrat"
    return sorted(out, key=lambda c: c.first)


def _names_office(toks: list[Tok], c: Cand, cands: list[Cand], lex) -> bool:
    """A state in front of an office and the person holding it ("Nordkoreas Außenministerin Choe
    Son-hui"): the person is the argument, the state only qualifies the office."""
    k = c.last
    if c.label not in {"GPE", "ORG"} or c.form != "name" or k >= len(toks) or not is_role_word(toks[k].text, lex):
        return False
    return any(d.label == "PER" and k < d.first <= k + 2 for d in cands)


def _official(toks: list[Tok], c: Cand, cands: list[Cand]) -> Cand:
    """"des Pjöngjang-Beamten": the official of that state named earlier in the sentence (a person
    whose office is qualified by the same state), else the phrase itself."""
    for p in reversed([d for d in cands if d.label == "PER" and d.last <= c.first]):
        if c.key and any(d.key == c.key and d.last <= p.first <= d.last + 2 for d in cands if d is not p):
            return Cand(c.first, c.last, p.start, p.end, p.mention, "name", "PER", p.key)
    t = toks[c.first]
    return Cand(c.first, c.last, t.start, t.end, None, "np", "PER")


def _office_word(word: str, language: str) -> bool:
    """An office noun, also inflected ("Pjöngjang-Beamten", "Ministers")."""
    lex = lexicon(language)
    return is_role_word(word, lex) or (word.endswith(("n", "s")) and is_role_word(word[:-1], lex))


def _genitive_of(toks: list[Tok], c: Cand, i: int) -> bool:
    """Whether ``c`` follows the noun at ``i`` as a genitive ("Reise des hochrangigen Beamten", "of")."""
    k = c.first - 1
    while k > i + 1 and not toks[k].is_cap and toks[k].lower.endswith(("e", "en", "er", "es")):
        k -= 1
    return 0 < c.first - i <= 4 and k > i and toks[k].lower in {"des", "der", "eines", "einer", "of"}


_NOUN_END = ("ung", "heit", "keit", "schaft", "ion", "tät", "ismus", "nis", "ie", "en", "er", "ern", "ten", "rat")


def _name_like(words: list[str]) -> bool:
    return len(words) <= 4 and all(
        (len(w) < 9 or not w.lower().endswith(_NOUN_END) or "-" in w) and not WEAPON_RE.fullmatch(w.lower())
        and not any(ch.isdigit() for ch in w) for w in words)


def _prep_before(toks: list[Tok], c: Cand, language: str) -> str | None:
    arts = ARTICLES["en" if language == "en" else "de"]
    k = c.first - 1
    steps = 0
    while k >= 0 and steps < 4 and (toks[k].lower in arts or (not toks[k].is_cap and toks[k].lower.endswith(
            ("e", "en", "er", "es", "em")) and toks[k].lower not in AUXILIARIES["de"] and len(toks[k].text) > 3
            and toks[k].lower not in PREPOSITIONS["de"] and toks[k].lower not in PREPOSITIONS["en"]
            and toks[k].lower not in NOT_ADJ)
            or toks[k].lower in {"sowohl", "den", "beiden"} or (toks[k].is_cap and is_role_word(toks[k].text, lexicon(language)))
            or (steps == 0 and toks[k].is_cap and k > 0 and toks[k - 1].lower in arts and c.label in {"GPE", "LOC"})
            or (steps == 0 and toks[k].is_cap and toks[k].text.endswith(("'s", "’s")))
            or (toks[k].is_cap and k + 1 < c.first and is_role_word(toks[k + 1].text, lexicon(language)))):
        k -= 1
        steps += 1
    if k < 0:
        return None
    low = toks[k].lower
    if low in {"und", "sowie", "and", "als", "auch", ","}:
        return "&"
    if low in {"after", "before", "since", "until"} and c.last < len(toks) and (
            toks[c.last].lower.endswith("ed") or toks[c.last].lower in AUXILIARIES["en"]):
        return None  # "after Kim Jong Un travelled to …": a conjunction
    if low in {"seit", "bis", "während", "until", "since", "while"} and (k == 0 or toks[k - 1].text == ","):
        return None  # "Seit Kremlchef Wladimir Putin … zusammentraf", ", bis nordkoreanische Soldaten …": a conjunction
    return low if low in PREPOSITIONS["de"] or low in PREPOSITIONS["en"] or low in EXTRA_PREPS else None


def _head_after_adjective(toks: list[Tok], c: Cand) -> str:
    return toks[c.last].lower if c.last < len(toks) else ""


def _weapon(toks: list[Tok], lo: int, hi: int, skip: int, adjectives: frozenset[int] = frozenset(),
            stop: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    for k in range(lo, hi):
        low = toks[k].lower
        if k == skip or low in NOT_WEAPON or not WEAPON_RE.fullmatch(low):
            continue
        if not toks[k].is_cap and low not in {"ammunition", "shells", "missiles", "rockets", "drones", "weapons", "arms",
                                               "launchers", "artillery", "containers", "equipment", "technology",
                                               "tanks", "rounds", "jets", "aircraft", "munitions", "missile", "rocket",
                                               "drone", "shell", "weapon", "launcher", "tank", "jet"}:
            continue
        a = k
        while a - 1 >= lo and (a - 1) not in stop and (a - 1) != skip and (
                (a - 1) in adjectives or _weapon_adjective(toks[a - 1])):
            a -= 1
        b = k + 1
        while b < hi and WEAPON_RE.fullmatch(toks[b].lower) and toks[b].is_cap == toks[k].is_cap \
                and toks[b].lower not in NOT_WEAPON:
            b += 1  # "Schuss Munition"
        # chains: "Abschussrampen für ballistische Raketen und Munition"
        while b + 1 < hi and toks[b].lower in {"und", "sowie", "für", "and", "for", "of", "mit"}:
            c = b + 1
            while c < hi and not toks[c].is_cap and toks[c].lower.endswith(("e", "en", "er", "ic", "al")) \
                    and toks[c].lower not in {"die", "der", "the"}:
                c += 1
            if c < hi and WEAPON_RE.fullmatch(toks[c].lower) and toks[c].lower not in NOT_WEAPON:
                b = c + 1
            else:
                break
        return a, b
    return None


def find_in_clause(text: str, toks: list[Tok], clause: tuple[int, int], cands: list[Cand], language: str,
                   prev_clause: tuple[int, int] | None) -> list[RawEvent]:
    """Events triggered inside one clause of a sentence."""
    lang = "en" if language == "en" else "de"
    lo, hi = clause
    out: list[RawEvent] = []
    used: set[int] = set()
    for i in range(lo, hi):
        t = toks[i]
        if i in used or not t.is_word:
            continue
        low = t.lower
        if not is_trigger_word(language, low):
            continue
        if lang == "en" and low.endswith("ed") and (i > lo and (toks[i - 1].lower.endswith("ly") or toks[i - 1].lower in
                                                                ARTICLES["en"]) or (i + 1 < hi and toks[i + 1].lower in
                                                                                   {"governments", "states", "countries",
                                                                                    "entities", "individuals", "officials"})):
            continue  # an adjective: "heavily sanctioned governments"
        capital_noun = lang == "de" and t.is_cap and i > lo
        en_noun = lang == "en" and i > lo and (toks[i - 1].lower in ARTICLES["en"] | EN_NOUN_CONTEXT
                                               or toks[i - 1].text.endswith(("'s", "’s"))
                                               or (toks[i - 1].lower in PREPOSITIONS["en"] - {"to"}
                                                   and not low.endswith("ing"))
                                               or (i - 1 > lo and toks[i - 2].lower in PREPOSITIONS["en"] - {"to"}
                                                   and toks[i - 1].is_word and not toks[i - 1].is_cap
                                                   and not toks[i - 1].lower.endswith("ly")))
        if lang == "en" and i + 1 < hi and low in {"attack", "strike", "assault"} and WEAPON_RE.fullmatch(toks[i + 1].lower):
            continue  # "Shahed attack drones": a kind of weapon
        for trig in triggers(language):
            if lang == "de" and trig.noun != capital_noun and not (i == lo and trig.noun == t.is_cap):
                continue
            if en_noun and not trig.noun:
                continue
            if not trig.pattern.fullmatch(low):
                continue
            part = None
            if trig.particle:
                part = next((k for k in range(i + 1, hi) if toks[k].lower == trig.particle), None)
                if part is None:
                    continue
            ev = _fill(text, toks, clause, cands, trig, i, part, language, prev_clause)
            if ev is None:
                continue
            if {ev.type, *(o.type for o in out)} >= {"AGREE", "NEGOTIATE"}:
                neg = next((o for o in out + [ev] if o.type == "NEGOTIATE"), None)
                agr = next((o for o in out + [ev] if o.type == "AGREE"), None)
                if neg is not None and agr is not None and "object" in agr.args:
                    neg.args.setdefault("object", agr.args["object"])
                    out = [o for o in out if o is not agr]
                    if ev is agr:
                        used.add(i)
                        break
                    out.append(ev)
                    used.add(i)
                    break
            same = next((k for k, o in enumerate(out) if o.type == ev.type), None)
            if same is not None:
                keep, other = (out[same], ev) if not trig.noun else (out[same], ev)
                merged = dict(other.args)
                merged.update(keep.args)
                out[same] = RawEvent(keep.type, keep.trigger, keep.clause, merged, keep.trigger_tok, keep.noun,
                                     keep.source)
                used.add(i)
                break
            out.append(ev)
            used.add(i)
            if part is not None:
                used.add(part)
            break
    return out


def _fill(text: str, toks: list[Tok], clause: tuple[int, int], cands: list[Cand], trig: Trigger, i: int,
          part: int | None, language: str, prev_clause: tuple[int, int] | None) -> RawEvent | None:
    lang = "en" if language == "en" else "de"
    lo, hi = clause
    inside = [c for c in cands if lo <= c.first < hi and not (c.first <= i < c.last)]
    roles = trig.roles
    args: dict[str, tuple[int, int, int | None]] = {}
    low_i = toks[i].lower
    participle = low_i.endswith(("t", "ed")) or (low_i.startswith("ge") and low_i.endswith("en")) or \
        low_i in {"bestritten", "beschossen", "angegriffen", "sent", "sold", "given", "struck", "hit", "shot"}
    if lang == "en":
        passive = participle and i > lo and (toks[i - 1].lower in {"was", "were", "been", "being", "is", "are", "be"} or (
            i - 1 > lo and toks[i - 2].lower in {"was", "were", "been", "is", "are", "be"} and toks[i - 1].lower.endswith("ly")))
    else:
        passive = participle and any(toks[k].lower in {"wurde", "wurden", "worden", "werden", "wird"}
                                     for k in range(lo, hi)) and not (i + 1 < hi and toks[i + 1].lower in {
                                         "haben", "hat", "hatte", "habe", "hätten", "hätte"})

    def put(role: str, c: Cand) -> None:
        if any(v[0] == c.start for v in args.values()):
            return
        if role in {"participant", "party", "participant2", "party2"}:
            base = role.rstrip("2")
            key = base if role == base and base not in args else base + "2"
            n = 3
            while key in args:
                key = f"{base}{n}"
                n += 1
        elif role in args:
            return
        else:
            key = role
        args[key] = (c.start, c.end, c.mention)

    source: tuple[int, int, int | None] | None = None
    zu_clause = toks[i].lower.startswith(("zu", "abzu", "anzu", "einzu", "auszu")) and "zu" in toks[i].lower[:6] or (
        i > lo and toks[i - 1].lower == "zu") or (i + 1 < hi and toks[i + 1].lower == "zu") or (
        lang == "en" and i > lo and toks[i - 1].lower == "to")
    bare: list[Cand] = []
    last_prep: str | None = None
    for c in inside:
        if any(d is not c and d.first <= c.first and c.last <= d.last and (d.last - d.first) > (c.last - c.first)
               for d in inside):
            continue  # "nordkoreanischen" inside "dem nordkoreanischen Außenminister"
        prep = _prep_before(toks, c, language)
        if prep == "&":
            prep = last_prep  # "zwischen Moskau und Pjöngjang"; None: "Russland und Nordkorea"
        last_prep = prep
        if c.form == "compound" and _office_word(toks[c.first].text, language):
            c = _official(toks, c, cands)  # "des Pjöngjang-Beamten": the official, not the state
        elif c.form == "compound":
            c = Cand(c.first, c.last, c.start, c.end, c.mention, "adjective", c.label, c.key)
        elif c.form == "adjective" and c.last < hi and c.last != i and not toks[c.first].text.endswith(("'s", "’s")) and (toks[c.last].is_cap or (
                lang == "en" and toks[c.last].is_word and toks[c.last].lower not in PREPOSITIONS["en"] | AUXILIARIES["en"]
                | ARTICLES["en"] | {"and", "or"})) and _heads_phrase(toks, c, lang):
            if any(d.first == c.last + 1 and d.label == "PER" for d in inside):
                continue  # "der russische Präsident Wladimir Putin": the person is the argument
            head = toks[c.last]
            form = "name" if head.lower in GOV_NOUNS or is_role_word(head.text, lexicon(language)) else "np"
            person = trig.type in {"VISIT", "MEET"} and head.lower not in COLLECTIVE_NOUNS and _office_word(
                head.text, language)  # "der nordkoreanische Machthaber" travels, not North Korea
            c = Cand(c.first, c.last + 1, c.start, toks[c.last].end, None if person else c.mention, form, c.label, c.key)
        if c.form == "adjective":
            between = range(min(i, c.first) + 1, max(i, c.first))
            if trig.noun and "modifier" in roles and (c.first < i and i - c.first <= 4 or (
                    c.first > i and c.first - i <= 3 and not any(toks[k].lower in EXTRA_PREPS - {"of"} for k in between))):
                put(roles["modifier"], c)
            continue
        near = not trig.noun or (0 < c.first - i <= 7)
        if prep and prep in roles and near:
            if not (c.form == "np" and prep in {"aus", "from"} and roles[prep] == "supplier"):
                put(roles[prep], c)  # "eine Limousine aus russischer Fertigung": where the item was made
            continue
        if prep:
            if prep in {"in", "im", "at", "auf", "bei"} and "place" not in args and c.label in {"GPE", "LOC"} \
                    and "place" in set(roles.values()):
                args["place"] = (c.start, c.end, c.mention)
            continue
        if trig.noun and "genitive" in roles and (
                (i - 2 <= c.last <= i and toks[c.last - 1].text.endswith(("s", "’s", "'s")) and all(
                    not toks[k].is_cap for k in range(c.last, i)))
                or (c.first > i and _genitive_of(toks, c, i))):
            put(roles["genitive"], c)
            continue
        bare.append(c)
    if not trig.noun:
        subject_role, object_role = roles.get("subject"), roles.get("object")
        if passive:
            subject_role = None
        order = bare
        if lang == "en":
            before = [c for c in order if c.first < i]
            after = [c for c in order if c.first > i]
            head = before[:1] + [c for c in before[1:] if _prep_before(toks, c, language) == "&"]
            order = head + after if head and subject_role else after
            if not head and subject_role and object_role:
                subject_role = None  # English: nothing before the verb, so the first noun is its object
        if zu_clause and subject_role and prev_clause is not None and (lang == "de" or not any(c.first < i for c in order)):
            outer = [c for c in cands if prev_clause[0] <= c.first < prev_clause[1] and c.form != "adjective"
                     and _prep_before(toks, c, language) in (None, "&")]
            accusing = any(ACCUSE_RE.fullmatch(toks[k].lower) or INVITE_RE.fullmatch(toks[k].lower)
                           for k in range(*prev_clause))
            if outer:
                put(subject_role, outer[-1] if accusing and len(outer) > 1 else outer[0])  # the one accused, invited
            if order and object_role:
                put(object_role, order[0])
        elif order and subject_role and order[0].form == "np" and (object_role or trig.type == "SUPPLY") and any(
                toks[k].lower in {"man", "er", "sie", "es", "wir", "ich"} for k in range(lo, order[0].first)):
            c = order[0]
            if object_role:
                put(object_role, c)
            else:  # "dass man russische Hilfe erhalte": the thing received, from the state of its adjective
                args["item"] = (toks[c.first].start, c.end, None)
                if "supplier" not in args and c.mention is not None:
                    args["supplier"] = (c.start, toks[c.last - 2].end, c.mention)
        elif lang == "de" and order and subject_role and object_role and order[0].first == i + 3 and \
                toks[i + 1].lower in {"der", "die", "das"} and toks[i + 2].is_cap and toks[i + 2].is_word:
            args[subject_role] = (toks[i + 1].start, toks[i + 2].end, None)  # "wirft der Westen Pjöngjang vor"
            put(object_role, order[0])
        elif order and subject_role:
            if lang == "en" and zu_clause and trig.type == "VISIT":
                inviter = next((k for k in range(lo, i) if INVITE_RE.fullmatch(toks[k].lower)), None)
                if inviter is not None:  # "Kim invited Putin to visit Pyongyang"
                    order = [c for c in order if c.first > inviter] + [c for c in order if c.first <= inviter]
            put(subject_role, order[0])
            rest = order[1:]
            while rest and _prep_before(toks, rest[0], language) == "&":
                if subject_role in {"participant", "party", "sanctioner", "speaker"}:
                    put(subject_role, rest[0])
                rest = rest[1:]
            if object_role and rest:
                put(object_role, rest[0])
        elif order and object_role:
            put(object_role, order[0])
    else:
        agent = {"VISIT": "visitor", "MEET": "participant", "AGREE": "party", "NEGOTIATE": "party",
                 "SANCTION": "sanctioner", "CONDEMN": "speaker", "ACCUSE": "speaker"}.get(trig.type)
        if trig.type == "VISIT" and any(INVITE_RE.fullmatch(toks[k].lower) for k in range(lo, hi)):
            before = [c for c in bare if c.first < i and c.form != "np"]
            if len(before) >= 2:
                put("visitor", before[1])  # "Kim hatte Putin zu einem Gegenbesuch eingeladen"
        definite = i - 2 >= lo and toks[i - 1].lower in {"der", "dem", "den", "die", "the"} and (
            toks[i - 2].lower in PREPOSITIONS[lang])
        if trig.type == "VISIT" and definite:
            agent = None  # "schon vor der Reise gewarnt": a trip named before, not one by the subject
        des = next((k for k in range(lo, i) if DESIGNATE_RE.fullmatch(toks[k].lower)), None)
        als = None if des is None else next((k for k in range(des + 1, i) if toks[k].lower in {"als", "as"}), None)
        if "subject" in roles and als is not None:  # "X bezeichnete das Land als wichtigsten Lieferanten"
            named = [c for c in bare if des < c.first < als]
            said = next((c for c in bare if c.first < des), None)
            if said is not None:
                source = (said.start, said.end, said.mention)
            bare = [c for c in bare if c.first > des]
            end = next((k for k in range(des + 1, als) if toks[k].lower in PREPOSITIONS[lang] or not toks[k].is_word), als)
            if named:
                put(roles["subject"], named[0])
            elif end > des + 1:
                args[roles["subject"]] = (toks[des + 1].start, toks[end - 1].end, None)
        for c in bare:
            if "subject" in roles and c.first < i:
                put(roles["subject"], c)
            elif roles.get("modifier") and (c.first == i - 1 or (c.first == i + 1 and lang == "de" and toks[c.last - 1].lower.endswith("s"))):
                put(roles["modifier"], c)
            elif agent and c.first < i and c.form != "np" and (agent not in args or agent in {"party", "participant"}) \
                    and (trig.type != "SANCTION" or any(LIGHT_SANCTION.fullmatch(toks[k].lower) for k in range(lo, hi))):
                put(agent, c)
    if trig.type == "VISIT" and not trig.noun and lang == "en":
        obj = next((c for c in bare if i < c.first <= i + 2 and c.label in {"GPE", "LOC"}), None)
        if obj is not None:  # "intends to visit North Korea …, his first trip to Pyongyang"
            args["destination"] = (obj.start, obj.end, obj.mention)
    subject_role = roles.get("subject")
    if not trig.noun and subject_role and subject_role not in args and not passive and not zu_clause \
            and "item" not in args:
        np = _subject_np(toks, lo, i, language)
        if np is not None and (trig.type != "VISIT" or any(
                is_role_word(toks[k].text, lexicon(language)) for k in range(*np))):
            args[subject_role] = (toks[np[0]].start, toks[np[1] - 1].end, None)
    adjectives = frozenset(k for c in inside if c.form == "adjective" for k in range(c.first, c.last))
    used_adj = frozenset(k for c in inside if c.form == "adjective" and any(v[0] == c.start for v in args.values())
                         for k in range(c.first, c.last))
    weapon = _weapon(toks, lo, hi, i, adjectives, used_adj if trig.type == "SUPPLY" else frozenset())
    for role, preps in FALLBACK_PPS.get(trig.type, {}).items():
        if role not in args:
            np = _pp_phrase(toks, lo, hi, i, preps, trig.noun)
            if np is not None:
                args[role] = (toks[np[0]].start, toks[np[1] - 1].end, None)
    if trig.type == "ATTACK" and "target" not in args and lang == "en" and not trig.noun and i + 1 < hi:
        a = i + 1 + (toks[i + 1].lower in ARTICLES["en"])
        b = a
        while b < hi and b - a < 3 and toks[b].is_word and toks[b].lower not in PREPOSITIONS["en"] | {"and"}:
            b += 1
        if b > a and not (weapon and weapon[0] <= a < weapon[1]):
            args["target"] = (toks[a].start, toks[b - 1].end, None)
    if trig.type in {"AGREE", "NEGOTIATE"} and "object" not in args:
        k = i if trig.noun else next((k for k in range(lo, hi) if toks[k].is_cap and AGREEMENT_RE.fullmatch(toks[k].lower)), None)
        if k is not None:
            args["object"] = (toks[k].start, toks[k].end, None)
    if trig.type == "SUPPLY" and weapon:
        args.setdefault("item", (toks[weapon[0]].start, toks[weapon[1] - 1].end, None))
    if trig.type == "ATTACK" and weapon:
        args.setdefault("weapon", (toks[weapon[0]].start, toks[weapon[1] - 1].end, None))
    if trig.requires == "weapon" and (not weapon or (low_i in {"launched", "launch", "launches"} and weapon[0] < i)):
        return None
    if trig.requires == "partner" and not any(r.startswith("participant") and r != "participant" for r in args) \
            and not ("participant" in args and len([r for r in args if r.startswith("participant")]) > 1):
        return None
    if trig.requires == "sanktion" and not any("sanktion" in toks[k].lower for k in range(lo, hi)):
        return None
    if trig.type == "SANCTION" and trig.requires == "sanktion":
        return None  # the noun "Sanktionen" itself triggers the event
    core = {"SUPPLY": ("supplier", "recipient"), "ATTACK": ("attacker", "target", "weapon"),
            "MEET": ("participant", "participant2"), "VISIT": ("visitor", "destination"),
            "AGREE": ("party", "party2"), "NEGOTIATE": ("party", "party2"),
            "SANCTION": ("sanctioner", "target"), "CONDEMN": ("speaker", "about"),
            "ACCUSE": ("speaker", "target"), "DENY": ("speaker", "about")}[trig.type]
    if trig.type in {"CONDEMN", "DENY"} and "about" not in args:
        a, b = i + 1, hi
        if part is not None:
            b = part
        elif toks[i].lower.startswith(("ge", "be", "ver", "kri", "de", "zur")) and not trig.noun:
            # participle at the clause end: the object stands between the auxiliary and the trigger
            aux = next((k for k in range(lo, i) if toks[k].lower in AUXILIARIES["de"] | AUXILIARIES["en"]), None)
            if aux is not None and i - aux > 1:
                a, b = aux + 1, i
                subj = args.get(roles.get("subject", ""))
                if subj is not None:
                    after = next((k for k in range(a, b) if toks[k].start >= subj[1]), a)
                    a = max(a, after)
        subj = args.get(roles.get("subject", ""))
        if subj is not None and a < b and toks[a].start < subj[1] and subj[0] >= toks[a].start:
            a = next((k for k in range(a, b) if toks[k].start >= subj[1]), a)
        m = TIME_RE.match(text, toks[a].start) if a < b else None
        while m and a < b and toks[a].start < m.end():
            a += 1
        while b > a and not toks[b - 1].is_word:
            b -= 1
        if b - a >= 1 and b - a <= 25:
            args["about"] = (toks[a].start, toks[b - 1].end, None)
    trigger = (toks[i].start, toks[i].end)
    if trig.type == "SUPPLY" and lang == "en" and low_i.startswith("receiv"):
        guest = _guest(toks, cands, i, hi, language)
        if guest is not None:  # "when he received Foreign Minister Choe at the Kremlin": a meeting
            meet = {"participant": args["recipient"]} if "recipient" in args else {}
            meet["participant2"] = guest
            place = next((c for c in inside if c.first > i and c.label in {"GPE", "LOC", "ORG"}
                          and _prep_before(toks, c, language) in {"at", "in"}), None)
            if place is not None:
                meet["place"] = (place.start, place.end, place.mention)
            return RawEvent("MEET", trigger, (toks[lo].start, toks[hi - 1].end), meet, i)
    if not any(r in args for r in core):
        return None
    return RawEvent(trig.type, trigger, (toks[lo].start, toks[hi - 1].end), args, i, trig.noun, source)


def _guest(toks: list[Tok], cands: list[Cand], i: int, hi: int, language: str) -> tuple[int, int, int | None] | None:
    """The person right after "received"/"hosted", or None where a thing follows."""
    person = next((c for c in cands if c.label == "PER" and i < c.first <= i + 5 and c.form != "adjective"), None)
    if person is not None:
        return person.start, person.end, person.mention
    lex = lexicon(language)
    role = next((k for k in range(i + 1, min(i + 6, hi)) if toks[k].is_cap and is_role_word(toks[k].text, lex)), None)
    if role is None:
        return None
    a = b = role + 1
    while b < hi and toks[b].is_cap and toks[b].is_word:
        b += 1
    return (toks[a].start, toks[b - 1].end, None) if b > a else None


def _subject_np(toks: list[Tok], lo: int, trig: int, language: str) -> tuple[int, int] | None:
    """A subject that is no entity ("rund 50 Staaten", "Experten"): before the finite verb, or right after it."""
    lang = "en" if language == "en" else "de"
    aux = AUXILIARIES[lang]
    finite = next((k for k in range(lo, trig + 1) if toks[k].lower in aux or k == trig), trig)
    while lo < trig and toks[lo].lower in SUBORDINATORS[lang] | {"wonach", "demnach"}:
        lo += 1
    first = toks[lo].lower
    if lo > 0 and toks[lo - 1].text == "," and first in {"der", "die", "das", "welche", "which", "that", "who"}:
        return None  # a relative clause: its subject is the noun before the comma
    if lo + 1 < len(toks) and toks[lo + 1].text[:1].isdigit():
        first = "#"  # "About 50 countries", "Rund 50 Staaten"
    if finite > lo and first not in ADVERBIAL_STARTS[lang] and first not in PREPOSITIONS[lang] and finite - lo <= 6:
        a, b = lo, finite
    elif finite < trig:
        a = b = finite + 1
        while b < trig and toks[b].lower not in ARTICLES[lang] | PREPOSITIONS[lang] and toks[b].is_word:
            b += 1
    else:
        return None
    while a < b and (not toks[a].is_word or toks[a].lower in ADVERBIAL_STARTS[lang]):
        a += 1
    if b <= a or not any(toks[k].is_cap for k in range(a, b)) or b - a > 6:
        return None
    if lang == "de" and b - a == 1 and toks[a].lower in FUNCTION_WORDS:
        return None
    return a, b


def _split_states(e, language: str) -> list[tuple[int, int, None]]:
    """A mention the tagger glued together from two state names ("Nordkorea Russland"), split."""
    from lagebild.analyze.entities import gazetteer

    hits = [h for h in gazetteer.find(e.text, language) if h.label == "GPE" and h.form != "adjective"]
    if len(hits) < 2:
        return []
    return [(e.start + h.start, e.start + h.end, None) for h in hits]


def _heads_phrase(toks: list[Tok], c: Cand, language: str) -> bool:
    """Whether an adjective of a state heads an argument phrase with its noun ("russische Truppen",
    "nordkoreanische Rüstungsfirmen", "der nordkoreanische Machthaber"), rather than modifying a
    weapon or the trigger ("nordkoreanische Raketen")."""
    head = toks[c.last]
    low = head.lower
    if low in GOV_NOUNS or is_role_word(head.text, lexicon(language)):
        return True
    return not WEAPON_RE.fullmatch(low) and low not in NOT_WEAPON


def _pp_phrase(toks: list[Tok], lo: int, hi: int, i: int, preps: tuple[str, ...], noun: bool) -> tuple[int, int] | None:
    """A short noun phrase after one of ``preps`` ("auf die Energieinfrastruktur", "wegen ihrer Geschäfte …")."""
    rng = range(i + 1, hi) if noun else range(lo, hi)
    for k in rng:
        if toks[k].lower not in preps:
            continue
        a = k + 1
        b = a
        while b < hi and b - a < 6 and toks[b].is_word and (
                toks[b].is_cap or toks[b].lower in ARTICLES["de"] | ARTICLES["en"] | {"mit", "with", "of", "bei"}
                or toks[b].lower.endswith(("e", "en", "er", "es", "ian", "ese", "al")) or toks[b].text[:1].isdigit()
                or toks[b].lower in {"drei", "zwei", "vier", "fünf", "three", "two", "four", "five"}) \
                and toks[b].lower not in AUXILIARIES["de"] | AUXILIARIES["en"] and (b == a or toks[b].lower not in (
                    PREPOSITIONS["de"] | PREPOSITIONS["en"] | EXTRA_PREPS) - {"mit", "bei", "of", "with"}):
            b += 1
        while b > a and not toks[b - 1].is_cap and not toks[b - 1].text[:1].isdigit() and toks[b - 1].lower not in {
                "civilians"} and not toks[b - 1].lower.endswith(("ians", "ns")):
            b -= 1
        if b > a:
            return a, b
    return None


def _weapon_adjective(tok: Tok) -> bool:
    """A word that may describe a weapon in front of it ("ballistische", "122-mm-", "ballistic")."""
    low = tok.lower
    return (not tok.is_cap or tok.text[:1].isdigit()) and low.endswith(("e", "en", "er", "es", "ic", "al", "-mm", "mm-")) \
        and low not in ARTICLES["de"] | ARTICLES["en"] | AUXILIARIES["de"] | NOT_ADJ | {"die", "der", "sie"} \
        and low not in PREPOSITIONS["de"]
