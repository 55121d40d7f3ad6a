"""The time value: TIMEX3 values as intervals with a precision; parse, overlap, compare, order, display."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.model import timevalue
from lagebild.model.timevalue import TimeValue


@pytest.mark.parametrize(("value", "start", "end", "precision"), [
    ("2024-01-16", "2024-01-16", "2024-01-16", "day"),
    ("2024-01-02", "2024-01-02", "2024-01-02", "day"),
    ("2023-11-25TNI", "2023-11-25", "2023-11-25", "day"),
    ("2023-09", "2023-09-01", "2023-09-30", "month"),
    ("2024-02", "2024-02-01", "2024-02-29", "month"),
    ("2022", "2022-01-01", "2022-12-31", "year"),
    ("2024-W03", "2024-01-15", "2024-01-21", "week"),
    ("2024-W03-WE", "2024-01-15", "2024-01-21", "week"),
    ("2024-Q1", "2024-01-01", "2024-03-31", "quarter"),
    ("2024-Q2", "2024-04-01", "2024-06-30", "quarter"),
    ("2024-H2", "2024-07-01", "2024-12-31", "half-year"),
    ("2024-SU", "2024-06-01", "2024-08-31", "season"),
    ("2023-WI", "2023-12-01", "2024-02-29", "season"),
    ("202", "2020-01-01", "2029-12-31", "decade"),
])
def test_timevalue_interval_of_values(value: str, start: str, end: str, precision: str) -> None:
    assert timevalue.interval(value) == {"start": start, "end": end, "precision": precision}
    parsed = timevalue.parse(value)
    assert parsed is not None and parsed.as_dict() == timevalue.interval(value)
    assert timevalue.precision(value) == precision


@pytest.mark.parametrize("value", [None, "", "P1Y", "XXXX-12-25", "PRESENT_REF", "2023-13", "2023-W60"])
def test_timevalue_values_off_the_calendar(value) -> None:
    assert timevalue.parse(value) is None
    assert timevalue.interval(value) is None and timevalue.precision(value) is None


def test_timevalue_parse_keeps_the_day_of_a_clock_time() -> None:
    assert timevalue.parse("2024-01-02T14:00") == TimeValue("2024-01-02", "day", date(2024, 1, 2), date(2024, 1, 2))
    assert timevalue.parse(" 2024-06 ").value == "2024-06"  # type: ignore[union-attr]


def test_timevalue_overlap_and_containment() -> None:
    year, month, day = timevalue.parse("2024"), timevalue.parse("2024-01"), timevalue.parse("2024-01-20")
    other = timevalue.parse("2023-09")
    assert year and month and day and other
    assert year.overlaps(day) and day.overlaps(year) and month.contains(day) and year.contains(month)
    assert not day.contains(month) and not other.overlaps(month)
    assert day.rank > month.rank > year.rank


@pytest.mark.parametrize("a, b, ok", [
    ("2024-01", "2024-01-20", True), ("2023", "2023-09", True), ("2024-W03", "2024-01-17", True),
    ("2023-09", "2024-06", False), (None, "2024-06-19", True), ("2024-01-20", "2024-01-21", False),
])
def test_timevalue_compatible(a: str | None, b: str | None, ok: bool) -> None:
    assert timevalue.compatible(a, b) is ok


def test_timevalue_best_prefers_precision() -> None:
    assert timevalue.best(["2024", "2024-06", "2024-06-19", None]) == "2024-06-19"
    assert timevalue.precision("2024-W03") == "week"
    assert timevalue.best([None, "PRESENT_REF"]) is None


def test_timevalue_specific_needs_a_month_or_finer() -> None:
    assert timevalue.specific("2024-06") and timevalue.specific("2024-W03") and timevalue.specific("2024-06-19")
    assert not timevalue.specific("2024") and not timevalue.specific("2024-Q1") and not timevalue.specific(None)


def test_timevalue_sort_key_orders_by_start_coarser_first() -> None:
    values = ["2024-06-19", None, "2024", "2023-09", "2024-01"]
    assert sorted(values, key=timevalue.sort_key) == ["2023-09", "2024", "2024-01", "2024-06-19", None]


def test_timevalue_window_rejects_words() -> None:
    with pytest.raises(ValueError, match="since"):
        timevalue.window("gestern", None)


def test_timevalue_window_and_overlap() -> None:
    rng = timevalue.window("2024-01", "2024-02-10")
    assert rng == (date(2024, 1, 1), date(2024, 2, 10))
    assert timevalue.in_window("2024", rng) and timevalue.in_window("2024-02-10", rng)
    assert not timevalue.in_window("2024-02-11", rng) and not timevalue.in_window(None, rng)
    assert timevalue.window(None, None) == (date.min, date.max)
