"""TIMEX3 values as intervals with a precision: compare, order and pick the best-specified."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

PRECISION_RANK = {"day": 4, "week": 3, "month": 2, "quarter": 1.5, "season": 1.4, "year": 1, "decade": 0.5}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})X?$")


@dataclass(frozen=True)
class TimeValue:
    value: str
    precision: str
    first: date
    last: date

    @property
    def rank(self) -> float:
        return PRECISION_RANK[self.precision]

    def overlaps(self, other: "TimeValue") -> bool:
        return self.first <= other.last and other.first <= self.last

    def contains(self, other: "TimeValue") -> bool:
        return self.first <= other.first and other.last <= self.last


def _month_end(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1))


def parse(value: str | None) -> TimeValue | None:
    """A TIMEX3 DATE value as an interval; None for unknown, durations and sets."""
    if not value:
        return None
    v = value.strip()
    try:
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
        if m := _SEASON.match(v):
            y = int(m[1])
            start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[2]]
            end_y, end_m = (y + 1, 2) if start == 12 else (y, start + 2)
            return TimeValue(v, "season", date(y, start, 1), _month_end(end_y, end_m))
        if m := _YEAR.match(v):
            y = int(m[1])
            return TimeValue(v, "year", date(y, 1, 1), date(y, 12, 31))
        if m := _DECADE.match(v):
            y = int(m[1]) * 10
            return TimeValue(v, "decade", date(y, 1, 1), date(y + 9, 12, 31))
    except ValueError:
        return None
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
    """Order by start, then coarser first (the year before its days)."""
    p = parse(value)
    if p is None:
        return (1, "9999", 0)
    return (0, p.first.isoformat(), p.rank)


def precision(value: str | None) -> str | None:
    p = parse(value)
    return p.precision if p else None
