"""Discrepancy or evolution: figures without a time of their own hold as of their report."""

from __future__ import annotations

import pytest

from lagebild.link.discrepancies import against, compare


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


# --- typed figures: amount or rate, running total or addition (issue 17) ---------------------------

from lagebild.link.discrepancies import DISPUTING, EVOLUTION, disputing, evolutions, relate  # noqa: E402


def typed(fid: str, value: float, text: str, *, per: str | None = None, tally: str | None = None,
          time: str | None = None, reported: str = "2024-01-24", unit: str | None = None) -> dict:
    f = fact(fid, value, time=time, reported=reported)
    f["data"]["quantity"].update({"text": text, "per": per, "tally": tally, "unit": unit})
    return f


@pytest.mark.parametrize("a,b,kind,note", [
    # a running total in January, a yearly rate in May: a rate against a total, never a contradiction
    (typed("a", 1e6, "bis Ende 2023 insgesamt rund eine Million Schuss", tally="total", time="2023"),
     typed("b", 3e6, "jährlich rund drei Millionen Granaten", per="P1Y", time="2024", reported="2024-05-14"),
     EVOLUTION, "a rate against a running total"),
    (typed("a", 1e6, "one million rounds so far", tally="total", reported="2024-01-20"),
     typed("b", 3e6, "three million shells a year", per="P1Y", reported="2024-05-14"),
     EVOLUTION, "a rate against a running total"),
    # also a rate and a total reported the same day
    (typed("a", 1e6, "one million shells", reported="2024-01-20"),
     typed("b", 2e5, "200,000 shells a month", per="P1M", reported="2024-01-20"),
     EVOLUTION, "a rate against a total"),
    # two running totals months apart that grow
    (typed("a", 1e6, "bisher rund eine Million Granaten", tally="total", reported="2024-01-24"),
     typed("b", 3e6, "inzwischen mehr als drei Millionen Granaten", tally="total", reported="2024-09-14"),
     EVOLUTION, "a running total that grows"),
    (typed("a", 1e6, "one million shells by January", tally="total", time="2024-01", reported="2024-01-30"),
     typed("b", 2e6, "two million by July", tally="total", time="2024-07", reported="2024-07-30"),
     EVOLUTION, "a running total that grows"),
    # "bis Ende 2023" (a running total as of the end of the year) against one as of July 2023
    (typed("a", 3e5, "bis Juli 2023 insgesamt 300.000 Granaten", tally="total", time="2023-07", reported="2023-08-02"),
     typed("b", 1e6, "bis Ende 2023 eine Million Granaten", tally="total", time="2023", reported="2024-01-24"),
     EVOLUTION, "a running total that grows"),
    # a running total that shrinks: a count to date cannot fall
    (typed("a", 3e6, "bisher drei Millionen Granaten", tally="total", reported="2024-03-01"),
     typed("b", 1e6, "insgesamt eine Million Granaten", tally="total", reported="2024-09-14"),
     "quantity", "a running total that shrinks"),
    (typed("a", 3e6, "three million shells so far", tally="total", reported="2024-03-01"),
     typed("b", 1e6, "one million shells to date", tally="total", reported="2024-09-14"),
     "quantity", "a running total that shrinks"),
    # rates: 200,000 a month and 2.4 million a year agree; 5 million a year does not, the same week
    (typed("a", 2e5, "monatlich rund 200.000 Granaten", per="P1M", reported="2024-03-04"),
     typed("b", 2.4e6, "jährlich etwa 2,4 Millionen Granaten", per="P1Y", reported="2024-03-06"),
     None, "the figures agree"),
    (typed("a", 2e5, "200,000 shells a month", per="P1M", reported="2024-03-04"),
     typed("b", 5e6, "five million shells a year", per="P1Y", reported="2024-03-06"),
     "quantity", "different rates for the same happening"),
    (typed("a", 2e5, "200,000 shells a month", per="P1M", reported="2024-03-04"),
     typed("b", 5e6, "five million shells a year", per="P1Y", reported="2024-10-06"),
     EVOLUTION, "the rate changed"),
    # an addition against a running total; two additions at different times are two deliveries
    (typed("a", 1e6, "insgesamt eine Million Granaten", tally="total", reported="2024-01-24"),
     typed("b", 5e5, "weitere 500.000 Granaten", tally="new", reported="2024-01-25"),
     EVOLUTION, "an addition against a running total"),
    (typed("a", 5e5, "another 500,000 shells", tally="new", reported="2024-01-24"),
     typed("b", 3e5, "an additional 300,000 shells", tally="new", reported="2024-06-25"),
     None, "two additions"),
    # two additions for the same delivery the same week that disagree: a discrepancy
    (typed("a", 5e5, "weitere 500.000 Granaten", tally="new", reported="2024-01-24"),
     typed("b", 8e5, "weitere 800.000 Granaten", tally="new", reported="2024-01-25"),
     "quantity", "same happening at about the same time"),
    # money and things counted are not compared
    (typed("a", 1e6, "eine Million Granaten", reported="2024-01-24"),
     typed("b", 5e8, "500 Mio. Euro", unit="EUR", reported="2024-01-25"),
     None, "different units"),
])
def test_discrepancies_typed_figures(a, b, kind, note):
    verdict = relate(a, b)
    assert verdict.kind == kind
    assert note in verdict.note
    assert verdict.reasons["figures"]
    assert (compare(a, b) is not None) == (kind in DISPUTING)


def test_discrepancies_evolution_is_told_and_never_disputes():
    total = typed("a", 1e6, "one million rounds", tally="total", time="2024-01", reported="2024-01-20")
    total["data"]["origins"] = [{"label": "Financial Times"}]
    rate = typed("b", 3e6, "three million a year", per="P1Y", reported="2024-05-14")
    rate["data"]["origins"] = [{"label": "John Kirby"}]
    assert against(total, [rate]) == []
    [record] = evolutions(total, [rate])
    assert record["kind"] == "evolution" and record["data"]["facts"] == ["a", "b"]
    assert record["data"]["detail"] == (
        "1,000,000 (“one million rounds”) by 2024-01 (as of 2024-01-20) (Financial Times), 3,000,000 a year "
        "(“three million a year”) "
        "as of 2024-05-14 (John Kirby): a rate against a running total; at that rate 1,000,000 is about 4 "
        "months' worth — evolution")
    assert record["data"]["reasons"]["kind"].startswith("a rate against a running total")
    assert record["id"].startswith("evo:") and not disputing([record["id"]])
    assert disputing([record["id"], compare(fact("x", 1e6), fact("y", 1.5e6))["id"]])


def test_discrepancies_rate_and_amount_never_merge_into_one_fact():
    from lagebild.link.facts import quantities_agree
    month = {"value": 2e5, "per": "P1M", "text": "200.000 pro Monat"}
    assert not quantities_agree({"value": 2e5, "text": "200.000"}, month)
    assert quantities_agree({"value": 2.4e6, "per": "P1Y"}, month)
    assert not quantities_agree({"value": 1e6, "tally": "total"}, {"value": 1e6, "tally": "new"})
    assert quantities_agree({"value": 1e6, "tally": "total"}, {"value": 1e6})
