"""A fallback reader for figures in argument text ("rund eine Million", "1,5 Millionen", "8,000").

The quantities stage gives normalized values; this reads the value from an event's quantity
argument text only where that stage gave none, so facts can still be compared by figure.
"""

from __future__ import annotations

import re

WORDS = {
    "ein": 1, "eine": 1, "einer": 1, "one": 1, "a": 1, "zwei": 2, "two": 2, "drei": 3, "three": 3,
    "vier": 4, "four": 4, "fünf": 5, "five": 5, "sechs": 6, "six": 6, "sieben": 7, "seven": 7,
    "acht": 8, "eight": 8, "neun": 9, "nine": 9, "zehn": 10, "ten": 10, "anderthalb": 1.5,
    "eineinhalb": 1.5, "zweieinhalb": 2.5, "hundert": 100, "hundred": 100, "tausend": 1000,
}
SCALES = {
    "million": 1e6, "millionen": 1e6, "mio": 1e6, "millions": 1e6, "milliarde": 1e9, "milliarden": 1e9,
    "mrd": 1e9, "billion": 1e9, "billions": 1e9, "tausend": 1e3, "thousand": 1e3, "thousands": 1e3,
}
_NUM = re.compile(r"\d+(?:[.,\u202f ]\d{3})*(?:[.,]\d+)?")
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,\u202f ]\d{3})*(?:[.,]\d+)?", re.UNICODE)


def _digits(token: str, scaled: bool) -> float | None:
    t = token.replace("\u202f", "").replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", t) and not (scaled and re.fullmatch(r"\d+,\d{3}", t)):
        return float(re.sub(r"[.,]", "", t))  # thousands separators
    try:
        return float(t.replace(",", "."))
    except ValueError:
        return None


def parse(text: str | None) -> float | None:
    """The figure a short phrase states, or None (years such as "2023" are not figures)."""
    if not text:
        return None
    tokens = _TOKEN.findall(text.lower())
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        scale = SCALES.get(nxt, 1.0)
        if tok[0].isdigit():
            value = _digits(tok, scale != 1.0)
            if value is None:
                continue
            if scale == 1.0 and re.fullmatch(r"(1[89]|20)\d\d", tok):
                continue  # a year
            return value * scale
        if tok in WORDS and (scale != 1.0 or tok not in ("a", "ein", "eine", "einer", "one")):
            return WORDS[tok] * scale
        if tok in SCALES and tok not in ("tausend",) and i == 0:
            return SCALES[tok]
    return None
