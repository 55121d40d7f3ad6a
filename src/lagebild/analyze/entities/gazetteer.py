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

from lagebild.analyze.time.rules import trie_pattern
from lagebild.model import EntityMention

ADJ_ENDINGS_DE = ("", "e", "er", "es", "en", "em")
#: CLDR names that are too often something else in running text
AMBIGUOUS = {
    "en": {"Jordan", "Chad", "Georgia", "Turkey", "Guinea", "Niger", "Dominica", "Jersey", "Man",
           "Bermuda", "Guernsey", "Mali", "Sudan", "Togo", "Peru", "Wake", "Cook", "Norfolk", "Christmas",
           "Ascension", "Réunion", "Martinique", "Georgia", "Nauru", "Tonga", "Samoa", "Chile"},
    "de": {"Jersey", "Man", "Island", "Georgien", "Tschad", "Guernsey", "Wake", "Niger", "Norfolkinsel",
           "Réunion", "Weihnachtsinsel", "Ascension", "Kongo", "Mali", "Togo", "Chile", "Peru"},
}
LOCATIVE = {
    "de": {"in", "nach", "bei", "um", "vor", "nahe", "zwischen", "im"},
    "en": {"in", "to", "at", "near", "from", "around", "outside", "into"},
}
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
    """Surface form → entry, for ``language`` ("de" or "en")."""
    lang = "en" if language == "en" else "de"
    table: dict[str, Entry] = {}
    names = Locale(lang).territories
    ambiguous = AMBIGUOUS[lang]

    def state_name(code: str) -> str:
        return names.get(code, code)

    def add(surface: str, entry: Entry) -> None:
        if surface and surface not in ambiguous:
            table.setdefault(surface, entry)

    curated = {row[0]: row for row in _lines("states.tsv")}
    # curated rows first: their aliases win over CLDR's variants
    for code, row in curated.items():
        row = row + [""] * (10 - len(row))
        gpe = f"gpe:{code}"
        name = state_name(code)
        de = lang == "de"
        aliases = _split(row[7] if de else row[8])
        for alias in [name, *aliases]:
            add(alias, Entry("GPE", gpe, name, "acronym" if alias.isupper() and len(alias) <= 5 else "name"))
            if de and not alias.endswith(("s", "x", "z")) and " " not in alias and not alias.isupper():
                add(alias + "s", Entry("GPE", gpe, name, "name"))
        capitals = _split(row[1] if de else row[2])
        for capital in capitals:
            add(capital, Entry("GPE", gpe, name, "capital", capitals[0]))
            if de and not capital.endswith(("s", "x", "z")) and " " not in capital:
                add(capital + "s", Entry("GPE", gpe, name, "capital", capitals[0]))  # "Moskaus"
        for adj in _split(row[3] if de else row[4]):
            if de:
                for ending in ADJ_ENDINGS_DE:
                    add(adj + ending, Entry("GPE", gpe, name, "adjective"))
                    add(adj[0].upper() + adj[1:] + ending, Entry("GPE", gpe, name, "adjective"))
            else:
                add(adj, Entry("GPE", gpe, name, "adjective"))
        for demonym in _split(row[5] if de else row[6]):
            add(demonym, Entry("GPE", gpe, name, "demonym"))
        for metonym in _split(row[9]):
            # "~Bundesregierung": a description of the government, not a name of it (GermEval
            # train leaves it unlabelled 30 times in 33)
            add(metonym.lstrip("~"), Entry("GPE", gpe, name, "role" if metonym.startswith("~") else "metonym"))
    for code, name in names.items():
        if len(code) == 2 and code.isalpha() and code not in EXCLUDED_CODES:
            add(name, Entry("GPE", f"gpe:{code}", name, "name"))
    for row in _lines("organizations.tsv"):
        key, label, canonical, aliases = row[0], row[1], row[2], _split(row[3])
        for alias in [canonical, *aliases]:
            add(alias, Entry(label, key, canonical, "acronym" if alias.isupper() and len(alias) <= 6 else "name"))
    return table


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
    locative = LOCATIVE["en" if language == "en" else "de"]
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
