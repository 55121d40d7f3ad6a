"""Publication dates: parse them from metadata values and infer them from cues in the text.

Only full calendar dates (day, month and year) count; partial dates ("Januar 2024") are not a
publication date.  Recognised forms:

- ISO ``2024-01-21`` (also with a time part) and ``2024/01/21``
- German numeric ``21.01.2024`` / ``21.1.2024``
- day-month-name ``21. Januar 2024``, ``21. Jan. 2024``, ``21 January 2024``, and RFC 822 as in
  feeds (``Sun, 21 Jan 2024 09:30:00 +0100``; the date as printed, not shifted to UTC)
- month-name-day ``January 21, 2024``, ``Jan. 21st, 2024``
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

#: words right before a date that mark it as the time of something else, not of publication
_NOT_PUBLICATION = re.compile(r"(?:\b(?:seit|bis|ab|since|until|till|from)\s+(?:dem\s+|the\s+)?)$", re.I)

#: how far into the text publication cues are looked for
CUE_WINDOW = 300


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
    """The publication date suggested by the start of an article, or None.

    Looks at the first ``window`` characters: a dateline ("Berlin, 21. Januar 2024 –"),
    a date in parentheses, or any full date that is not introduced by "seit"/"bis"/"since"...
    """
    head = text[:window]
    for match in find_dates(head):
        if not _NOT_PUBLICATION.search(head[: match.start]):
            return match.value
    return None


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
