"""Lexicon and patterns of the quantity finder (German and English).

The words (approximators, vague magnitudes, currencies, units, rate words …) are read from
``resources/quantities/<de|en|any>/`` by :func:`lexicon`; the patterns are built by
:func:`patterns`.  Both are cached, so they are read and compiled once per language when the
stage is built, never at import time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from lagebild import lexicons
from lagebild.model.numbers import DE_WORD_RX, DIGITS_RX, EN_WORD_RX
from lagebild.analyze.time.rules import trie_pattern

QUANTITIES = "quantities"


@dataclass(frozen=True)
class Lexicon:
    """The words of the quantity finder, both languages in each table (lower case)."""

    approximators: dict[str, tuple[bool, str | None]]  # phrase -> (approximate, bound: "low", "high" or None)
    vague: dict[str, tuple[float, float]]  # vague magnitudes: phrase -> (low, high)
    several: frozenset[str]  # "mehrere Tausend", "several hundred": 2..9 times the scale word
    fractions: dict[str, float]  # fraction noun -> per cent
    currencies: dict[str, str]  # word or sign -> ISO 4217 code
    measures: dict[str, str]  # word or abbreviation -> unit
    containers: frozenset[str]  # nouns that measure or package what follows ("Schuss Munition")
    rates: dict[str, str]  # rate word -> TIMEX3 duration
    id_words: frozenset[str]  # words before a number that make it an identifier
    en_stop: frozenset[str]  # words that end an English counted noun phrase
    en_uncounted: frozenset[str]  # English nouns that count things without a plural -s
    word_counts: dict[str, float]  # counts before a fraction noun ("zwei Drittel")
    tallies: dict[str, str]  # clause words -> "total" (running total) or "new" (an addition)
    soft_tallies: frozenset[str]  # tally words that say nothing right before a time ("bereits im Juli")
    tally_time: dict[str, str]  # words right before a time expression ("bis", "since") -> "total"


def _approximator(approximate: str, bound: str) -> tuple[bool, str | None]:
    return approximate == "yes", None if bound == "-" else bound


def _table(name: str) -> tuple[tuple[str, ...], ...]:
    return lexicons.union_table(QUANTITIES, name)


@cache
def lexicon() -> Lexicon:
    """The tables of both languages from ``resources/quantities/<de|en|any>/``, read once."""
    return Lexicon(
        approximators={w: _approximator(a, b) for w, a, b in _table("approximators.tsv")},
        vague={w: (float(lo), float(hi)) for w, lo, hi in _table("vague.tsv")},
        several=lexicons.union_phrases(QUANTITIES, "several.txt"),
        fractions={w: float(v) for w, v in _table("fractions.tsv")},
        currencies=dict(_table("currencies.tsv")),
        measures=dict(_table("measures.tsv")),
        containers=lexicons.union_words(QUANTITIES, "containers.txt"),
        rates=dict(_table("rates.tsv")),
        id_words=lexicons.union_words(QUANTITIES, "id_words.txt"),
        en_stop=lexicons.words("quantities/en/stop_words.txt"),
        en_uncounted=lexicons.words("quantities/en/uncounted_nouns.txt"),
        word_counts={w: float(v) for w, v in _table("word_counts.tsv")},
        tallies={row[0]: row[1] for row in _table("tallies.tsv")},
        soft_tallies=frozenset(row[0] for row in _table("tallies.tsv") if row[2:] == ("soft",)),
        tally_time=dict(_table("tally_time.tsv")),
    )


def _alternation(language: str, name: str) -> str:
    """The rows of ``name`` in ``quantities/<language>/patterns.tsv`` joined: ``a|b|c``."""
    return "|".join(alt for key, alt in lexicons.table(f"quantities/{language}/patterns.tsv") if key == name)


def _stems(language: str) -> tuple[str, ...]:
    """What number words begin with; English "a"/"an" count only before a word (the space)."""
    stems = tuple(w for line in lexicons.lines(f"quantities/{language}/number_stems.txt") for w in line.split())
    return stems + ("a ", "an ") if language == "en" else stems


@dataclass(frozen=True)
class Patterns:
    core: re.Pattern[str]
    trigger: re.Pattern[str]
    np: re.Pattern[str]
    rate_after: re.Pattern[str]
    rate_before: re.Pattern[str]
    word: re.Pattern[str]
    tally: re.Pattern[str]  # the words of :attr:`Lexicon.tallies`, whole words, any case
    tally_time: re.Pattern[str]  # the words of :attr:`Lexicon.tally_time` right before a time expression


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def patterns(language: str) -> Patterns:
    en = language == "en"
    lang = "en" if en else "de"
    lx = lexicon()
    words = EN_WORD_RX if en else DE_WORD_RX
    num = rf"(?:{DIGITS_RX}|{words}(?![\w-]))" if en else rf"(?:{DIGITS_RX}|(?i:{words}))"
    one = r"(?:a|an|one)" if en else r"(?:[Ee]ine?[nmr]?)"
    scale = f"(?:{_alternation(lang, 'SCALE')})"
    approx = [w for w in lx.approximators if (w.isascii() or not en)]
    approx_rx = _alt(approx)
    vague_rx = _alt(lx.vague)
    several = _alt(lx.several)
    frac_rx = (r"(?:(?P<fn>a|an|one|two|three|four)[\s-]+(?P<fd>half|thirds?|quarters?|fifths?|tenths?)"
               r"|(?P<half>half)(?=\s+(?:of|the|a|an)\b))" if en else
               r"(?:(?P<fn>[Ee]in|[Zz]wei|[Dd]rei|[Vv]ier|[Ee]inem|[Ee]inen)\s+(?P<fd>Drittel|Viertel|Fünftel|Zehntel)"
               r"|(?P<half>[Dd]ie\s+Hälfte|[Dd]er\s+Hälfte|[Ee]ine\s+Hälfte))")
    cur_sym = f"(?:{_alternation('any', 'CURRENCY_SIGN')})"
    units = set(lx.measures) | set(lx.currencies)
    units = sorted(units | {u.capitalize() for u in units if len(u) > 2} | {"US-Dollar", "Mio. Euro"},
                   key=len, reverse=True)
    unit_rx = "|".join(re.escape(u) for u in units)
    flags = re.IGNORECASE if en else 0
    core = re.compile(
        rf"(?:(?P<approx>(?i:{approx_rx}))\s+)?"
        rf"(?:(?P<cur>{cur_sym})\s?(?P<cn>{DIGITS_RX})(?:\s?(?P<csc>{scale}))?"
        rf"|{frac_rx}"
        rf"|(?i:zwischen|between|von|from)\s+(?P<r1>{num})(?:\s(?P<rsc1>{scale}))?\s+(?:und|and|bis|to)\s+(?P<r2>{num})"
        rf"|(?P<n>{num})(?:\s?(?:bis|-|–|to|and|oder|or|und)\s?(?P<n2>{num})(?=\s|$|[^\w.,]))?"
        rf"|(?P<one>{one})(?=\s+{scale}|\s+(?:Dutzend|dozen)\b)"
        rf"|(?P<several>(?i:{several}))\s+(?P<ssc>hundert|tausend|Hundert|Tausend|hundred|thousand|million|Millionen)"
        rf"|(?P<vague>(?i:{vague_rx})))"
        rf"(?:(?:[ \t]{{1,2}}|-)?(?P<sc>{scale})(?!\w))?"
        rf"(?P<dozen>\s+(?:Dutzend|dozen))?"
        rf"(?:(?:[ \t]{{1,2}}|-)?(?P<unit>{unit_rx})(?![\w²]))?",
        flags)
    vague_words = [w.split()[0] for w in lx.vague] + sorted(lexicons.union_words(QUANTITIES, "trigger_words.txt"))
    # the trigger runs over the lower-cased text: whole trigger words, and the stems number words
    # begin with (the core pattern checks the rest)
    whole = {w.lower() for w in list(lx.approximators) + list(lx.several) + list(lx.vague) + vague_words}
    stems = _stems(lang)
    trigger = re.compile(rf"(?<![\w$€£])(?:\d|[$€£]|(?:{trie_pattern(whole)})(?!\w)|(?:{trie_pattern(stems)}))")
    if en:
        np = re.compile(r"[ \t]+(?:of[ \t]+)?((?:[A-Za-z][\w'-]*)(?:[ \t]+[A-Za-z][\w'-]*){0,3})")
        rate_after = re.compile(r"[ \t]*(?:,[ \t]*)?(?P<w>(?:a|an|per|each|every)[ \t]+(?P<u>year|month|week|day|hour|quarter)"
                                r"|annually|yearly|monthly|weekly|daily)\b", re.IGNORECASE)
        rate_before = re.compile(r"(?P<w>\b(?:annually|yearly|monthly|weekly|daily|(?:each|every|per)[ \t]+"
                                 r"(?:year|month|week|day)))[ \t]+$", re.IGNORECASE)
    else:
        stops = _alternation("de", "NP_STOP")
        np = re.compile(rf"[ \t]+((?:(?!(?:{stops})[ \t])"
                        r"(?:[a-zäöüß][\w-]*(?:e|en|er|es|em)|\d+-\w+|[a-zäöüß]+-[\w-]+)[ \t]+){0,2}"
                        r"[A-ZÄÖÜ][\w-]*)")
        rate_after = re.compile(r"[ \t]*(?:,[ \t]*)?(?P<w>(?:pro|je|im|am|in[ \t]+der)[ \t]+(?P<u>Jahr|Monat|Woche|Tag|Stunde"
                                r"|Quartal)(?![ \t]+\d)|jährlich|monatlich|wöchentlich|täglich)\b")
        rate_before = re.compile(r"(?P<w>\b(?:[Jj]ährlich|[Mm]onatlich|[Ww]öchentlich|[Tt]äglich"
                                 r"|[Pp]ro[ \t]+(?:Jahr|Monat|Woche|Tag)|[Ii]m[ \t]+(?:Jahr|Monat)))[ \t]+$")
    own_tallies = [row[0] for row in lexicons.table(f"quantities/{lang}/tallies.tsv")]
    tally = re.compile(rf"(?<![\w-])(?:{_alt(own_tallies)})(?![\w-])", re.IGNORECASE)
    tally_time = re.compile(rf"(?<![\w-])(?:{_alt(lx.tally_time)})[ \t]+$", re.IGNORECASE)
    return Patterns(core, trigger, np, rate_after, rate_before, re.compile(r"[\w.§-]+"), tally, tally_time)
