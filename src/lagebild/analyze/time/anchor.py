"""Calendar arithmetic and anchoring for time expressions.

Relative expressions are resolved against one of two anchors:

* the **publication date** (``dct``) for deictic words ("gestern", "letzte Woche", "vor zwei
  Wochen") and, with the tense of the sentence, for dates without a year ("im September");
* the **reference time**, the last date the text itself named, for anaphoric expressions
  ("zwei Tage später", "am Tag zuvor") and, in narrative passages far from the publication
  date ("Im Februar 2022 … im März"), for dates without a year.

Where neither is known the value stays underspecified (``XXXX-09``).  The words that mark a
sentence's tense are in ``resources/time/<de|en>/tense_future.txt`` and ``tense_past.txt``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from lagebild.analyze.time.lexicon import alternation

PAST, FUTURE = "past", "future"

#: a year-less day in a past-tense sentence may lie this many days after the publication date:
#: the tense is often the report's ("wurde für den 29. August angesetzt", "hat die Kundgebung am
#: 25. September abgesagt"), and a day eleven months back would have been given its year.  Months
#: ("im Februar") get no such allowance.  Measured: TimeBank/AQUAINT 11 such days, all then equal
#: to the gold (they were the year before); 10kGNAD 8, all right by reading.
PAST_AHEAD_DAYS = 45
#: a year-less date in a sentence of undecided tense lies ahead of the publication date only where
#: that is nearer by more than this many days: news mostly reports what happened
FUTURE_PENALTY_DAYS = 60
#: a year-less date may lie this many days before the date just named and still go on from it
#: ("Am 24. Februar 2022 … Schon am 20. Februar hatten …")
BACK_DAYS = 7

#: "soll … geliefert haben", "sollen … angegriffen worden sein": an alleged past, not a plan
_DE_ALLEGED_PAST = r"\b(?:soll|sollen|solle)\b[^.;]*\b(?:\w+[te]n?\s+haben|worden\s+sein|gewesen\s+sein)\b"


@lru_cache(maxsize=4)
def _cue_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lang = "en" if language == "en" else "de"
    fut, past = alternation(f"{lang}/tense_future.txt"), alternation(f"{lang}/tense_past.txt")
    flags = re.IGNORECASE if language == "en" else 0
    return (re.compile(rf"(?<!\w)(?:{fut})(?!\w)", flags), re.compile(rf"(?<!\w)(?:{past})(?!\w)", flags),
            re.compile(_DE_ALLEGED_PAST))


def tense(sentence: str, language: str) -> str | None:
    """``"past"``, ``"future"`` or None (undecided) from the tense cues of a sentence."""
    fut_rx, past_rx, alleged_rx = _cue_patterns(language)
    fut = len(fut_rx.findall(sentence))
    past = len(past_rx.findall(sentence))
    if language != "en" and fut and alleged_rx.search(sentence):
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


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


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
    narrative: bool  # a passage far from the publication date: resolve everything at the reference time
    tense: str | None
    language: str
    last_day: str | None = None  # the last day-level date named in the same sentence
    local: bool = False  # the reference was named just before: year-less dates take its year

    def _ref_year(self, month: int, day: int | None) -> int:
        """The year that puts month/day nearest the reference date ("30. Dezember bis 2. Januar")."""
        ref = self.ref
        assert ref is not None
        if ref.month is None:
            return ref.year
        anchor = date(ref.year, ref.month, ref.day or 15)
        best = []
        for y in (ref.year, ref.year - 1, ref.year + 1):
            d = safe_date(y, month, day or 15) or date(y, month, 28)
            best.append((abs((d - anchor).days), y != ref.year, y))
        return min(best)[2]

    def _follows_ref(self, year: int, month: int, day: int | None) -> bool:
        """Whether month/day in ``year`` goes on from the reference: on or after it, or at most
        :data:`BACK_DAYS` before ("am 24. Februar 2022 … am 2. März" and "… bereits am 20. Februar"
        go on telling; "im Februar 2022 … am 2. Januar" would turn back to a month before it)."""
        ref = self.ref
        assert ref is not None
        start = ref.as_date()
        if ref.month is None or start is None:
            return True
        last = safe_date(year, month, day) if day else month_end(year, month)
        return last is None or last >= start - timedelta(days=BACK_DAYS)

    def year_for(self, month: int, day: int | None = None) -> int | None:
        """The year of a date given without one, or None where nothing anchors it.

        A date just named lends its year in a narrative passage, and where the year-less date goes
        on from it or the sentence's tense is undecided ("to $42 in June from $29 in March");
        otherwise the publication date and the tense decide (past: the latest
        occurrence not after publication, a day up to :data:`PAST_AHEAD_DAYS` after it allowed; future: the first not
        before it; undecided: the nearest), never an earlier year the text named."""
        if self.local and self.ref is not None:
            year = self._ref_year(month, day)
            if (self.dct is None or self.narrative or self.tense is None
                    or self._follows_ref(year, month, day)):
                return year
        if self.narrative and self.ref is not None and (self.tense != FUTURE or self.language != "en"):
            # narratives move forward within the year they are at; what an English sentence
            # plans or expects lies after the publication, not in the past the text tells (German's
            # future cue "werden" is also the passive's auxiliary: "konnte … erobert werden")
            return self.ref.year
        if self.dct is None:
            return None
        d = self.dct
        years = (d.year - 1, d.year, d.year + 1)
        if self.tense == PAST:
            latest = d + timedelta(days=PAST_AHEAD_DAYS) if day else d
            return max(y for y in years if (safe_date(y, month, day or 1) or date(y, month, 28)) <= latest)
        if self.tense == FUTURE:
            return min(y for y in years if ((safe_date(y, month, day) or date(y, month, 28)) if day
                                            else month_end(y, month)) >= d)
        # undecided: the nearest occurrence (months are compared by their middle), one ahead of
        # the publication date taken only where it is nearer by more than FUTURE_PENALTY_DAYS
        cands = []
        for y in years:
            mid = safe_date(y, month, day or 15) or date(y, month, 28)
            days = (mid - d).days
            cands.append((abs(days) + (FUTURE_PENALTY_DAYS if days > 0 else 0), y))
        return min(cands)[1]

    def this_year_for(self, month: int) -> int | None:
        """The year of "Ende des Jahres", "the end of the year": the current one, the last in a past
        sentence about a month not yet reached."""
        if (self.narrative or self.local) and self.ref is not None:
            return self.ref.year
        if self.dct is None:
            return None
        if self.tense == PAST and month > self.dct.month:
            return self.dct.year - 1
        return self.dct.year

    def base_date(self) -> date | None:
        """The anchor of anaphoric expressions: the reference time, else the publication date."""
        if self.ref is not None:
            if self.ref.year < 0:
                return None  # before Christ: no calendar date to count days from
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
        # a news report names the day of publication by its weekday too ("said on Friday")
        back = (anchor.weekday() - weekday) % 7
        return anchor - timedelta(days=back)
