"""Numbers in German and English news text: digits, words and compounds, scale words.

The one number reader of lagebild, shared by the time-expression and quantity stages and by
linking:

* :func:`parse_digits` reads ``1.000.000`` / ``1,5`` (German) and ``1,000,000`` / ``1.5``
  (English), deciding by the language and by the shape of the groups;
* :func:`parse_word` reads number words, German compounds included (``zweiundzwanzig``,
  ``dreihunderttausend``), English sequences (``twenty-two``, ``two hundred thousand``);
* :func:`scale_of` reads scale words (``Mio.``, ``Milliarden``, ``bn``, ``thousand``); German
  "Milliarde" is 10^9 and "Billion" 10^12, English "billion" 10^9 and "trillion" 10^12;
* :func:`read_figure` reads the figure a short phrase states ("rund eine Million Schuss",
  "1,5 Millionen", "8,000 troops"), for linking where the quantity stage gave none;
* :class:`Figure` is a quantity as linking compares it: the interval it allows, amount or rate
  (per a period), running total or addition; it converts a rate to another period or to the
  amount it yields over some days, tells whether two figures agree, and shows itself.

Regex fragments for these live in the ``*_RX`` strings; the stages compile them once in their
factories.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from text_to_num import text2num

# --- German number words -------------------------------------------------------------------

DE_BASIC = {
    "null": 0, "ein": 1, "eins": 1, "eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1,
    "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
    "achtzig": 80, "neunzig": 90, "hundert": 100, "tausend": 1000,
    "anderthalb": 1.5, "eineinhalb": 1.5, "zweieinhalb": 2.5, "dreieinhalb": 3.5,
    "viereinhalb": 4.5, "fünfeinhalb": 5.5, "zwei dutzend": 24, "dutzend": 12,
}
_DE_UNITS = {k: v for k, v in DE_BASIC.items() if isinstance(v, int) and 1 <= v <= 9}
_DE_UNITS["ein"] = 1

_DE_U = r"(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)"
_DE_TEEN = r"(?:zehn|elf|zwölf|dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn)"
_DE_TENS = r"(?:zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig)"
_DE_B100 = rf"(?:(?:{_DE_U}und)?{_DE_TENS}|{_DE_TEEN}|zwei|drei|vier|fünf|sechs|sieben|acht|neun)"
_DE_B1000 = rf"(?:{_DE_U}?hundert(?:{_DE_B100}|eins|ein)?|{_DE_B100})"
#: a German number word, compounds included ("zweiundzwanzig", "dreihunderttausend"); not "ein"
DE_WORD_RX = rf"(?:(?:{_DE_B1000})?tausend(?:{_DE_B1000}|eins|ein)?|{_DE_B1000}|anderthalb|eineinhalb)(?![\wäöüß])"

# --- English number words ------------------------------------------------------------------

EN_BASIC = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
_EN_MULT = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}

EN_WORD_RX = (
    r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"(?:\s+hundred(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty"
    r"|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven"
    r"|eight|nine))?)?)?)"
)

# --- scale words ---------------------------------------------------------------------------

SCALES = {
    "tausend": 1e3, "tsd": 1e3, "tsd.": 1e3, "thousand": 1e3, "k": 1e3,
    "million": 1e6, "millionen": 1e6, "mio": 1e6, "mio.": 1e6, "mill.": 1e6, "m": 1e6,
    "mn": 1e6, "millions": 1e6,
    "milliarde": 1e9, "milliarden": 1e9, "mrd": 1e9, "mrd.": 1e9, "billion": 1e9, "bn": 1e9,
    "billions": 1e9, "b": 1e9,
    "billionen": 1e12, "trillion": 1e12, "trillions": 1e12, "bio.": 1e12, "thousands": 1e3,
}
#: scale words after a number; "Billion" is 10^12 in German and 10^9 in English (see scale_of)
SCALE_RX = (
    r"(?:Tausend|tausend|Tsd\.|thousand|Millionen|Million|Mio\.|Mill\.|million|mn\b|m\b"
    r"|Milliarden|Milliarde|Mrd\.|billion|bn\b|Billionen|Billion|Bio\.|trillion|k\b)"
)

# --- digits --------------------------------------------------------------------------------

DIGITS_RX = r"(?:\d{1,3}(?:[.,\u202f\u00a0 ']\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
@lru_cache(maxsize=1)
def _grouped() -> re.Pattern[str]:
    return re.compile(r"^\d{1,3}(?:([.,\u202f\u00a0 '])\d{3})+(?:([.,])(\d+))?$")


def parse_digits(text: str, language: str | None = "de") -> float | None:
    """The value of a digit string; German uses ``.`` for thousands and ``,`` for decimals.

    With ``language`` None (not known) a single group such as ``1.500`` or ``1,500`` is thousands."""
    s = text.strip()
    if not s:
        return None
    m = _grouped().match(s)
    if m:
        sep, dec, frac = m.group(1), m.group(2), m.group(3)
        if dec is not None and dec == sep:
            return None
        if dec is None and sep in ".," and s.count(sep) == 1:
            # a single group "1.500" / "1,500": thousands unless the language says decimal
            decimal = None if language is None else "," if language == "de" else "."
            if sep == decimal:
                return float(s.replace(sep, "."))
        body = s[: m.start(2)] if dec is not None else s
        for ch in ".,\u202f\u00a0 '":
            body = body.replace(ch, "")
        value = float(body)
        if frac is not None:
            value += float("0." + frac)
        return value
    if "," in s or "." in s:
        sep = "," if "," in s else "."
        if s.count(sep) > 1:
            return None
        return float(s.replace(sep, "."))
    return float(s)


@lru_cache(maxsize=4096)
def parse_de_word(word: str) -> float | None:
    """A German number word such as ``zweiundzwanzig`` or ``dreihunderttausend``; None if not one."""
    w = word.lower()
    if w in DE_BASIC:
        return DE_BASIC[w]
    if not w or len(w) > 60:
        return None
    for mult_word, mult in (("millionen", 10**6), ("million", 10**6), ("tausend", 1000), ("hundert", 100)):
        i = w.find(mult_word)
        if i >= 0:
            left, right = w[:i], w[i + len(mult_word):]
            lv = parse_de_word(left) if left else 1
            rv = parse_de_word(right) if right else 0
            if lv is None or rv is None or (right and rv >= mult):
                return None
            return lv * mult + rv
    if "und" in w:
        left, _, right = w.partition("und")
        lv, rv = _DE_UNITS.get(left), DE_BASIC.get(right)
        if lv is not None and rv is not None and rv in (20, 30, 40, 50, 60, 70, 80, 90):
            return lv + rv
    return None


def parse_en_words(text: str) -> float | None:
    """An English number-word sequence such as ``two hundred and fifty`` or ``twenty-two``."""
    total, current, seen = 0, 0, False
    for tok in re.split(r"[\s-]+", text.lower().strip()):
        if not tok or tok == "and":
            continue
        if tok in EN_BASIC:
            current += EN_BASIC[tok]
            seen = True
        elif tok in _EN_MULT:
            mult = _EN_MULT[tok]
            if mult == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * mult
                current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


def parse_word(text: str, language: str) -> float | None:
    """A number written in words, in ``language`` ("de" or "en"); None if it is not one."""
    if language == "en":
        return parse_en_words(text)
    value = parse_de_word(text.lower())
    if value is None:
        try:  # text2num knows more compound shapes; it raises ValueError on non-numbers
            value = text2num(text.lower(), "de")
        except (ValueError, IndexError, KeyError, AttributeError):
            return None
    return float(value)


def scale_of(word: str | None, language: str) -> float:
    """The factor of a scale word (1 when there is none)."""
    if not word:
        return 1.0
    w = word.lower()
    if w in ("billion", "billionen") and language == "de" and word[0] == "B":
        return 1e12
    return SCALES.get(w, 1.0)


def parse_number(text: str, language: str) -> float | None:
    """Digits or words."""
    s = text.strip()
    if s and s[0].isdigit():
        return parse_digits(s, language)
    return parse_word(s, language)


# --- figures in short phrases ----------------------------------------------------------------

_FIGURE_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,\u202f ]\d{3})*(?:[.,]\d+)?", re.UNICODE)
_YEAR = re.compile(r"(1[89]|20)\d\d")
_COMMA_GROUP = re.compile(r"\d+,\d{3}")
#: words for one that are articles unless a scale word follows ("eine Million", not "eine Lieferung")
_ARTICLES = frozenset({"a", "an", "ein", "eine", "einen", "einem", "einer", "eines", "one"})
#: one-letter scale abbreviations: in a phrase "500 m" is metres; the quantity stage reads these in context
_LETTER_SCALES = frozenset({"k", "m", "b"})


def _figure_scale(word: str, language: str | None) -> float:
    """The factor of a scale word in a phrase (1 for none and for one-letter abbreviations)."""
    if not word or word.lower() in _LETTER_SCALES:
        return 1.0
    return scale_of(word, language or "")


def _figure_word(word: str, language: str | None) -> float | None:
    """A number word of one token ("drei", "anderthalb", "twelve", "hundred"), not a scale word."""
    w = word.lower()
    if w in SCALES and w != "tausend":
        return None
    if language != "en":
        value = parse_de_word(w)
        if value is not None:
            return float(value)
    if language != "de":
        return parse_en_words(w)
    return None


def _figure_digits(token: str, scaled: bool, language: str | None) -> float | None:
    """A digit token of a phrase; in an unknown language ``1,500`` before a scale word is 1.5."""
    if language is None and scaled and _COMMA_GROUP.fullmatch(token.replace("\u202f", "").replace(" ", "")):
        language = "de"
    return parse_digits(token, language)


def read_figure(text: str | None, language: str | None = None) -> float | None:
    """The figure a short phrase states, or None (years such as "2023" are not figures).

    ``language`` ("de", "en" or None for not known) decides separators and "Billion"."""
    if not text:
        return None
    tokens = _FIGURE_TOKEN.findall(text)
    for i, tok in enumerate(tokens):
        scale = _figure_scale(tokens[i + 1], language) if i + 1 < len(tokens) else 1.0
        if tok[0].isdigit():
            value = _figure_digits(tok, scale != 1.0, language)
            if value is None:
                continue
            if scale == 1.0 and _YEAR.fullmatch(tok):
                continue  # a year
            return value * scale
        word = _figure_word(tok, language)
        if word is not None and (scale != 1.0 or tok.lower() not in _ARTICLES):
            return word * scale
        if i == 0 and tok.lower() in SCALES and tok.lower() != "tausend" and tok.lower() not in _LETTER_SCALES:
            return scale_of(tok, language or "")
    return None


# --- figures as linking compares them --------------------------------------------------------

#: days in the unit of a TIMEX3 duration (a month and a year on average)
_UNIT_DAYS = {"Y": 365.25, "M": 365.25 / 12, "W": 7.0, "D": 1.0}
_DURATION = re.compile(r"^P(?:(\d+(?:\.\d+)?)([YMWD])|T(\d+(?:\.\d+)?)H)$")
_PERIOD_WORDS = {"P1Y": "a year", "P1M": "a month", "P1W": "a week", "P1D": "a day", "P3M": "a quarter",
                 "PT1H": "an hour"}
TALLIES = frozenset({"total", "new"})


def period_days(per: str | None) -> float | None:
    """The days of a rate's period, a TIMEX3 duration (``P1M`` about 30.4, ``P1Y`` 365.25); None if none."""
    m = _DURATION.match(per or "")
    if m is None:
        return None
    if m.group(3):
        return float(m.group(3)) / 24
    return float(m.group(1)) * _UNIT_DAYS[m.group(2)]


def _number(x: float) -> str:
    return f"{x:,.0f}" if x == int(x) else f"{x:,.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Figure:
    """A figure as linking compares it.

    ``low``/``high`` is the interval the figure allows ("rund eine Million" a point, "mehr als eine
    Million" [1e6, ∞)); ``per`` the period of a rate (a TIMEX3 duration) or None for an amount;
    ``tally`` "total" for a running total, "new" for an addition, None when the text does not say.
    """

    low: float
    high: float
    per: str | None = None
    tally: str | None = None
    text: str | None = None

    @classmethod
    def of(cls, q: Mapping[str, Any] | None) -> Figure | None:
        """The figure of a stored quantity (``value``, ``low``, ``high``, ``per``, ``tally``), or None."""
        if not q:
            return None
        low, high, value = q.get("low"), q.get("high"), q.get("value")
        if low is None and high is None:
            if value is None:
                return None
            low = high = value
        per = q.get("per") if period_days(q.get("per")) else None
        tally = q.get("tally") if q.get("tally") in TALLIES else None
        return cls(float(low) if low is not None else 0.0, float(high) if high is not None else math.inf,
                   per, tally, q.get("text"))

    @property
    def is_rate(self) -> bool:
        return self.per is not None

    @property
    def kind(self) -> str:
        """``rate`` or ``amount``, and what an amount counts: ``running total``, ``addition``."""
        if self.is_rate:
            return "rate"
        return {"total": "running total", "new": "addition"}.get(self.tally or "", "amount")

    def per_period(self, per: str) -> Figure:
        """A rate expressed per another period: 200,000 a month is 2,435,000 a year (365.25 days)."""
        days, mine = period_days(per), period_days(self.per)
        if days is None or mine is None:
            raise ValueError(f"not a rate period: {self.per!r} → {per!r}")
        f = days / mine
        return replace(self, low=self.low * f, high=self.high * f, per=per)

    def over(self, days: float) -> tuple[float, float]:
        """The amount a rate yields over ``days``."""
        mine = period_days(self.per)
        if mine is None:
            raise ValueError(f"{self.shown()} is no rate")
        return self.low * days / mine, self.high * days / mine

    def order(self, other: Figure, tolerance: float = 0.1) -> int:
        """-1, 0 or 1: this figure is smaller than, agrees with or is larger than ``other`` (of the same
        kind: two amounts, or two rates compared per this one's period); intervals that meet within
        ``tolerance`` of the smaller upper end agree."""
        if self.is_rate != other.is_rate:
            raise ValueError(f"a rate and an amount do not compare: {self.shown()} vs {other.shown()}")
        if self.is_rate and other.per != self.per:
            other = other.per_period(self.per)  # type: ignore[arg-type]
        slack = tolerance * max(min(abs(self.high), abs(other.high)), 1e-9)
        if self.high + slack < other.low:
            return -1
        if other.high + slack < self.low:
            return 1
        return 0

    def agrees(self, other: Figure, tolerance: float = 0.1) -> bool:
        """Whether two figures can state the same thing: both amounts or both rates, values that
        agree (:meth:`order`), and not a running total against an addition."""
        if self.is_rate != other.is_rate or {self.tally, other.tally} == TALLIES:
            return False
        return self.order(other, tolerance) == 0

    def shown(self) -> str:
        """``1,000,000``, ``at least 3,000,000``, ``200,000 a month``."""
        if self.low == self.high:
            out = _number(self.low)
        elif self.high == math.inf:
            out = f"at least {_number(self.low)}"
        elif self.low == 0:
            out = f"up to {_number(self.high)}"
        else:
            out = f"{_number(self.low)}–{_number(self.high)}"
        if self.per:
            out += " " + _PERIOD_WORDS.get(self.per, f"per {self.per}")
        return out
