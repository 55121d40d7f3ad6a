"""The trained tagger's spans as entity mentions, tidied where the span is not the name.

:func:`from_model` is pure: tagged spans and text in, :class:`EntityMention` records out.  Leading
titles and roles become a role phrase of their own ("Russian President" + "Vladimir Putin"), an
English "The" before a known name or at a sentence start goes ("The Kremlin"), a name cut short is
completed ("Linda Thomas-Greenfield"), a surname run into a state's name is cut ("will Putin
Nordkorea besuchen"), English adjectives ("Western officials") take the form ``adjective``, and a
capitalized common word the tagger took for a name ("Analysts noted", "im ukrainischen
Hinterland") is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lagebild.analyze.entities import gazetteer, wordlists
from lagebild.analyze.entities.features import Lexicon
from lagebild.analyze.entities.ner import Tagged
from lagebild.analyze.entities.roles import split_title
from lagebild.analyze.entities.wordstats import common_noun, entity_share, known_name
from lagebild.model import EntityMention

_ADJ_END = re.compile(r"(isch|ische|ischen|ischer|isches|ischem)$")
_EN_ADJ = re.compile(r"[A-Z][a-z]+(?:an|ean|ian|ern|ish|ese|ic)")
#: determiners and contracted prepositions that stand before a German noun phrase
_DE_DETERMINERS = r"(?:im|am|ins|vom|zum|zur|beim|der|die|das|dem|den|des|ein|eine|einem|einen|einer|eines)"
#: a determiner (any case: "Im", "Der" open sentences) and an inflected adjective (lower case: not
#: a noun, "des Landes Niedersachsen")
_DE_ADJ_BEFORE = re.compile(rf"(?<![\w-])(?i:{_DE_DETERMINERS}) [a-zäöüß]+(?:e|en|em|er|es) $")
_EN_PLURAL = re.compile(r"[A-Z][a-z]{3,}[^s'’]s")


def from_model(text: str, tagged: Sequence[Tagged], stage: str, lex: Lexicon | None = None,
               language: str = "de") -> list[EntityMention]:
    """Tagged spans as entity mentions: OTH → MISC; ``deriv`` → form adjective/demonym (LOC)
    or ``deriv``; ``part`` → the name inside the compound, form ``part``; names tidied by
    :func:`plain_name`."""
    out: list[EntityMention] = []
    full = [text[t.start:t.end].split() for t in tagged if t.label == "PER" and " " in text[t.start:t.end]]
    surnames = {words[-1] for words in full}
    family = surnames | {words[0] for words in full}  # East Asian names put the family name first
    for t in tagged:
        base = t.label.replace("deriv", "").replace("part", "")
        label = "MISC" if base == "OTH" else base
        if t.label.endswith("deriv"):
            surface = text[t.start:t.end]
            out.append(EntityMention(t.start, t.end, surface, label, None, None, None, derived_form(surface, label),
                                     stage))
        elif t.label.endswith("part"):
            start, end = part_span(text, t, lex)
            out.append(EntityMention(start, end, text[start:end], label, None, None, None, "part", stage))
        else:
            out.extend(plain_name(text, t, label, stage, lex, language, surnames, family))
    return out


def derived_form(surface: str, label: str) -> str:
    """The form of a ``deriv`` span: a place's adjective or demonym ("russische", "Russen"); for the
    other labels an adjective ("gotische" (OTHderiv), "Schröder'sche" (PERderiv))."""
    if label == "LOC":
        return "adjective" if surface[:1].islower() or _ADJ_END.search(surface) else "demonym"
    return "adjective"


def plain_name(text: str, t: Tagged, label: str, stage: str, lex: Lexicon | None, language: str,
               surnames: set[str], family: set[str]) -> list[EntityMention]:
    """A tagged name as mentions: the role phrase before it, if any, and the name itself, unless
    the context shows that it is no name ("Analysts noted", "im ukrainischen Hinterland")."""
    out: list[EntityMention] = []
    start, end = without_article(text, t.start, t.end, language), t.end
    if label in ("PER", "MISC", "ORG"):
        name_start, role_end = split_title(text, start, end, label, language)
        if name_start > start:
            if role_end is not None:
                out.append(EntityMention(start, role_end, text[start:role_end], "PER", None, None, None, "role", stage))
            start, label = name_start, "PER"
    if label in ("PER", "ORG", "MISC"):
        end = person_before_state(text, start, end, family, language, end)
        if end < t.end:
            label = "PER"  # "will Putin Nordkorea besuchen": the person, then the state
    if label == "PER":
        end = extend_name(text, end, " " not in text[start:end], lex, language == "en")
    form = name_form(text, start, end, label, lex, language, surnames)
    if form is None:
        return out
    if label in ("ORG", "PER", "MISC") and region_name(text[start:end]):
        label = "LOC"  # "the Indo-Pacific", "Asia-Pacific": a region, not a body
    out.append(EntityMention(start, end, text[start:end], label, None, None, None, form, stage))
    return out


def without_article(text: str, start: int, end: int, language: str) -> int:
    """Where a name starts without an English "The" at a sentence start or before a name the
    gazetteer knows ("The Kremlin")."""
    if language == "en" and text.startswith("The ", start) and end - start > 4:
        rest = text[start + 4:end]
        if sentence_initial(text, start) or rest in gazetteer.entries(language):
            return start + 4
    return start


def name_form(text: str, start: int, end: int, label: str, lex: Lexicon | None, language: str,
              surnames: set[str]) -> str | None:
    """``adjective`` for an English adjective ("Western officials", "Korean peninsula",
    "Soviet-standard shells"), ``None`` for a common word the tagger took for a name, else ``name``."""
    surface = text[start:end]
    if language == "en" and label in ("MISC", "LOC") and " " not in surface and (
            re.match(r"-[a-z]", text[end:end + 2])
            or _EN_ADJ.fullmatch(surface) and re.match(r" [a-z]", text[end:end + 2])):
        return "adjective"
    if language == "en" and " " not in surface and sentence_initial(text, start) and lex is not None \
            and common_word(text, surface, lex) and surface not in gazetteer.entries(language):
        return None  # "Foreign ministers …": a common word, capitalized
    if lex is not None and not_a_name(text, start, end, label, language, lex, surnames):
        return None  # "Analysts noted …", "im ukrainischen Hinterland"
    return "name"


def part_span(text: str, t: Tagged, lex: Lexicon | None) -> tuple[int, int]:
    """The name inside a compound token tagged ``…part`` ("US" in "US-Außenminister")."""
    token = text[t.start:t.end]
    if "-" in token.strip("-"):
        pos, best = 0, None
        for piece in token.split("-"):
            if piece[:1].isupper() and best is None:
                best = (t.start + pos, t.start + pos + len(piece))
            if lex is not None and piece and known_name(lex, piece):
                return t.start + pos, t.start + pos + len(piece)
            pos += len(piece) + 1
        if best is not None and best[1] - best[0] < len(token):
            return best
    if lex is not None:
        for k in range(len(token) - 2, 2, -1):
            piece = token[:k]
            if known_name(lex, piece):
                return t.start, t.start + k
    return t.start, t.end


def sentence_initial(text: str, start: int) -> bool:
    """Whether ``start`` opens a sentence (quotes and brackets before it aside)."""
    before = text[:start].rstrip(" \t\"'„“‚‘«»(")
    return not before or before[-1] in ".!?:\n"


def common_word(text: str, word: str, lex: Lexicon) -> bool:
    """A capitalized word that is a common word: seen in lower case (in training or in this text)
    and rarely or never part of a name in training."""
    low = word.lower()
    if low == word or (low not in lex.lower and not re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", text)):
        return False
    total = lex.labels.get(word, (0, {}))[0]
    return total < 5 or entity_share(lex, word) < 0.3


def region_name(surface: str) -> bool:
    """Whether a name is made of region words only ("Indo-Pacific", "Far East"), or is one of the
    region words that stand alone ("Sahel"); not "Euro" or "West"."""
    parts = [p for p in re.split(r"[\s-]+", surface.lower()) if p]
    if len(parts) == 1:
        return parts[0] in wordlists.regions_alone()
    words = wordlists.region_words()
    return bool(parts) and all(p in words for p in parts)


def not_a_name(text: str, start: int, end: int, label: str, language: str, lex: Lexicon,
               surnames: set[str]) -> bool:
    """A lone word the tagger took for a name that the context shows to be a common noun:

    * English: a plural noun opening a sentence ("Analysts noted …") tagged as a person, never
      seen in training and not the surname of a person named in the article;
    * German: a noun after a determiner and an inflected adjective ("im ukrainischen Hinterland")
      that training never saw and that ends in a common noun of the training data ("…land").
    """
    word = text[start:end]
    if " " in word or word in lex.labels or word in gazetteer.entries(language):
        return False
    if language == "en":
        return label == "PER" and bool(_EN_PLURAL.fullmatch(word)) and word not in surnames \
            and sentence_initial(text, start)
    if "-" in word or not _DE_ADJ_BEFORE.search(text[max(0, start - 40):start]):
        return False
    if any(known_name(lex, word[:-len(e)]) for e in ("s", "es", "n", "en") if word.endswith(e)):
        return False  # an inflected name: "des modernen Griechenlandes"
    return any(common_noun(lex, word[k:].capitalize()) for k in range(3, len(word) - 3))


def person_before_state(text: str, start: int, end: int, names: set[str], language: str, default: int) -> int:
    """The end of a span the tagger ran from a person's surname on into a state's name ("will Putin
    Nordkorea besuchen", "sicherte Choe Russland … zu"): the surname's end when the first word is
    the family name of a person named in full in the article and the rest is a state in the gazetteer."""
    first, _, rest = text[start:end].partition(" ")
    entry = gazetteer.entries(language).get(rest) if rest else None
    if first in names and entry is not None and entry.label == "GPE" and entry.form == "name":
        return start + len(first)
    return default


def extend_name(text: str, end: int, single: bool, lex: Lexicon | None, english: bool = True) -> int:
    """A person's name cut short by the tagger: a hyphenated last part ("Linda Thomas-Greenfield"),
    or after a lone given name the surname the tagger left out ("Lloyd Austin")."""
    match = re.match(r"-[A-ZÄÖÜ][\w]+(?![\w-])", text[end:])
    if match:
        return end + match.end()
    if single and lex is not None and english:  # German nouns are capitalized: "Brians Sohn"
        match = re.match(r" ([A-ZÄÖÜ][a-zäöüß]+)(?=[\s,.;:!?)])", text[end:])
        if match:
            word = match.group(1)
            known = word in lex.labels or word.lower() in lex.lower
            if word not in lex.gazetteer and word not in gazetteer.entries("de") \
                    and word not in gazetteer.entries("en") and (not known or entity_share(lex, word) >= 0.3):
                return end + match.end()
    return end
