"""Name patterns the training data rarely shows, fixed on the model's mentions of one article.

All functions are pure: text and mentions in, mentions out.

* :func:`east_asian_names` — a known family name and a given name ("Choe Son Hui", "Xi Jinping").
* :func:`quoted_titles` — a quoted name after a noun that says what it names ("die Sendereihe
  „Kulturzeit“" → MISC, "die Zeitung „Nowaja Gaseta“" → ORG).
* :func:`compound_parts` — the name opening a hyphenated compound ("Nokia-Werkes").
* :func:`place_genitives` — the genitive of a known place ("Hannovers Oberbürgermeister").
* :func:`harmonize` — one label per name within an article.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from lagebild.analyze.entities import wordlists
from lagebild.analyze.entities.features import Lexicon
from lagebild.analyze.entities.wordstats import noun, one_label
from lagebild.model import EntityMention

_SYL = r"[A-Z][a-z]{1,3}"
_EA_NAME = re.compile(
    rf"(?<![\w-])([A-Z][a-z]{{0,5}}) (?:({_SYL}) ({_SYL})|({_SYL}-[a-z]{{2,4}})|([A-Z][a-z]{{1,6}}))(?![\w-])")
_QUOTED = re.compile(r"(?<![\w-])([A-Za-zÄÖÜäöüß][\w-]*[a-zäöüß]) +(„|\"|»|“)([^\"„“”»«\n]{1,80}?)(“|\"|«|”)")
_COMPOUND = re.compile(r"(?<![\w.-])([A-ZÄÖÜ]\w+)-([A-ZÄÖÜ]\w{2,})(?![\w-])")


def _by_offset(mentions: list[EntityMention]) -> list[EntityMention]:
    return sorted(mentions, key=lambda m: (m.start, -m.end))


# --- East Asian names ----------------------------------------------------------------------------

def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches that may overlap: the next search starts after the first word of the last match
    ("Auch Ri Son-gwon" must not hide "Ri Son-gwon")."""
    pos = 0
    while (match := pattern.search(text, pos)) is not None:
        yield match
        pos = match.end(1) + 1


def east_asian_names(text: str, mentions: Sequence[EntityMention], stage: str) -> list[EntityMention]:
    """Mentions with East Asian personal names fixed: a known family name followed by a
    two-syllable given name ("Choe Son Hui", "Kim Jong-un") is a person, replacing overlapping
    model guesses ("Kim Jong" → "Kim Jong Un"); states and curated names are kept."""
    surnames, korean = wordlists.east_asian_surnames(), wordlists.korean_surnames()
    out = list(mentions)
    for match in _overlapping(_EA_NAME, text):
        if match.group(1) not in surnames:
            continue
        single = match.group(5)
        if single is not None:
            # one-word given names only for the Chinese pattern "Xi Jinping", "Wang Yi"
            if match.group(1) in korean or single in surnames:
                continue
            if not any(m.label == "PER" and m.start == match.start() for m in out):
                continue
        a, b = match.start(), match.end()
        hits = [m for m in out if m.start < b and a < m.end]
        if any(m.key is not None or m.end > b or m.start < a for m in hits):
            continue
        out = [m for m in out if m not in hits]
        out.append(EntityMention(a, b, text[a:b], "PER", None, None, None, "name", stage))
    return _by_offset(out)


# --- quoted names --------------------------------------------------------------------------------
# The noun before a quoted name says what the name is: a work ("die Sendereihe „oper kompakt“",
# "der Song "Till Death Do Us Part"") or a newspaper, magazine or firm ("die Tageszeitung „Junge
# Welt“").  The heads (resources/entities/<lang>/quoted_heads.tsv) are those GermEval 2014 train
# mostly labels the quoted name after as OTH / ORG, plus the other kinds of works; compounds count
# by their last part ("Dokumentationssendung").

def quoted_head(word: str, language: str) -> str | None:
    """The label of a quoted name after ``word`` ("Sendereihe" → MISC, "Zeitung" → ORG), or ``None``."""
    low = word.lower()
    if low.endswith(wordlists.quoted_not_heads()):
        return None
    heads = wordlists.quoted_heads(language)
    forms = [low] + [low[:-len(end)] for end in ("s", "es", "n", "en") if low.endswith(end)]  # "Films", "Serien"
    for form in forms:
        for head, label in heads:
            if form == head or (language == "de" and form.endswith(head) and len(form) > len(head) + 2):
                return label
    return None


def quoted_titles(text: str, mentions: Sequence[EntityMention], language: str, stage: str) -> list[EntityMention]:
    """Quoted names after a noun that says what they name (:func:`quoted_head`) become one
    mention with the head's label (MISC for works, ORG for newspapers), replacing the model's
    mentions inside the quotes ("Till Death Do Us Part" as ORG) or filling a gap ("oper kompakt");
    a mention that crosses the quotes leaves the span alone."""
    out = list(mentions)
    for match in _QUOTED.finditer(text):
        label = quoted_head(match.group(1), language)
        inner = match.group(3).strip()
        if label is None or not inner or not (inner[0].isupper() or inner[0].isdigit()) \
                or len(inner.split()) > 8 or inner[-1] in ".,;:!?":
            continue
        a = match.start(3) + (len(match.group(3)) - len(match.group(3).lstrip()))
        b = a + len(inner)
        hits = [m for m in out if m.start < b and a < m.end]
        if any(m.start < a or m.end > b for m in hits):
            continue
        out = [m for m in out if m not in hits]
        out.append(EntityMention(a, b, inner, label, None, None, None, "name", stage))
    return _by_offset(out)


# --- compounds and genitives ---------------------------------------------------------------------

def compound_parts(text: str, mentions: Sequence[EntityMention], lex: Lexicon | None,
                   stage: str) -> list[EntityMention]:
    """``mentions`` plus the names that open a two-part hyphenated compound the tagger left
    alone ("Nokia-Werkes", "Island-Reiseführer", "Hitler-Biografie"), form ``part``: the first
    part must be a name the training data labels one way (PER, LOC or ORG for seven in ten of
    its uses, an entity for seven in ten), the head a common noun, and no place's own name
    ("Kirow-Straße")."""
    if lex is None:
        return list(mentions)
    place_heads = wordlists.place_name_heads()
    out = list(mentions)
    for match in _COMPOUND.finditer(text):
        first, head = match.group(1), match.group(2)
        if any(m.start < match.end() and match.start() < m.end for m in mentions):
            continue
        if place_heads.fullmatch(head) or not noun(lex, head) or len(first) < 3 and not first.isupper():
            continue  # "Co-Regie": a short prefix, not a name
        label = one_label(lex, first)
        if label is not None:
            out.append(EntityMention(match.start(1), match.end(1), first, label, None, None, None, "part", stage))
    return _by_offset(out)


def place_genitives(mentions: Sequence[EntityMention], lex: Lexicon | None) -> list[EntityMention]:
    """A one-word person the training data never saw that is the genitive of a place it knows
    ("Hannovers Oberbürgermeister", "Bremens Stürmer") is that place (LOC)."""
    if lex is None:
        return list(mentions)
    return [dataclasses.replace(m, label="LOC")
            if m.label == "PER" and m.form == "name" and place_genitive(lex, m.text) else m for m in mentions]


def place_genitive(lex: Lexicon, word: str) -> bool:
    """Whether an unseen word is the genitive of a place training or the gazetteer knows."""
    if len(word) < 5 or not word.endswith("s") or " " in word or word in lex.labels:
        return False
    stem = word[:-1]
    counts = lex.labels.get(stem, (0, {}))[1]
    if counts:
        return max(counts, key=counts.get) == "LOC" and counts.get("PER", 0) * 4 < counts["LOC"]
    return any(t.startswith(("LOC:", "GPE:")) for t in lex.gazetteer.get(stem, ()))


# --- one label per name --------------------------------------------------------------------------

def harmonize(mentions: Sequence[EntityMention]) -> list[EntityMention]:
    """One label per name within an article: the majority label of the model's mentions of the
    same text (ties keep each mention's own label)."""
    votes: dict[str, Counter] = {}
    for m in mentions:
        if m.form == "name":
            votes.setdefault(m.text, Counter())[m.label] += 1
    out = []
    for m in mentions:
        c = votes.get(m.text)
        if m.form == "name" and c and len(c) > 1:
            (best, n), *rest = c.most_common()
            if n > rest[0][1] and best != m.label:
                m = dataclasses.replace(m, label=best)
        out.append(m)
    return out
