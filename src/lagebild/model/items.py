"""Item classes of transfers: what an item phrase of a SUPPLY (or a weapon) is, as a typed value.

"Abschussrampen für ballistische Raketen und Munition" names two classes (launchers, artillery
ammunition), "122-mm-Artilleriegeschosse" one, "Waffen" none (too general to tell: compatible
with every class).  Facts keep one class each ("artillery shells and ballistic missiles are two
facts", DESIGN §3); the transfer register groups by class.  The classes and their head words live
in ``resources/events/item_classes.tsv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lagebild import lexicons

TABLE = "events/item_classes.tsv"
#: words that join two items ("Raketen und Munition") and words that attach a modifier to the head
#: ("Abschussrampen für ballistische Raketen": the head is the launcher)
_COORDINATION = re.compile(r"\s*(?:,|\bund\b|\bsowie\b|\bals auch\b|\band\b|\bas well as\b|\bplus\b)\s*", re.IGNORECASE)
_ATTACHMENT = re.compile(r"\s+(?:für|zur|zum|mit|von|aus|for|of|with|from)\s+", re.IGNORECASE)
_WORD = re.compile(r"[\w-]+", re.UNICODE)


@dataclass(frozen=True)
class ItemClass:
    key: str
    name_de: str
    name_en: str
    pattern: re.Pattern[str]

    def name(self, language: str | None) -> str:
        return self.name_en if language == "en" else self.name_de


@lru_cache(maxsize=1)
def classes() -> tuple[ItemClass, ...]:
    out = []
    for row in lexicons.table(TABLE):
        if len(row) >= 4:
            out.append(ItemClass(row[0], row[1], row[2], re.compile(row[3])))
    return tuple(out)


def by_key(key: str) -> ItemClass | None:
    return next((c for c in classes() if c.key == key), None)


def _of_word(word: str) -> str | None:
    low = word.lower().strip("-")
    for c in classes():
        if c.pattern.fullmatch(low):
            return c.key
    return None


def _head_class(phrase: str) -> str | None:
    """The class of one item phrase's head: the last word before an attachment ("für …", "of …"),
    or failing that any word of the phrase ("ballistic missile launchers": launchers)."""
    head = _ATTACHMENT.split(phrase, maxsplit=1)[0]
    words = _WORD.findall(head)
    for word in reversed(words):
        found = _of_word(word)
        if found:
            return found
    for word in reversed(_WORD.findall(phrase)):
        found = _of_word(word)
        if found:
            return found
    return None


def classify(text: str | None) -> tuple[str, ...]:
    """The item classes an item phrase names, in order, each once (empty when it names none)."""
    if not text:
        return ()
    out: list[str] = []
    for part in _COORDINATION.split(text):
        if not part.strip():
            continue
        found = _head_class(part)
        if found and found not in out:
            out.append(found)
    return tuple(out)


def compatible(a: tuple[str, ...] | list[str], b: tuple[str, ...] | list[str]) -> bool:
    """Items of two mentions can be one transfer: one of them unknown, or a class in common."""
    return not a or not b or bool(set(a) & set(b))
