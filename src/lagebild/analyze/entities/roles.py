"""Roles and titles: which words name a role a person holds ("Außenminister", "spokesman"), and
where a tagged span's leading titles end and the person's name begins ("Russian President
Vladimir Putin" → the role "Russian President", the name "Vladimir Putin").

The words come from ``resources/entities`` (:mod:`lagebild.analyze.entities.wordlists`).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from lagebild.analyze.entities import wordlists
from lagebild.analyze.time.rules import trie_pattern


def _lang(language: str) -> str:
    return "en" if language == "en" else "de"


@cache
def role_pattern(language: str) -> re.Pattern[str]:
    """A whole word that is a role head: German compounds end in one ("Außenministerin")."""
    heads = "|".join(wordlists.role_heads(language))
    return re.compile(r"\w*(?:" + heads + ")" if _lang(language) == "de" else r"(?:" + heads + ")", re.IGNORECASE)


@cache
def any_role(language: str) -> re.Pattern[str]:
    """Whether a text holds a role head at all (no leading ``\\w*``: a search with it backtracks at
    every position of the text; the heads as a trie: 0.36 vs 0.89 ms per 10kGNAD article)."""
    return re.compile(trie_pattern(set(wordlists.role_heads(language))), re.IGNORECASE)


@lru_cache(maxsize=65536)
def role_head(word: str, language: str) -> str | None:
    """The role a word names, lower case ("US-Außenminister" → "außenminister"), or ``None``."""
    low = word.rsplit("-", 1)[-1]
    if role_pattern(_lang(language)).fullmatch(low):
        return low.lower()
    return None


def is_title(word: str, language: str) -> bool:
    """A title or role before a name ("President", "Herr", "Außenministerin")."""
    low = word.lower().rstrip(",")
    return low in wordlists.titles() or role_head(word.rstrip(","), language) is not None


def split_title(text: str, start: int, end: int, label: str, language: str) -> tuple[int, int | None]:
    """Where the name starts after leading titles and roles, and where the role phrase ends
    (``None`` for no role): "Russian President Vladimir Putin" → "Vladimir Putin" with the role
    "Russian President"; "Foreign Minister Sergei Lavrov" (tagged MISC) likewise."""
    words = list(re.finditer(r"\S+", text[start:end]))
    last = None
    for k, w in enumerate(words[:-1]):
        if is_title(w.group(0), language):
            last = k
    if last is None:
        return start, None
    name = [w.group(0) for w in words[last + 1:]]
    particles = wordlists.name_particles()
    if not all(n[:1].isupper() or n in particles for n in name) or not name[0][:1].isupper():
        return start, None
    role = [w.group(0) for w in words[:last + 1]]
    if label != "PER" and not (2 <= len(name) <= 4 and any(role_head(r, language) not in (None, "general")
                                                          for r in role)):
        return start, None  # "GNU General Public License" names no person
    courtesy = wordlists.courtesy_titles()
    has_role = any(is_title(r, language) and r.lower().rstrip(",") not in courtesy for r in role)
    return start + words[last + 1].start(), (start + words[last].end() if has_role else None)
