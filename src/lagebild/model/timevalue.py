"""TIMEX3 values as typed intervals on the calendar: ``2023-09`` covers the whole of September 2023.

One reader for every layer: linking compares, orders and picks the best-specified time of a fact;
the read models, the API and the web page place facts on the timeline at their precision and keep
those whose time overlaps a range.

* :func:`parse` reads a TIMEX3 DATE value (``2024-01-02``, ``2024-01-02T14:00``, ``2024-W03``,
  ``2024-W03-WE``, ``2023-09``, ``2024-Q1``, ``2024-H2``, ``2023-WI``, ``2022``, ``202``) into a
  :class:`TimeValue`: the value, its precision and its first and last day. Values that name no
  interval on the calendar (``P1Y``, ``XXXX-12-25``, ``PRESENT_REF``, ``2023-13``) give None.
* A :class:`TimeValue` knows its :attr:`~TimeValue.rank` (finer is higher), whether it overlaps
  or contains another, and its ISO display (:meth:`~TimeValue.as_dict`).
* The functions below work on value strings as stored: :func:`compatible`, :func:`specific`,
  :func:`best`, :func:`sort_key`, :func:`precision`, :func:`interval`, :func:`window`,
  :func:`in_window`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

#: precisions, finer ranks higher
PRECISION_RANK = {"day": 4, "week": 3, "month": 2, "quarter": 1.5, "season": 1.4, "half-year": 1.2, "year": 1,
                  "decade": 0.5}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X?$")
#: first and last month of a season; winter runs into February of the next year
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


@dataclass(frozen=True)
class TimeValue:
    """A TIMEX3 value as the closed interval of days it covers."""

    value: str  # as given; a day's clock time or part of day cut off ("2023-11-25TNI" -> "2023-11-25")
    precision: str  # a key of PRECISION_RANK
    first: date
    last: date

    @property
    def rank(self) -> float:
        return PRECISION_RANK[self.precision]

    def overlaps(self, other: TimeValue) -> bool:
        return self.first <= other.last and other.first <= self.last

    def contains(self, other: TimeValue) -> bool:
        return self.first <= other.first and other.last <= self.last

    def within(self, lo: date, hi: date) -> bool:
        """Whether the interval meets the closed range ``lo``..``hi``."""
        return self.first <= hi and self.last >= lo

    def as_dict(self) -> dict[str, Any]:
        """ISO display: ``{"start": "2023-09-01", "end": "2023-09-30", "precision": "month"}``."""
        return {"start": self.first.isoformat(), "end": self.last.isoformat(), "precision": self.precision}


def _month_end(year: int, month: int) -> date:
    """The last day of a month; months past 12 run into the next year."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def parse(value: str | None) -> TimeValue | None:
    """A TIMEX3 DATE value as an interval; None for unknown values, durations and sets."""
    if not value:
        return None
    v = value.strip()
    try:
        return _parse(v)
    except ValueError:  # 2023-13, 2023-W60 …
        return None


def _parse(v: str) -> TimeValue | None:
    if m := _DAY.match(v):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return TimeValue(v[:10], "day", d, d)
    if m := _WEEK.match(v):
        first = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return TimeValue(v, "week", first, first + timedelta(days=6))
    if m := _MONTH.match(v):
        y, mo = int(m[1]), int(m[2])
        return TimeValue(v, "month", date(y, mo, 1), _month_end(y, mo))
    if m := _QUARTER.match(v):
        y, q = int(m[1]), int(m[2])
        return TimeValue(v, "quarter", date(y, 3 * q - 2, 1), _month_end(y, 3 * q))
    if m := _HALF.match(v):
        y, h = int(m[1]), int(m[2])
        return TimeValue(v, "half-year", date(y, 6 * h - 5, 1), _month_end(y, 6 * h))
    if m := _SEASON.match(v):
        y, (a, b) = int(m[1]), _SEASONS[m[2]]
        return TimeValue(v, "season", date(y, a, 1), _month_end(y, b))
    if m := _YEAR.match(v):
        y = int(m[1])
        return TimeValue(v, "year", date(y, 1, 1), date(y, 12, 31))
    if m := _DECADE.match(v):
        y = int(m[1]) * 10
        return TimeValue(v, "decade", date(y, 1, 1), date(y + 9, 12, 31))
    return None


def compatible(a: str | None, b: str | None) -> bool:
    """Unknown times are compatible with everything; known ones must overlap."""
    ta, tb = parse(a), parse(b)
    return ta is None or tb is None or ta.overlaps(tb)


def specific(value: str | None) -> bool:
    """A time of month precision or finer: enough to identify a happening across weeks of reports
    ("2024" or "later this year" is not)."""
    p = parse(value)
    return p is not None and p.rank >= PRECISION_RANK["month"]


def best(values: list[str | None]) -> str | None:
    """The best-specified value; among equals the most frequent, then the latest."""
    parsed = [p for p in (parse(v) for v in values) if p is not None]
    if not parsed:
        return None
    counts: dict[str, int] = {}
    for p in parsed:
        counts[p.value] = counts.get(p.value, 0) + 1
    top = max(parsed, key=lambda p: (p.rank, counts[p.value], p.first))
    return top.value


def sort_key(value: str | None) -> tuple[int, str, float]:
    """Order by start, then coarser first (the year before its days); unknown times last."""
    p = parse(value)
    if p is None:
        return (1, "9999", 0)
    return (0, p.first.isoformat(), p.rank)


def precision(value: str | None) -> str | None:
    p = parse(value)
    return p.precision if p else None


def interval(value: str | None) -> dict[str, Any] | None:
    """The ISO display of a value (:meth:`TimeValue.as_dict`), or None."""
    p = parse(value)
    return p.as_dict() if p else None


def window(since: str | None, until: str | None) -> tuple[date, date]:
    """The closed range from the start of ``since`` to the end of ``until`` (either may be open)."""
    lo = parse(since) if since else None
    hi = parse(until) if until else None
    if since and lo is None:
        raise ValueError(f"'since' is not a date such as 2024, 2024-01 or 2024-01-15: {since!r}")
    if until and hi is None:
        raise ValueError(f"'until' is not a date such as 2024, 2024-01 or 2024-01-15: {until!r}")
    return (lo.first if lo else date.min), (hi.last if hi else date.max)


def in_window(value: str | None, rng: tuple[date, date]) -> bool:
    """Whether a value's interval meets the range (from :func:`window`); unknown values do not."""
    p = parse(value)
    return p is not None and p.within(*rng)
