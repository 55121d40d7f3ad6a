"""Gazetteer matching: states, capitals, demonyms, adjectives, organizations and outlets.

Country names come from CLDR through Babel (German and English); ``resources/gazetteer``
adds what CLDR lacks: capitals (read as metonyms for governments unless a locative preposition
precedes them), adjective stems, demonyms, metonyms such as "der Kreml", and a curated list of
organizations, agencies and outlets.  :func:`find` is pure; the entity stage decides what to
keep.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lagebild.analyze.entities import wordlists
from lagebild.analyze.time.rules import trie_pattern
from lagebild.model import EntityMention
from lagebild.model.gazetteer import Entry, capital_key, entries

__all__ = ["Entry", "capital_key", "entries", "find", "prepare"]


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
