"""The events extractor's word lists, read from ``resources/events/<de|en|any>/`` once per process.

The finder (triggers, arguments) and the stage (status, attribution) share them.  The rules apply
German and English lists alike (a German report quotes English names and the
other way round), so most entries are the union of the two languages' files.  :func:`vocabulary`
builds everything on first use and caches it; rules call it once per clause or candidate list,
never per token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lagebild import lexicons
from lagebild.analyze.text.speech import ADVERBIAL_STARTS, ARTICLES, PREPOSITIONS, SUBORDINATORS

LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class Vocabulary:
    #: capitalised words at a sentence start that never begin a name
    function_words: frozenset[str]
    #: prepositions that attach an argument, beyond the general list
    extra_preps: frozenset[str]
    #: words ending like adjectives that are none
    not_adj: frozenset[str]
    #: bodies and offices that stand for a state or head its adjective's phrase
    gov_nouns: frozenset[str]
    #: bodies that stand for their state ("russische Truppen" is Russia), unlike single office holders
    collective_nouns: frozenset[str]
    weapon_re: re.Pattern[str]
    not_weapon: frozenset[str]
    #: English weapon nouns that are weapons in lower case
    weapon_nouns: frozenset[str]
    months_en: frozenset[str]
    #: words before an English trigger that make it a noun
    en_noun_context: frozenset[str]
    #: a sentence-initial word of this shape is a common noun, not a name ("Cooperation appeared …")
    en_noun_suffixes: tuple[str, ...]
    #: long words with these endings are no names
    noun_endings: tuple[str, ...]
    light_sanction: re.Pattern[str]
    accuse_re: re.Pattern[str]
    agreement_re: re.Pattern[str]
    #: verbs that name something as something ("bezeichnete das Land als wichtigsten Lieferanten")
    designate_re: re.Pattern[str]
    #: roles filled with a plain phrase after a preposition when no entity fills them
    fallback_pps: dict[str, dict[str, tuple[str, ...]]]
    #: words after a comma that open a clause
    clause_openers: frozenset[str]
    #: Konjunktiv forms that open reported speech after a comma ("sagte …, Moskau habe …")
    reported_finite: frozenset[str]
    #: nouns after an English -ed trigger that make it an adjective ("heavily sanctioned governments")
    adjective_heads: frozenset[str]
    #: attack nouns before a weapon noun that name a kind of weapon ("Shahed attack drones")
    weapon_kinds: frozenset[str]
    #: participles without the regular shape
    participles: frozenset[str]
    numerals: frozenset[str]
    # --- status and attribution (stage) ---
    #: verbs of invitation: the invitee, not the host, is the visitor ("Kim lud Putin zu einem Besuch ein")
    invite_re: re.Pattern[str]
    #: prepositions that place an event noun in time ("seit dem Treffen"); markers of the clause do not reach it
    temporal_preps: frozenset[str]
    #: clause openers of time and place: the clause states its event itself, whatever governs it
    temporal_openers: frozenset[str]
    #: adjectives that make an event noun planned ("die geplante Reise")
    planned_nouns: re.Pattern[str]
    #: kinds of sources (searched case-insensitively in the speaker phrase)
    intelligence_re: re.Pattern[str]
    experts_re: re.Pattern[str]
    outlets_re: re.Pattern[str]
    #: a definite description of a news outlet ("the agency said") refers to the last outlet named
    outlet_description: re.Pattern[str]
    #: first words of a quote cue that names its source ("laut X", "according to X")
    source_cues: frozenset[str]


def _union(name: str) -> frozenset[str]:
    return lexicons.union_words("events", f"{name}.txt")


def _alternatives(name: str, languages: tuple[str, ...] = LANGUAGES) -> str:
    """The per-line alternatives of the German, then the English (then the language-neutral) file."""
    return "|".join(p for lang in languages for p in lexicons.lines(f"events/{lang}/{name}.txt"))


def _pattern(name: str, flags: int = 0, languages: tuple[str, ...] = LANGUAGES) -> re.Pattern[str]:
    return re.compile(_alternatives(name, languages), flags)


def _fallback_pps() -> dict[str, dict[str, tuple[str, ...]]]:
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang in LANGUAGES:
        for etype, role, preps in lexicons.table(f"events/{lang}/fallback_prepositions.tsv"):
            roles = out.setdefault(etype, {})
            roles[role] = roles.get(role, ()) + tuple(preps.split())
    return out


@cache
def vocabulary() -> Vocabulary:
    """The finder's word lists (read once, then cached)."""
    function_words = frozenset().union(
        ARTICLES["de"], ARTICLES["en"], ADVERBIAL_STARTS["de"], ADVERBIAL_STARTS["en"], PREPOSITIONS["de"],
        PREPOSITIONS["en"], SUBORDINATORS["de"], SUBORDINATORS["en"], _union("function_words"))
    collective = _union("collective_nouns")
    return Vocabulary(
        function_words=function_words,
        extra_preps=_union("prepositions"),
        not_adj=_union("not_adjectives"),
        gov_nouns=collective | lexicons.words("events/de/office_nouns.txt"),
        collective_nouns=collective,
        weapon_re=_pattern("weapons"),
        not_weapon=_union("not_weapons"),
        weapon_nouns=lexicons.words("events/en/weapon_nouns.txt"),
        months_en=lexicons.words("events/en/calendar_words.txt"),
        en_noun_context=lexicons.words("events/en/noun_context.txt"),
        en_noun_suffixes=tuple(sorted(lexicons.words("events/en/noun_suffixes.txt"))),
        noun_endings=tuple(sorted(lexicons.words("events/de/noun_endings.txt"))),
        light_sanction=_pattern("sanction_verbs"),
        accuse_re=_pattern("accuse_verbs"),
        agreement_re=_pattern("agreements"),
        designate_re=_pattern("designate_verbs"),
        fallback_pps=_fallback_pps(),
        clause_openers=frozenset(SUBORDINATORS["de"] | SUBORDINATORS["en"]) | _union("clause_openers"),
        reported_finite=lexicons.words("events/de/reported_finite.txt"),
        adjective_heads=lexicons.words("events/en/adjective_heads.txt"),
        weapon_kinds=lexicons.words("events/en/weapon_kinds.txt"),
        participles=_union("participles"),
        numerals=_union("numerals"),
        invite_re=_pattern("invite_verbs"),
        temporal_preps=_union("temporal_prepositions"),
        temporal_openers=_union("temporal_openers"),
        planned_nouns=re.compile(r"\b(?:" + _alternatives("planned_adjectives") + r")\b"),
        intelligence_re=_pattern("source_intelligence", re.I),
        experts_re=_pattern("source_experts", re.I),
        outlets_re=_pattern("source_outlets", re.I, LANGUAGES + ("any",)),
        outlet_description=re.compile(r"(?:the|die|das|der)\s+(?:\w+\s+)?(?:" + _alternatives("outlet_nouns") + ")",
                                      re.I),
        source_cues=_union("source_cues"),
    )
