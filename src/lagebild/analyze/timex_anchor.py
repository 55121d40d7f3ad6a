"""Calendar arithmetic and anchoring for time expressions.

Relative expressions are resolved against one of two anchors:

* the **publication date** (``dct``) for deictic words ("gestern", "letzte Woche", "vor zwei
  Wochen") and, with the tense of the sentence, for dates without a year ("im September");
* the **reference time**, the last date the text itself named, for anaphoric expressions
  ("zwei Tage später", "am Tag zuvor") and, in narrative passages far from the publication
  date ("Im Februar 2022 … im März"), for dates without a year.

Where neither is known the value stays underspecified (``XXXX-09``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

PAST, FUTURE = "past", "future"

_DE_FUTURE = (
    r"wird|werden|werde|wirst|will|wollen|wolle|plant|planen|plane|geplant|planten|beabsichtigt"
    r"|beabsichtigen|soll|sollen|solle|kommende[nmrs]?|nächste[nmrs]?|künftig\w*|voraussichtlich"
    r"|bevorstehende?[nmrs]?|anstehende?[nmrs]?|erwartet|vorgesehen|bald|demnächst|angekündigt"
    r"|ankündigte|kündigte|ab|bis"
)
_DE_PAST = (
    r"hat|haben|hatte|hatten|habe|hätten|hätte|war|waren|wurde|wurden|worden|gewesen|sei|seien"
    r"|sagte|sagten|erklärte|betonte|teilte|traf|trafen|begann|begannen|kam|kamen|gab|fand|griff"
    r"|feuerte|lieferte|lieferten|meldete|berichtete|vergangene[nmrs]?|letzte[nmrs]?|vorige[nmrs]?"
    r"|seit|bereits|zuletzt|damals|zuvor|kürzlich"
)
_EN_FUTURE = (
    r"will|'ll|shall|going|plans?|planned|planning|intends?|expects?|expected|scheduled|upcoming"
    r"|next|coming|soon|would|until|by|from"
)
_EN_PAST = (
    r"was|were|had|did|said|told|ago|last|since|already|earlier|recently|previously|been|has|have"
)
_DE_ALLEGED_PAST = re.compile(r"\b(?:soll|sollen|solle)\b[^.;]*\b(?:haben|sein|worden)\b")


@lru_cache(maxsize=4)
def _cue_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    fut, past = (_EN_FUTURE, _EN_PAST) if language == "en" else (_DE_FUTURE, _DE_PAST)
    flags = re.IGNORECASE if language == "en" else 0
    return (re.compile(rf"(?<!\w)(?:{fut})(?!\w)", flags), re.compile(rf"(?<!\w)(?:{past})(?!\w)", flags))


def tense(sentence: str, language: str) -> str | None:
    """``"past"``, ``"future"`` or None (undecided) from the tense cues of a sentence."""
    fut_rx, past_rx = _cue_patterns(language)
    fut = len(fut_rx.findall(sentence))
    past = len(past_rx.findall(sentence))
    if language != "en" and fut and _DE_ALLEGED_PAST.search(sentence):
        fut -= 1
        past += 1
    if language == "en":
        past += len(re.findall(r"\b[a-z]{3,}ed\b", sentence)) // 2
    if fut > past:
        return FUTURE
    if past > fut:
        return PAST
    return None


# --- calendar --------------------------------------------------------------------------------


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass
class Reference:
    """The last date the text named: year, and month/day where known."""

    year: int
    month: int | None = None
    day: int | None = None
    sentence: int = -1

    def as_date(self) -> date | None:
        return safe_date(self.year, self.month or 1, self.day or 1)


@dataclass
class Context:
    """What a rule needs to resolve one match."""

    dct: date | None
    ref: Reference | None
    narrative: bool  # resolve year-less dates at the reference time, not the publication date
    tense: str | None
    language: str

    def year_for(self, month: int, day: int | None = None) -> int | None:
        """The year of a date given without one, or None where nothing anchors it."""
        if self.narrative and self.ref is not None:
            return self.ref.year
        if self.dct is None:
            return None
        d = self.dct
        key, now = (month, day or 0), (d.month, d.day if day else 0)
        if self.tense == PAST:
            return d.year if key <= now else d.year - 1
        if self.tense == FUTURE:
            return d.year if key >= now else d.year + 1
        # undecided: the nearest occurrence (months are compared by their middle)
        cands = []
        for y in (d.year - 1, d.year, d.year + 1):
            mid = safe_date(y, month, day or 15) or date(y, month, 28)
            cands.append((abs((mid - d).days), y))
        return min(cands)[1]

    def base_date(self) -> date | None:
        """The anchor of anaphoric expressions: the reference time, else the publication date."""
        if self.ref is not None:
            got = self.ref.as_date()
            if got is not None:
                return got
        return self.dct

    def weekday_date(self, weekday: int, direction: str | None = None) -> date | None:
        """The date of a weekday (0 = Monday) near the anchor, in the direction of the tense."""
        anchor = self.dct
        if self.narrative and self.ref is not None and self.ref.day is not None:
            anchor = self.ref.as_date()
        if anchor is None:
            return None
        direction = direction or self.tense or PAST
        delta = (weekday - anchor.weekday()) % 7
        if direction == FUTURE:
            return anchor + timedelta(days=delta or 7)
        back = (anchor.weekday() - weekday) % 7
        return anchor - timedelta(days=back or 7)
