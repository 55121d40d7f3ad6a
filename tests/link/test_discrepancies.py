"""Discrepancy or evolution: figures without a time of their own hold as of their report."""

from __future__ import annotations

import pytest

from lagebild.link.discrepancies import compare


def fact(fid: str, value: float, *, time: str | None = None, reported: str = "2024-01-24") -> dict:
    mention = {"article": fid, "start": 0, "end": 10, "origin": {"label": fid}}
    return {"id": fid, "type": "SUPPLY", "time": time, "first_reported": reported,
            "data": {"quantity": {"value": value, "text": str(value)}, "mentions": [mention],
                     "entities": {"supplier": ["gpe:KP"], "recipient": ["gpe:RU"]}}}


@pytest.mark.parametrize("a,b,kind", [
    # two reports a day apart, no time of their own, 1 million vs 1.5 million: a discrepancy
    (fact("a", 1e6, reported="2024-01-24"), fact("b", 1.5e6, reported="2024-01-25"), "quantity"),
    # 1 million as of January, more than 3 million reported in September: an evolution
    (fact("a", 1e6, time="2024-01-09", reported="2024-01-10"), fact("b", 3e6, reported="2024-09-14"), None),
    (fact("a", 1e6, reported="2024-01-24"), fact("b", 3e6, reported="2024-09-14"), None),
    # figures for different times are an evolution, also when the later one is smaller
    (fact("a", 3e6, reported="2024-09-14"), fact("b", 1e6, reported="2024-11-01"), None),
    (fact("a", 1.5e6, time="2024-01-01", reported="2024-01-25"), fact("b", 1e6, reported="2024-06-20"), None),
    # "bis Jahresende" and a report date in early January: about the same time
    (fact("a", 1.5e6, time="2024-01-01", reported="2024-01-25"), fact("b", 1e6, time="2024-01-09"), "quantity"),
    # both with their own time, the same month: a discrepancy
    (fact("a", 1e6, time="2023-12"), fact("b", 1.5e6, time="2023-12"), "quantity"),
    # equal figures never disagree
    (fact("a", 1e6, reported="2024-01-24"), fact("b", 1e6, reported="2024-09-14"), None),
])
def test_discrepancies_figures_as_of_their_report(a, b, kind):
    found = compare(a, b)
    assert (found["kind"] if found else None) == kind


def test_discrepancies_bound_agrees_with_figures_it_allows():
    a = fact("a", 1.5e6, reported="2024-01-25")
    b = fact("b", 1e6, reported="2024-01-24")
    b["data"]["quantity"].update({"low": 1e6, "high": None})  # "mehr als eine Million"
    assert compare(a, b) is None
    b["data"]["quantity"].update({"low": None, "high": 1.2e6})  # "bis zu 1,2 Millionen"
    assert compare(a, b)["kind"] == "quantity"


def test_discrepancies_detail_names_both_figures():
    found = compare(fact("a", 1e6, reported="2024-01-24"), fact("b", 1.5e6, reported="2024-01-25"))
    detail = found["data"]["detail"]
    assert "same time" in detail and "1,000,000" in detail and "1,500,000" in detail
    assert "smaller" not in detail
