"""Event triggers and epistemic markers, read from ``resources/events/triggers.tsv`` and ``markers.tsv``.

Each trigger row names an event type, a pattern over one lower-cased token, an optional separable
particle and the argument frame: which role the subject, the object, each preposition, an
adjective of a state ("nordkoreanische Lieferungen") and a genitive ("Putins Besuch") fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lagebild import lexicons


@dataclass(frozen=True)
class Trigger:
    type: str
    pattern: re.Pattern[str]
    particle: str | None
    roles: dict[str, str]  # subject/object/modifier/genitive/<preposition> → role
    requires: str | None
    noun: bool


def _frame(frame: str) -> tuple[dict[str, str], str | None]:
    """``subject=supplier;an,nach=recipient;requires=weapon`` as (roles by key, requirement)."""
    roles: dict[str, str] = {}
    requires = None
    for part in frame.split(";"):
        keys, _, role = part.partition("=")
        if keys == "requires":
            requires = role
            continue
        for key in keys.split(","):
            roles[key.strip()] = role.strip()
    return roles, requires


@lru_cache(maxsize=2)
def triggers(language: str) -> tuple[Trigger, ...]:
    lang = "en" if language == "en" else "de"
    out = []
    for cells in lexicons.table("events/triggers.tsv"):
        etype, tlang, pattern, particle, frame = cells[:5]
        if tlang != lang:
            continue
        roles, requires = _frame(frame)
        noun = "modifier" in roles or "genitive" in roles
        out.append(Trigger(etype, re.compile(pattern), None if particle == "-" else particle, roles, requires, noun))
    return tuple(out)


@lru_cache(maxsize=2)
def any_trigger(language: str) -> re.Pattern[str]:
    """One pattern for all trigger words of ``language`` (a fast pre-check per token)."""
    return re.compile("|".join(f"(?:{t.pattern.pattern})" for t in triggers(language)))


@lru_cache(maxsize=65536)
def is_trigger_word(language: str, word: str) -> bool:
    """Whether a lower-cased word may trigger an event (memoised; a pure function of its input)."""
    return any_trigger(language).fullmatch(word) is not None


@lru_cache(maxsize=2)
def markers(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    lang = "en" if language == "en" else "de"
    return tuple((status, re.compile(r"\b(?:" + pattern + r")\b"))
                 for status, mlang, pattern in lexicons.table("events/markers.tsv") if mlang == lang)
