"""Figures as linking compares them: amount or rate, running total or addition, agreement, display."""

from __future__ import annotations

import math

import pytest

from lagebild.model.numbers import Figure, period_days


def test_numbers_figure_from_stored_quantities():
    assert Figure.of({"value": 1e6, "text": "rund eine Million"}) == Figure(1e6, 1e6, None, None, "rund eine Million")
    more = Figure.of({"value": 3e6, "low": 3e6, "high": None, "tally": "total"})
    assert (more.low, more.high, more.tally, more.kind) == (3e6, math.inf, "total", "running total")
    assert Figure.of({"value": 2e5, "per": "P1M"}).kind == "rate"
    assert Figure.of({"value": None}) is None and Figure.of(None) is None
    assert Figure.of({"value": 5, "per": "P1X", "tally": "maybe"}) == Figure(5, 5)  # unknown period and tally


@pytest.mark.parametrize("per,days", [("P1Y", 365.25), ("P1M", 365.25 / 12), ("P1W", 7), ("P1D", 1),
                                      ("P3M", 365.25 / 4), ("PT1H", 1 / 24), (None, None), ("XXXX", None)])
def test_numbers_period_days(per, days):
    assert period_days(per) == (pytest.approx(days) if days else None)


def test_numbers_figure_rate_converts_only_for_comparison():
    month = Figure(2e5, 2e5, "P1M")
    assert month.per_period("P1Y").low == pytest.approx(2.4e6)
    assert month.over(365.25 / 4) == pytest.approx((6e5, 6e5))
    assert month.agrees(Figure(2.4e6, 2.4e6, "P1Y"))  # "200.000 pro Monat" ≈ "2,4 Millionen jährlich"
    assert not month.agrees(Figure(5e6, 5e6, "P1Y"))
    assert not month.agrees(Figure(2e5, 2e5))  # a rate never agrees with an amount
    with pytest.raises(ValueError):
        month.order(Figure(2e5, 2e5))


@pytest.mark.parametrize("a,b,order", [
    (Figure(1e6, 1e6), Figure(1.05e6, 1.05e6), 0),  # within 10 %
    (Figure(1e6, 1e6), Figure(1.5e6, 1.5e6), -1),
    (Figure(3e6, math.inf), Figure(1e6, 1e6), 1),
    (Figure(1e6, math.inf), Figure(1.5e6, 1.5e6), 0),  # "mehr als eine Million" allows 1.5 million
])
def test_numbers_figure_order(a, b, order):
    assert a.order(b) == order and b.order(a) == -order


def test_numbers_figure_total_and_addition_never_agree():
    assert not Figure(1e6, 1e6, tally="total").agrees(Figure(1e6, 1e6, tally="new"))
    assert Figure(1e6, 1e6, tally="total").agrees(Figure(1e6, 1e6))


@pytest.mark.parametrize("figure,shown", [
    (Figure(1e6, 1e6), "1,000,000"), (Figure(3e6, math.inf), "at least 3,000,000"),
    (Figure(0, 3e5), "up to 300,000"), (Figure(2e5, 9e5), "200,000–900,000"),
    (Figure(2e5, 2e5, "P1M"), "200,000 a month"), (Figure(1.5, 1.5, "P1Y"), "1.5 a year"),
])
def test_numbers_figure_shown(figure, shown):
    assert figure.shown() == shown
