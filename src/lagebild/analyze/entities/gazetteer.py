"""Gazetteer matching: states, capitals, demonyms, adjectives, organizations and outlets.

Country names come from CLDR through Babel (German and English); ``resources/gazetteer``
adds what CLDR lacks: capitals (read as metonyms for governments unless a locative preposition
precedes them), adjective stems, demonyms, metonyms such as "der Kreml", and a curated list of
organizations, agencies and outlets.  :func:`find` is pure; the entity stage decides what to
keep.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from babel import Locale

from lagebild.analyze.entities import wordlists
from lagebild.analyze.time.rules import trie_pattern
from lagebild.model import EntityMention

ADJ_ENDINGS_DE = ("", "e", "er", "es", "en", "em")
#: CLDR territory codes that name no state (unions, regions, unknown)
EXCLUDED_CODES = {"EU", "UN", "EZ", "QO", "XA", "XB", "ZZ", "AQ"}


@dataclass(frozen=True)
class Entry:
    label: str  # GPE | ORG | LOC
    key: str
    name: str  # canonical name in the entry's language
    form: str  # name | metonym | adjective | demonym | acronym | capital
    place: str = ""  # a capital's own canonical name in the entry's language ("Moskau", "Moscow")


def _lines(name: str) -> list[list[str]]:
    text = resources.files("lagebild.resources.gazetteer").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


@lru_cache(maxsize=2)
def entries(language: str) -> dict[str, Entry]:
    """Surface form → entry, for ``language`` ("de" or "en"): the curated states first (their
    aliases win over CLDR's variants), then CLDR's state names, then the organizations; the
    first entry for a surface wins, and names too often something else are left out."""
    lang = "en" if language == "en" else "de"
    table: dict[str, Entry] = {}
    names = Locale(lang).territories
    ambiguous = wordlists.ambiguous_states(lang)
    for row in _lines("states.tsv"):
        _add_state(table, ambiguous, row + [""] * (10 - len(row)), names.get(row[0], row[0]), lang == "de")
    for code, name in names.items():
        if len(code) == 2 and code.isalpha() and code not in EXCLUDED_CODES:
            _add(table, ambiguous, name, Entry("GPE", f"gpe:{code}", name, "name"))
    for row in _lines("organizations.tsv"):
        key, label, canonical, aliases = row[0], row[1], row[2], _split(row[3])
        for alias in [canonical, *aliases]:
            _add(table, ambiguous, alias,
                 Entry(label, key, canonical, "acronym" if alias.isupper() and len(alias) <= 6 else "name"))
    return table


def _add(table: dict[str, Entry], ambiguous: frozenset[str], surface: str, entry: Entry) -> None:
    if surface and surface not in ambiguous:
        table.setdefault(surface, entry)


def _add_state(table: dict[str, Entry], ambiguous: frozenset[str], row: list[str], name: str, de: bool) -> None:
    """The surfaces of one curated state (a ``states.tsv`` row, padded to ten cells): its name
    and aliases, capitals, adjectives, demonyms and metonyms, in German (``de``) or English."""
    gpe = f"gpe:{row[0]}"
    for alias in [name, *_split(row[7] if de else row[8])]:
        form = "acronym" if alias.isupper() and len(alias) <= 5 else "name"
        _add(table, ambiguous, alias, Entry("GPE", gpe, name, form))
        if de and not alias.endswith(("s", "x", "z")) and " " not in alias and not alias.isupper():
            _add(table, ambiguous, alias + "s", Entry("GPE", gpe, name, "name"))
    capitals = _split(row[1] if de else row[2])
    for capital in capitals:
        _add(table, ambiguous, capital, Entry("GPE", gpe, name, "capital", capitals[0]))
        if de and not capital.endswith(("s", "x", "z")) and " " not in capital:
            _add(table, ambiguous, capital + "s", Entry("GPE", gpe, name, "capital", capitals[0]))  # "Moskaus"
    for adj in _split(row[3] if de else row[4]):
        if de:
            for ending in ADJ_ENDINGS_DE:
                _add(table, ambiguous, adj + ending, Entry("GPE", gpe, name, "adjective"))
                _add(table, ambiguous, adj[0].upper() + adj[1:] + ending, Entry("GPE", gpe, name, "adjective"))
        else:
            _add(table, ambiguous, adj, Entry("GPE", gpe, name, "adjective"))
    for demonym in _split(row[5] if de else row[6]):
        _add(table, ambiguous, demonym, Entry("GPE", gpe, name, "demonym"))
    for metonym in _split(row[9]):
        # "~Bundesregierung": a description of the government, not a name of it (GermEval
        # train leaves it unlabelled 30 times in 33)
        form = "role" if metonym.startswith("~") else "metonym"
        _add(table, ambiguous, metonym.lstrip("~"), Entry("GPE", gpe, name, form))


@lru_cache(maxsize=2)
def _pattern(language: str) -> re.Pattern[str]:
    # factored by common prefixes (a trie): some ten times faster than the plain alternation, and
    # as there, the longest surface wins
    alternation = trie_pattern(entries(language))
    # left: not inside a word; right: end of word, or a hyphenated compound ("US-Erkenntnisse")
    return re.compile(rf"(?<![\w-])(?:{alternation})(?=$|[^\w]|-\w)")


def prepare(language: str) -> None:
    """Read the tables and compile the matcher for ``language`` now (a stage does it when it is
    built, not at its first article)."""
    _pattern(language)


def capital_key(state_key: str) -> str:
    """The key of a state's capital as a place ("gpe:RU" → "loc:capital-RU"), shared by all languages."""
    return "loc:capital-" + state_key.split(":", 1)[1]


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"(\w+)\W*$", text[max(0, start - 30):start])
    return match.group(1).lower() if match else ""


def find(text: str, language: str = "de", stage: str = "lagebild.gazetteer") -> list[EntityMention]:
    """All gazetteer mentions in ``text``, longest match first, without overlaps but for the
    names that open a compound (:func:`_compound_parts`)."""
    table = entries(language)
    locative = wordlists.capital_locatives(language)
    found: list[EntityMention] = []
    for match in _pattern(language).finditer(text):
        surface = match.group(0)
        entry = table[surface]
        label, key, form = entry.label, entry.key, entry.form
        name = entry.name
        if form in ("capital", "metonym"):
            if _previous_word(text, match.start()) in locative:
                label, form = "LOC", "name"
                if entry.form == "capital":  # one place in every language: "Pjöngjang" = "Pyongyang"
                    key, name = capital_key(entry.key), entry.place
                else:
                    key, name = f"loc:{surface}", surface
            else:
                form = "metonym"
        found.append(EntityMention(match.start(), match.end(), surface, label, key, name, None, form, stage))
    return found + _compound_parts(found, table, stage)


def _compound_parts(found: list[EntityMention], table: dict[str, Entry], stage: str) -> list[EntityMention]:
    """The known name that opens a known compound ("UN" in "UN-Expertengremium"), form ``part``,
    nested inside the compound's mention."""
    out = []
    for m in found:
        head = m.text.split("-", 1)[0]
        entry = table.get(head) if "-" in m.text else None
        if entry is not None and entry.key != m.key and entry.form not in ("capital", "metonym"):
            out.append(EntityMention(m.start, m.start + len(head), head, entry.label, entry.key, entry.name, None,
                                     "part", stage))
    return out
