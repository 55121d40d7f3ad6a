"""The gazetteer as knowledge: states, capitals, organizations and outlets, with their keys and names.

Country names come from CLDR through Babel (German and English); ``resources/gazetteer`` adds
what CLDR lacks: capitals, adjective stems, demonyms, metonyms such as "der Kreml", and a curated
list of organizations, agencies and outlets.  Both the entity stage (which matches these names in
text, :mod:`lagebild.analyze.entities.gazetteer`) and linking (which looks up a name's key, the
state a capital belongs to, which organizations are outlets) stand on this module; the tables are
read once, on first use.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from lagebild import lexicons

STATES = "gazetteer/states.tsv"
ORGANIZATIONS = "gazetteer/organizations.tsv"
AMBIGUOUS = "gazetteer/{lang}/ambiguous_states.txt"
#: columns of states.tsv after the code, per language: capital, adjective, demonym, aliases
STATE_COLUMNS = {"de": (1, 3, 5, 7), "en": (2, 4, 6, 8)}
STATE_WIDTH = 10
METONYMS = 9

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


def split_cell(cell: str) -> list[str]:
    """The ``|``-separated items of a table cell."""
    return [part.strip() for part in cell.split("|") if part.strip()]


def ambiguous(language: str) -> frozenset[str]:
    """CLDR state names too often something else in running text ("Jordan", "Island"); left out."""
    return lexicons.words(AMBIGUOUS.format(lang="en" if language == "en" else "de"))


def states() -> dict[str, tuple[str, ...]]:
    """The curated rows of states.tsv by ISO code, each padded to all its columns."""
    rows = {row[0]: row for row in lexicons.table(STATES)}
    return {code: row + ("",) * (STATE_WIDTH - len(row)) for code, row in rows.items()}


def organizations() -> tuple[tuple[str, ...], ...]:
    """The rows of organizations.tsv: key, label, canonical name, aliases, kind, country."""
    return lexicons.table(ORGANIZATIONS)


@lru_cache(maxsize=1)
def outlet_keys() -> frozenset[str]:
    """Keys of the news outlets and agencies (kind ``outlet``)."""
    return frozenset(row[0] for row in organizations() if len(row) >= 5 and row[4] == "outlet")


def capital_key(state_key: str) -> str:
    """The key of a state's capital as a place ("gpe:RU" → "loc:capital-RU"), shared by all languages."""
    return "loc:capital-" + state_key.split(":", 1)[1]


@lru_cache(maxsize=2)
def entries(language: str) -> dict[str, Entry]:
    """Surface form → entry, for ``language`` ("de" or "en"); the first entry for a surface wins,
    and names too often something else (:func:`ambiguous`) are left out."""
    lang = "en" if language == "en" else "de"
    names = Locale(lang).territories
    left_out = ambiguous(lang)
    table: dict[str, Entry] = {}
    for surface, entry in _surface_forms(lang, names):
        if surface and surface not in left_out:
            table.setdefault(surface, entry)
    return table


def _surface_forms(lang: str, names: Mapping[str, str]) -> Iterator[tuple[str, Entry]]:
    """Every (surface, entry) pair in order of precedence: curated states first (their aliases win
    over CLDR's variants), then CLDR's country names, then organizations."""
    for code, row in states().items():
        yield from _state_forms(row, f"gpe:{code}", names.get(code, code), lang)
    for code, name in names.items():
        if len(code) == 2 and code.isalpha() and code not in EXCLUDED_CODES:
            yield name, Entry("GPE", f"gpe:{code}", name, "name")
    for row in organizations():
        key, label, canonical, aliases = row[0], row[1], row[2], split_cell(row[3])
        for alias in [canonical, *aliases]:
            yield alias, Entry(label, key, canonical, "acronym" if alias.isupper() and len(alias) <= 6 else "name")


def _state_forms(row: tuple[str, ...], gpe: str, name: str, lang: str) -> Iterator[tuple[str, Entry]]:
    """One curated state's names, capitals, adjectives, demonyms and metonyms in ``lang``."""
    de = lang == "de"
    capital_col, adjective_col, demonym_col, alias_col = STATE_COLUMNS[lang]
    for alias in [name, *split_cell(row[alias_col])]:
        yield alias, Entry("GPE", gpe, name, "acronym" if alias.isupper() and len(alias) <= 5 else "name")
        if de and not alias.endswith(("s", "x", "z")) and " " not in alias and not alias.isupper():
            yield alias + "s", Entry("GPE", gpe, name, "name")
    capitals = split_cell(row[capital_col])
    for capital in capitals:
        yield capital, Entry("GPE", gpe, name, "capital", capitals[0])
        if de and not capital.endswith(("s", "x", "z")) and " " not in capital:
            yield capital + "s", Entry("GPE", gpe, name, "capital", capitals[0])  # "Moskaus"
    for adj in split_cell(row[adjective_col]):
        if de:
            for ending in ADJ_ENDINGS_DE:
                yield adj + ending, Entry("GPE", gpe, name, "adjective")
                yield adj[0].upper() + adj[1:] + ending, Entry("GPE", gpe, name, "adjective")
        else:
            yield adj, Entry("GPE", gpe, name, "adjective")
    for demonym in split_cell(row[demonym_col]):
        yield demonym, Entry("GPE", gpe, name, "demonym")
    for metonym in split_cell(row[METONYMS]):
        # "~Bundesregierung": a description of the government, not a name of it (GermEval
        # train leaves it unlabelled 30 times in 33)
        yield metonym.lstrip("~"), Entry("GPE", gpe, name, "role" if metonym.startswith("~") else "metonym")


@dataclass(frozen=True)
class Organization:
    key: str
    name: str  # canonical name (German, as the table gives it)
    kind: str  # org | agency | outlet | service
    country: str  # ISO code of the state it belongs to ("" for none)
    name_en: str = ""  # the English name where it differs

    def display(self, language: str | None) -> str:
        return self.name_en if language == "en" and self.name_en else self.name


@lru_cache(maxsize=1)
def organization_table() -> dict[str, Organization]:
    """organizations.tsv by key."""
    out = {}
    for row in organizations():
        cells = row + ("",) * (7 - len(row))
        out[cells[0]] = Organization(cells[0], cells[2], cells[4], cells[5], cells[6])
    return out


@lru_cache(maxsize=4)
def state_name(key: str, language: str) -> str:
    """The name of the state ``gpe:XX`` in ``language`` ("Vereinigte Staaten", "United States")."""
    code = key.split(":", 1)[-1]
    return Locale("en" if language == "en" else "de").territories.get(code, code)

