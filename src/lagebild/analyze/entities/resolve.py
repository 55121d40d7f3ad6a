"""Resolving mentions within an article: which mention refers to which.

:func:`resolve` is pure: text and mentions in, mentions with ``ref``/``name`` out (plus new
mentions for later acronym uses, untagged surnames and role phrases).

* role phrases right before a name refer to it ("Russian President" → "Vladimir Putin");
* acronyms introduced in parentheses ("Hauptverwaltung für Aufklärung (HUR)") link both ways and
  their later uses link to the expansion;
* surnames ("Budanow") link to the full name in the same article;
* a lone word tagged as a person where places or types stand ("in Kazan", "vom Typ Shahed") is a
  place or a thing;
* definite role phrases ("der US-Außenminister") link to the person the article introduced with
  that role ("US-Außenminister Antony Blinken").
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from lagebild.analyze.entities import wordlists
from lagebild.analyze.entities.roles import any_role, role_head
from lagebild.model import EntityMention

#: articles before a role phrase that refers back to a person ("der Außenminister", "the spokesman")
DETERMINERS = {"de": ("der", "die", "dem", "den", "des"), "en": ("the",)}
_WORD = re.compile(r"[\w][\w.'’-]*")
_NAME_WORD = re.compile(r"[A-ZÄÖÜ][\w'’-]*[^\W\d_]")
_ADJ_INFL = re.compile(r"(e|en|er|es|em)$")
_ACRONYM = re.compile(r"\(\s*([A-ZÄÖÜ][A-Za-zÄÖÜ&.-]{1,9})\s*\)")


@dataclasses.dataclass
class _M:
    """A mutable mention while references are resolved (``ref`` points at another ``_M``)."""

    m: EntityMention
    ref: "_M | None" = None
    name: str | None = None
    form: str | None = None
    label: str | None = None
    key: str | None = None


#: a role phrase's introduction: (offset, role head, person, keys of the states around it)
_Intro = tuple[int, str, _M, set[str]]
#: a word of the text: (start, end, word)
_Word = tuple[int, int, str]


def resolve(text: str, mentions: Sequence[EntityMention], language: str, stage: str) -> list[EntityMention]:
    """Mentions with ``ref``/``name`` set by surname, acronym and role resolution (new mentions
    for later acronym uses, untagged surnames and role phrases are added)."""
    items = [_M(m) for m in mentions]
    appositions(text, items)
    acronyms(text, items, stage)
    surnames(text, items, stage)
    places(text, items)
    roles(text, items, language, stage)
    items.sort(key=lambda x: (x.m.start, -x.m.end))
    index = {id(x): i for i, x in enumerate(items)}
    out = []
    for x in items:
        m = x.m
        out.append(dataclasses.replace(
            m, ref=index[id(x.ref)] if x.ref is not None else m.ref, name=x.name or m.name,
            form=x.form or m.form, label=x.label or m.label, key=x.key or m.key))
    return out


def _covering(items: list[_M], start: int, end: int) -> _M | None:
    for x in items:
        if x.m.start <= start and end <= x.m.end:
            return x
    return None


def _free(items: list[_M], start: int, end: int) -> bool:
    return all(x.m.end <= start or x.m.start >= end for x in items)


# --- appositions ---------------------------------------------------------------------------------

def appositions(text: str, items: list[_M]) -> None:
    """A role phrase right before a person's name refers to that person ("Russian President" →
    "Vladimir Putin")."""
    starts = {x.m.start: x for x in items if x.m.label == "PER" and x.m.form == "name"}
    for x in items:
        if x.m.form != "role" or x.m.label != "PER" or x.ref is not None or x.m.ref is not None:
            continue
        gap = re.match(r"\s+", text[x.m.end:])
        person = starts.get(x.m.end + (gap.end() if gap else 0))
        if person is not None:
            x.ref, x.name = person, person.m.text


# --- acronyms ------------------------------------------------------------------------------------

def acronyms(text: str, items: list[_M], stage: str) -> None:
    """An acronym in parentheses after a name ("Hauptverwaltung für Aufklärung (HUR)") and the
    name link both ways; the acronym's later uses link to the expansion."""
    for match in _ACRONYM.finditer(text):
        acr = match.group(1)
        if sum(c.isupper() for c in acr) < 2:
            continue
        before = text[:match.start()].rstrip()
        full = next((x for x in items if x.m.end == len(before) and x.m.form != "role"), None)
        full = spelled_out(text, items, before, acr, full, stage)
        if full is None or full.m.text == acr or full.m.label == "PER":
            continue  # "Angela Merkel (CDU)" names a party, not an expansion
        acr_key = _key_of(items, match)
        if full.m.key is None and acr_key and full.m.label in ("ORG", "MISC"):
            full.key, full.label = acr_key, "ORG"  # "Main Intelligence Directorate (HUR)": a curated acronym
        elif full.m.text[:1].upper() != acr[0] and not (full.m.key and full.m.key == acr_key):
            continue
        long_name = full.name or full.m.text
        a0, a1 = match.start(1), match.end(1)
        acr_item = _covering(items, a0, a1)
        if acr_item is None:
            acr_item = _M(EntityMention(a0, a1, acr, full.m.label, full.m.key, None, None, "acronym", stage))
            items.append(acr_item)
        acr_item.ref, acr_item.name, acr_item.form = full, long_name, "acronym"
        acr_item.label = full.label or full.m.label
        full.ref = acr_item
        acronym_uses(text, items, match.end(), acr, full, long_name, stage)


#: lower-case words an expansion may hold without a letter in its acronym ("Amt für Statistik (AS)")
_LINKING = {"für", "der", "des", "die", "und", "von", "of", "for", "the", "and", "de", "du", "la"}


def spelled_out(text: str, items: list[_M], before: str, acr: str, full: _M | None, stage: str) -> _M | None:
    """The mention an acronym in parentheses expands, made whole where its words spell the acronym:
    the tagger's "Watch Foundation" of "Internet Watch Foundation (IWF)" grows to the three words,
    and capitalised words before "(IWF)" that no mention covers become an organisation's mention.
    Otherwise ``full`` as it is."""
    letters = "".join(c for c in acr if c.isalpha()).upper()
    if full is not None and (full.m.label == "PER" or full.m.text[:1].upper() == letters[:1]):
        return full
    end = full.m.start if full is not None else len(before)
    # only the words just before: at most one a letter is read (a space starts no word midway)
    lo = before.rfind(" ", 0, max(0, end - 40 * len(letters))) + 1
    words = [(m.start(), m.group()) for m in _WORD.finditer(before, lo) if m.start() < end]
    if not words or before[words[-1][0] + len(words[-1][1]):end].strip():
        return full  # the spelled-out words must run on right into the tagged ones (or the "(")
    initials = "" if full is None else _initials(full.m.text)
    for k in range(len(words) - 1, max(-1, len(words) - 1 - len(letters)), -1):
        start, word = words[k]
        if word.lower() in _LINKING:
            continue
        if not word[:1].isupper():
            return full
        spelled = _initials(text[start:end]) + initials
        if spelled == letters:
            grown = text[start:len(before)]
            if not _free([x for x in items if x is not full], start, len(before)):
                return full
            if full is None:
                full = _M(EntityMention(start, len(before), grown, "ORG", None, None, None, None, stage))
                items.append(full)
            else:
                full.m = dataclasses.replace(full.m, start=start, text=grown)
            _grow_other_uses(text, items, grown, full)
            return full
        if not letters.endswith(spelled):
            return full
    return full


def _grow_other_uses(text: str, items: list[_M], name: str, full: _M) -> None:
    """Elsewhere in the text the tagger cut the same name short the same way ("Die Internet Watch
    Foundation warnt" tagged "Watch Foundation"): each such mention takes the whole name."""
    for use in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w])", text):
        u0, u1 = use.start(), use.end()
        if u0 == full.m.start:
            continue
        inside = [x for x in items if x.m.start < u1 and x.m.end > u0]
        if len(inside) == 1 and inside[0].m.end == u1 and inside[0].m.start > u0:
            x = inside[0]
            x.m = dataclasses.replace(x.m, start=u0, text=name)


def _initials(name: str) -> str:
    return "".join(w[0].upper() for w in _WORD.findall(name) if w.lower() not in _LINKING and w[:1].isalpha())


def acronym_uses(text: str, items: list[_M], after: int, acr: str, full: _M, long_name: str, stage: str) -> None:
    """Later uses of an acronym (from ``after`` on) link to its expansion ``full``; a use the
    tagger missed becomes a mention unless another mention overlaps it."""
    for use in re.finditer(rf"(?<![\w-]){re.escape(acr)}(?![\w])", text[after:]):
        u0, u1 = after + use.start(), after + use.end()
        x = _covering(items, u0, u1)
        if x is None:
            if not _free(items, u0, u1):
                continue
            x = _M(EntityMention(u0, u1, acr, full.m.label, full.m.key, None, None, "acronym", stage))
            items.append(x)
        elif (x.m.start, x.m.end) != (u0, u1):
            continue
        x.ref, x.name, x.form, x.label = full, long_name, "acronym", full.label or full.m.label


def _key_of(items: list[_M], match: re.Match) -> str | None:
    x = _covering(items, match.start(1), match.end(1))
    return x.m.key if x is not None else None


# --- surnames ------------------------------------------------------------------------------------

def surname_keys(name: str) -> list[str]:
    """The words of a person's full name that may stand for it alone: the last and, when
    capitalized, the first ("Kim" of "Kim Jong Un"); only words that look like names (not "."
    of "Chr .", not an initial)."""
    parts = name.split()
    if len(parts) < 2:
        return []
    keys = [parts[-1], parts[0]] if parts[0][:1].isupper() else [parts[-1]]
    return [k for k in keys if _NAME_WORD.fullmatch(k)]


def surnames(text: str, items: list[_M], stage: str) -> None:
    """A one-word mention that is (the genitive of) a surname of a person named in full refers to
    that person; the surname's uses the tagger missed become mentions of their own."""
    people = [x for x in items if x.m.label == "PER" and x.m.form == "name" and len(x.m.text.split()) > 1]
    keys: dict[str, _M] = {}
    for x in people:
        for key in surname_keys(x.m.text):
            keys.setdefault(key, x)
    if not keys:
        return
    for x in list(items):
        if x.m.form not in ("name",) or " " in x.m.text or x.m.key is not None:
            continue
        word = x.m.text
        full = keys.get(word) or (keys.get(word[:-1]) if word.endswith("s") else None)
        if full is None or full is x:
            continue
        x.ref, x.name, x.label = full, full.m.text, "PER"
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))
                         + r")(s?)(?![\w-])")
    for match in pattern.finditer(text):
        s0, s1 = match.start(), match.end()
        if _free(items, s0, s1):
            full = keys[match.group(1)]
            items.append(_M(EntityMention(s0, s1, text[s0:s1], "PER", None, None, None, "name", stage),
                            ref=full, name=full.m.text))


# --- places and things where the tagger saw a person ---------------------------------------------

def places(text: str, items: list[_M]) -> None:
    """A lone capitalized word the tagger took for a person, but that stands where places or
    types stand: after a locative preposition or a place noun ("in Kazan", "Hafen Rajin") it is a
    place; after a type noun ("vom Typ Shahed") a thing.  Surnames of the article's people stay."""
    locative = wordlists.place_locatives()  # not "nach X" (= per X)
    facility_nouns, type_nouns = wordlists.facility_nouns(), wordlists.type_nouns()
    place_nouns, place_heads = wordlists.place_nouns(), wordlists.place_compound_heads()
    for x in items:
        m = x.m
        if m.label != "PER" or m.form != "name" or " " in m.text or x.ref is not None or m.ref is not None:
            continue
        after = re.match(r" ([a-z]+)\b", text[m.end:m.end + 20])
        if after and after.group(1) in facility_nouns:
            x.label = "LOC"  # "the Vostochny cosmodrome"
            continue
        before = re.findall(r"[\w-]+", text[max(0, m.start - 40):m.start])
        if not before or re.search(r"[.!?;:,]\s*$", text[max(0, m.start - 3):m.start]):
            continue
        prev = before[-1].lower()
        if prev in type_nouns:
            x.label = "MISC"
        elif prev in place_nouns or prev.endswith(place_heads) and prev[:1].isalpha() or prev in locative and (
                prev != "of" or len(before) > 1 and before[-2].lower() in place_nouns):
            x.label = "LOC"


# --- role phrases --------------------------------------------------------------------------------

def _states(items: list[_M], start: int, end: int) -> set[str]:
    """Keys of the states mentioned in ``[start, end)`` ("US" in "US-Außenminister")."""
    return {x.m.key for x in items if x.m.key and x.m.key.startswith("gpe:")
            and start <= x.m.start and x.m.end <= end}


def _compatible(a: set[str], b: set[str]) -> bool:
    return not a or not b or bool(a & b)


def roles(text: str, items: list[_M], language: str, stage: str) -> None:
    """Definite role phrases ("der US-Außenminister", "the spokesman") refer to the person the
    article introduced with that role (:func:`role_intros`); each becomes a mention of its own."""
    lang = "en" if language == "en" else "de"
    if not any(x.m.label == "PER" and " " in x.m.text for x in items) or not any_role(lang).search(text):
        return
    words = [(w.start(), w.end(), w.group(0)) for w in _WORD.finditer(text)]
    intros = role_intros(text, items, words, lang)
    if intros:
        role_references(text, items, words, intros, lang, stage)


def role_intros(text: str, items: list[_M], words: list[_Word], lang: str) -> list[_Intro]:
    """Where a role is introduced with a person's full name: right before it ("US-Außenminister
    Antony Blinken"), before it after a comma ("der Leiter des Militärgeheimdienstes HUR, Kyrylo
    Budanow", "the spokesman, John Kirby") or after it ("Antony Blinken, der US-Außenminister,")."""
    people = sorted((x for x in items if x.m.label == "PER" and x.m.form == "name" and x.ref is None
                     and " " in x.m.text), key=lambda x: x.m.start)
    starts = {x.m.start: x for x in people}
    intros: list[_Intro] = []
    for k, (w0, w1, word) in enumerate(words):
        head = role_head(word, lang)
        if head is None:
            continue
        if k + 1 < len(words) and words[k + 1][0] in starts and text[w1:words[k + 1][0]].strip() == "":
            intros.append((w0, head, starts[words[k + 1][0]], _states(items, w0 - 16, w1)))
            continue
        later = next((x for x in people if 0 < x.m.start - w1 <= 80), None)
        if later is not None:
            gap = text[w1:later.m.start]
            if gap.rstrip().endswith(",") and gap.count(",") == 1 and not re.search(r"[.!?;:]", gap):
                intros.append((w0, head, later, _states(items, w0 - 16, later.m.start)))
                continue
        for x in people:
            gap = text[x.m.end:w0]
            if 0 <= w0 - x.m.end <= 40 and gap.lstrip().startswith(",") and gap.count(",") == 1:
                intros.append((w0, head, x, _states(items, x.m.end, w1)))
                break
    return intros


def role_references(text: str, items: list[_M], words: list[_Word], intros: list[_Intro], lang: str,
                    stage: str) -> None:
    """Each definite role phrase (an article, up to three lower-case words, a role head, maybe a
    genitive complement) becomes a role mention that refers to the last person introduced with
    that role before it (else after it), when the states around both agree."""
    dets = DETERMINERS[lang]
    for k, (w0, w1, word) in enumerate(words):
        if word.lower() not in dets:
            continue
        j = k + 1
        while j < len(words) and j - k <= 3 and role_head(words[j][2], lang) is None and words[j][2][:1].islower():
            j += 1
        if j >= len(words) or role_head(words[j][2], lang) is None:
            continue
        head = role_head(words[j][2], lang)
        nxt = words[j + 1] if j + 1 < len(words) else None
        if nxt is not None and nxt[2][:1].isupper() and text[words[j][1]:nxt[0]].strip() == "":
            continue  # an apposition introducing a name ("Außenminister Choe Son Hui"), not a reference
        end = role_phrase_end(text, words, j)
        states = _states(items, w0, end)
        candidates = [p for off, h, p, st in intros if h == head and _compatible(st, states) and off < w0]
        if not candidates:
            candidates = [p for off, h, p, st in intros if h == head and _compatible(st, states)]
        if not candidates:
            continue
        person = candidates[-1]
        items.append(_M(EntityMention(w0, end, text[w0:end], "PER", None, None, None, "role", stage),
                        ref=person, name=person.m.text))


def role_phrase_end(text: str, words: list[_Word], j: int) -> int:
    """The end of a role phrase whose head is ``words[j]``, with its genitive complement: "des
    ukrainischen Militärgeheimdienstes", "des Weißen Hauses", "of State"."""
    end = words[j][1]
    nxt = words[j + 1] if j + 1 < len(words) else None
    if nxt is None or nxt[2].lower() not in ("des", "der", "of") or text[end:nxt[0]] != " ":
        return end
    q = j + 2
    while q < len(words) and q - j < 6 and text[words[q - 1][1]:words[q][0]] == " " and (
            words[q][2][:1].islower() or (
                q + 1 < len(words) and words[q + 1][2][:1].isupper() and _ADJ_INFL.search(words[q][2])
                and text[words[q][1]:words[q + 1][0]] == " ")):
        q += 1
    if q < len(words) and words[q][2][:1].isupper() and text[words[q - 1][1]:words[q][0]] == " ":
        end = words[q][1]
    return end
