"""Publication dates: parse them from metadata values and infer them from cues in the text.

Only full calendar dates (day, month and year) count; partial dates ("Januar 2024") are not a
publication date.  Recognised forms:

- ISO ``2024-01-21`` (also with a time part) and ``2024/01/21``
- German numeric ``21.01.2024`` / ``21.1.2024``
- day-month-name ``21. Januar 2024``, ``21. Jan. 2024``, ``21 January 2024``, and RFC 822 as in
  feeds (``Sun, 21 Jan 2024 09:30:00 +0100``; the date as printed, not shifted to UTC)
- month-name-day ``January 21, 2024``, ``Jan. 21st, 2024``

A publication date is inferred from the text only where the text states it as such: a dateline
at the start ("Berlin, 21. Januar 2024 –", "Stand: 22.01.2024") or a byline in parentheses
anywhere, as derStandard closes its articles ("(jmy, 15.2.2016)").  A date told inside a
sentence is the time of an event, never taken for the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

MONTHS: dict[str, int] = {
    # German
    "januar": 1, "jänner": 1, "jaenner": 1, "februar": 2, "feber": 2, "märz": 3, "maerz": 3,
    "april": 4, "mai": 5, "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10,
    "november": 11, "dezember": 12,
    "jan": 1, "feb": 2, "mär": 3, "mrz": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "okt": 10, "nov": 11, "dez": 12,
    # English (those not already above)
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "october": 10, "december": 12, "mar": 3, "oct": 10, "dec": 12,
}

_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))

_DATE = re.compile(
    rf"""
    (?<![\w.])(?P<iy>\d{{4}})[-/](?P<im>\d{{1,2}})[-/](?P<id>\d{{1,2}})(?!\d)
  | (?<![\w.])(?P<nd>\d{{1,2}})\.\s?(?P<nm>\d{{1,2}})\.\s?(?P<ny>\d{{4}})(?!\d)
  | (?<![\w.])(?P<dd>\d{{1,2}})(?:\.|st|nd|rd|th)?\s*(?P<dm>{_MONTH})\b\.?,?\s+(?P<dy>\d{{4}})(?!\d)
  | (?<![\w.])(?P<mm>{_MONTH})\b\.?\s+(?P<md>\d{{1,2}})(?:st|nd|rd|th)?\.?,?\s+(?P<my>\d{{4}})(?!\d)
    """,
    re.IGNORECASE | re.VERBOSE,
)

#: how far into the text a dateline is looked for
CUE_WINDOW = 300

#: what may stand before a dateline's date on its line: a cue ("Stand:", "Published on"), or a
#: place (and weekday) closed by a comma, a slash or an opening parenthesis
_DATELINE_LEAD = re.compile(
    r"""^\s*(?:
        (?:Stand|Veröffentlicht|Aktualisiert|Erstellt|Zuletzt\ aktualisiert|Published|Updated
           |Last\ updated|Posted)(?:\s+(?:am|on))?\s*:?\s*
      | (?:[A-ZÄÖÜ][\w'’.\-]*(?:[ ][A-ZÄÖÜ(][\w'’.\-)]*){0,3}\s*(?:,|/|\()\s*){1,2}
    )?$""",
    re.VERBOSE,
)
#: what follows a dateline's date: a dash, colon, comma, bar, closing parenthesis or the line end
_DATELINE_TAIL = re.compile(r"^[ \t]*(?:[–—\-:|),]|\n|$)")

#: one credit of a byline: a short lowercase shorthand ("red", "jmy", "stu."), or words that
#: are all capitalised, abbreviations, initials, labels ("Text:") or name particles
_PARTICLES = frozenset({"&", "aus", "von", "van", "vom", "de", "der", "zu", "und"})
_CAPITALISED = re.compile(r"^[^\W\d_][\w'’.\-]*:?$")
_SHORTHAND = re.compile(r"^[a-zäöüß]{2,8}\.?$")
#: short lowercase words that open a time phrase, never an author's shorthand
_NOT_SHORTHAND = frozenset(
    "ab am bis seit vom zum ca etwa spätestens frühestens nach vor since until till from to by on at "
    "before after around".split()
)
_CREDIT_SPLIT = re.compile(r"\s*(?:[,;/]|\s[–—-]\s|=)\s*")
_SENTENCE_END = re.compile(r"(?:\A|[.!?…\"“”»«:\n])\s*\Z")

#: the longest credit text before a byline's date, in characters
CREDIT_LIMIT = 90


@dataclass(frozen=True)
class DateMatch:
    value: date
    start: int
    end: int


def find_dates(text: str) -> list[DateMatch]:
    """Every full calendar date in ``text``, in order, with its offsets."""
    found = []
    for m in _DATE.finditer(text):
        value = _to_date(m)
        if value is not None:
            found.append(DateMatch(value, m.start(), m.end()))
    return found


def parse_date(value: Any) -> date | None:
    """A date from a metadata value (date, datetime, or a string in one of the known forms)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    found = find_dates(value.strip())
    return found[0].value if found else None


def infer_date(text: str, window: int = CUE_WINDOW) -> date | None:
    """The publication date the text itself states, or None: a dateline near the start, else
    the last byline anywhere (see :func:`find_dateline`, :func:`find_bylines`)."""
    line = find_dateline(text, window)
    if line is not None:
        return line.value
    bylines = find_bylines(text)
    return bylines[-1].value if bylines else None


def find_dateline(text: str, window: int = CUE_WINDOW) -> DateMatch | None:
    """The first dateline in the first ``window`` characters: a date that opens its line, alone
    or after a place, weekday or cue, and is followed by a dash, colon, comma, parenthesis or
    the line end ("Berlin, 21. Januar 2024 –", "Kiew (21.01.2024)", "Stand: 22.01.2024,").
    A date inside a sentence ("Am 21. Januar 2024 griff …") is none."""
    for match in find_dates(text[:window]):
        lead = text[text.rfind("\n", 0, match.start) + 1 : match.start]
        if _DATELINE_LEAD.match(lead) and _DATELINE_TAIL.match(text[match.end :]):
            return match
    return None


def find_bylines(text: str) -> list[DateMatch]:
    """Dates that close a byline in parentheses, anywhere in the text: credits then the date
    ("(jmy, 15.2.2016)", "(APA, red, 3.5.2016)", "(Julia Herrnböck, 14.1.2016)",
    "(APA/dpa – 8.8. 2015)"), or the date alone right after a sentence ("… (7.9.2015)").
    The parenthesis may stay open at the very end of the text.  A date in a parenthesis that
    reads as part of a sentence ("(… in der Berliner Zeitung, 23.4.2005)") is none."""
    found = []
    for match in find_dates(text):
        if not re.match(r"\s*(?:\)|\Z)", text[match.end :]):
            continue
        opening = text.rfind("(", max(0, match.start - CREDIT_LIMIT - 1), match.start)
        if opening < 0 or ")" in text[opening : match.start] or "\n" in text[opening : match.start]:
            continue
        credit = text[opening + 1 : match.start]
        if _credits(credit) if credit.strip() else _SENTENCE_END.search(text[:opening]):
            found.append(match)
    return found


def _credits(credit: str) -> bool:
    """The text before a byline's date reads as a list of credits."""
    parts = [p for p in _CREDIT_SPLIT.split(credit.strip(" \t,;–—-")) if p]
    if not parts or len(parts) > 5:
        return False
    for part in parts:
        words = part.split()
        if len(words) == 1 and _SHORTHAND.match(words[0]) and words[0].rstrip(".") not in _NOT_SHORTHAND:
            continue
        if len(words) > 6 or not _capitalised(words[0]):
            return False
        if not all(_capitalised(w) or w in _PARTICLES for w in words[1:]):
            return False
    return True


def _capitalised(word: str) -> bool:
    return word[0].isupper() and _CAPITALISED.match(word) is not None


def _to_date(m: re.Match[str]) -> date | None:
    g = m.groupdict()
    if g["iy"]:
        y, mo, d = int(g["iy"]), int(g["im"]), int(g["id"])
    elif g["ny"]:
        y, mo, d = int(g["ny"]), int(g["nm"]), int(g["nd"])
    elif g["dy"]:
        y, mo, d = int(g["dy"]), MONTHS[g["dm"].lower()], int(g["dd"])
    else:
        y, mo, d = int(g["my"]), MONTHS[g["mm"].lower()], int(g["md"])
    if not 1900 <= y <= 2100:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None
