"""Article language: normalise given codes and names, detect German or English when none is given."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

#: names and codes people write in metadata, mapped to ISO 639-1
_NAMES = {
    "german": "de", "deutsch": "de", "ger": "de", "deu": "de",
    "english": "en", "englisch": "en", "eng": "en",
}

#: the detector looks at most at this many characters (enough for a stable verdict, and cheap)
DETECT_CHARS = 2000

_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$")


def normalize_language(value: Any) -> str | None:
    """'de', 'DE', 'de-DE', 'de_AT', 'German', 'Deutsch' → 'de'; None for empty or unusable values."""
    if not isinstance(value, str):
        return None
    value = value.strip().lower()
    if not value:
        return None
    if value in _NAMES:
        return _NAMES[value]
    m = _CODE.match(value)
    if m is None:
        return None
    code = m.group(1)
    return _NAMES.get(code, code)


def detect_language(text: str) -> str | None:
    """'de' or 'en' for the text, or None where it has no letters to go on."""
    language = _detector().detect_language_of(text[:DETECT_CHARS])
    if language is None:
        return None
    return language.iso_code_639_1.name.lower()


@cache
def _detector() -> Any:
    """Built on first use (never at import time) and kept: German and English only."""
    from lingua import Language, LanguageDetectorBuilder  # lazy: with the model build, on first detection only

    return LanguageDetectorBuilder.from_languages(Language.GERMAN, Language.ENGLISH).build()
