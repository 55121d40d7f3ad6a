"""TIMEX3 values as intervals on the time axis: ``2023-09`` covers the whole of September 2023.

Used to place facts on the timeline at their precision and to filter facts by a time range.
Values that name no interval on the calendar (``P1Y``, ``XXXX-12-25``, ``PRESENT_REF``) give None.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})X?$")
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def _month_end(year: int, month: int) -> date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def span(value: str | None) -> tuple[date, date, str] | None:
    """``(first day, last day, precision)`` of a TIMEX3 value, or None."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1), _month_end(y, mo), "month"
        if m := _YEAR.match(value):
            y = int(m[1])
            return date(y, 1, 1), date(y, 12, 31), "year"
        if m := _WEEK.match(value):
            first = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return first, first + timedelta(days=6), "week"
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
        if m := _HALF.match(value):
            y, h = int(m[1]), int(m[2])
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "half-year"
        if m := _SEASON.match(value):
            y, (a, b) = int(m[1]), _SEASONS[m[2]]
            return date(y, a, 1), _month_end(y, b), "season"
        if m := _DECADE.match(value):
            y = int(m[1]) * 10
            return date(y, 1, 1), date(y + 9, 12, 31), "decade"
    except ValueError:  # 2023-13, 2023-W60 …
        return None
    return None


def span_dict(value: str | None) -> dict[str, Any] | None:
    found = span(value)
    if found is None:
        return None
    start, end, precision = found
    return {"start": start.isoformat(), "end": end.isoformat(), "precision": precision}


def window(since: str | None, until: str | None) -> tuple[date, date]:
    """The closed range from the start of ``since`` to the end of ``until`` (either may be open)."""
    lo = span(since) if since else None
    hi = span(until) if until else None
    if since and lo is None:
        raise ValueError(f"'since' is not a date such as 2024, 2024-01 or 2024-01-15: {since!r}")
    if until and hi is None:
        raise ValueError(f"'until' is not a date such as 2024, 2024-01 or 2024-01-15: {until!r}")
    return (lo[0] if lo else date.min), (hi[1] if hi else date.max)


def overlaps(value: str | None, rng: tuple[date, date]) -> bool:
    found = span(value)
    return found is not None and found[0] <= rng[1] and found[1] >= rng[0]
