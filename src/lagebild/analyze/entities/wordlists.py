"""The entity stage's word lists, read from ``lagebild/resources/entities/<de|en|any>/``.

Each function reads its files once (cached) on first use, never at import time; the stage
calls :func:`prepare` when it is built.  Where the rules need both languages at once (a title
before a name, a connector between names), the functions return the union, as the rules did
when the lists lived in code.  Callers in loops take the set once, outside the loop.
"""

from __future__ import annotations

import re
from functools import cache

from lagebild import lexicons

LANGUAGES = ("de", "en")


def _lang(language: str) -> str:
    return "en" if language == "en" else "de"


def _union(name: str) -> frozenset[str]:
    return lexicons.union_words("entities", name)


# --- names and the titles before them ------------------------------------------------------------

@cache
def titles() -> frozenset[str]:
    """Titles and roles before a person's name, German and English (lower case)."""
    return _union("titles.txt")


@cache
def courtesy_titles() -> frozenset[str]:
    """Titles stripped from a name that are no role of their own ("Herr", "Mr.", "Dr.")."""
    return _union("courtesy_titles.txt")


@cache
def name_particles() -> frozenset[str]:
    """Particles that may stand in lower case inside a person's name ("von", "bin")."""
    return lexicons.words("entities/any/name_particles.txt")


@cache
def role_heads(language: str) -> tuple[str, ...]:
    """Nouns for a role a person holds ("Außenminister" ends in one), in file order."""
    return tuple(w for line in lexicons.lines(f"entities/{_lang(language)}/role_heads.txt") for w in line.split())


@cache
def east_asian_surnames() -> frozenset[str]:
    """Common Korean and Chinese family names ("Kim", "Xi")."""
    return lexicons.words("entities/any/east_asian_surnames.txt")


@cache
def korean_surnames() -> frozenset[str]:
    """Korean family names: a one-word given name after them is no name."""
    return lexicons.words("entities/any/korean_surnames.txt")


# --- regions and places --------------------------------------------------------------------------

@cache
def regions_alone() -> frozenset[str]:
    """Words that name a world region on their own ("Sahel", "Nahost"), both languages."""
    return _union("regions.txt")


@cache
def region_words() -> frozenset[str]:
    """Every word of a region's name: those that name one alone and those that only do in a
    compound ("Indo-Pacific", "Far East")."""
    return regions_alone() | lexicons.words("entities/en/region_parts.txt")


@cache
def place_name_heads() -> re.Pattern[str]:
    """Compound heads that make a hyphenated compound a place's own name ("Kirow-Straße"), with
    their inflected forms."""
    heads = [w for line in lexicons.lines("entities/de/place_name_heads.txt") for w in line.split()]
    return re.compile("(?:" + "|".join(heads) + ")(?:s|es|n|en)?")


@cache
def place_nouns() -> frozenset[str]:
    """Nouns for a kind of place before its name ("Hafen Rajin", "port of Rajin"), both languages."""
    return _union("place_nouns.txt")


@cache
def place_compound_heads() -> tuple[str, ...]:
    """German compound heads for a kind of place ("Weltraumbahnhof"), for ``str.endswith``."""
    return tuple(sorted(lexicons.words("entities/de/place_compound_heads.txt")))


@cache
def facility_nouns() -> frozenset[str]:
    """English nouns for a kind of place after its name ("the Vostochny cosmodrome")."""
    return lexicons.words("entities/en/facility_nouns.txt")


@cache
def type_nouns() -> frozenset[str]:
    """Nouns for a kind of thing before its name ("vom Typ Shahed"), both languages."""
    return _union("type_nouns.txt")


@cache
def place_locatives() -> frozenset[str]:
    """Prepositions after which a lone capitalized word is a place ("in Kazan"), both languages."""
    return _union("place_locatives.txt")


@cache
def capital_locatives(language: str) -> frozenset[str]:
    """Prepositions after which a capital is the place, not its government ("in Moskau")."""
    return lexicons.words(f"entities/{_lang(language)}/capital_locatives.txt")


# --- quoted names and connectors -----------------------------------------------------------------

@cache
def quoted_heads(language: str) -> tuple[tuple[str, str], ...]:
    """(head, label) pairs in file order: a quoted name after the head names a work (MISC) or a
    newspaper or firm (ORG); no heads for other languages."""
    if language not in LANGUAGES:
        return ()
    return tuple((row[0], row[1]) for row in lexicons.table(f"entities/{language}/quoted_heads.tsv"))


@cache
def quoted_not_heads() -> tuple[str, ...]:
    """Nouns that end in a quoted-name head but are none ("Beispiel"), for ``str.endswith``."""
    return tuple(sorted(lexicons.words("entities/de/quoted_not_heads.txt")))


@cache
def connectors() -> frozenset[str]:
    """Conjunctions and signs that join names ("und", "and", "&"), all languages."""
    return _union("connectors.txt")


def prepare() -> None:
    """Read every list now (the stage does it when it is built, not at its first article)."""
    for read in (titles, courtesy_titles, name_particles, east_asian_surnames, korean_surnames, regions_alone,
                 region_words, place_name_heads, place_nouns, place_compound_heads, facility_nouns, type_nouns,
                 place_locatives, quoted_not_heads, connectors):
        read()
    for language in LANGUAGES:
        role_heads(language)
        capital_locatives(language)
        quoted_heads(language)
