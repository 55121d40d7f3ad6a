"""The quantity finder's words as data, and the named steps that build one quantity."""

from __future__ import annotations

import pytest

from lagebild.analyze.quantities.rules import lexicon, patterns
from lagebild.analyze.quantities.stage import _build, _not_a_count, _numbers


def test_quantities_lexicon_tables_hold_both_languages():
    lx = lexicon()
    assert lx.approximators["bis zu"] == lx.approximators["up to"] == (True, "high")
    assert lx.approximators["mindestens"] == lx.approximators["at least"] == (False, "low")
    assert lx.vague["hunderttausende"] == lx.vague["hundreds of thousands"] == (200000.0, 999999.0)
    assert lx.currencies["rubel"] == lx.currencies["roubles"] == lx.currencies["rub"] == "RUB"
    assert lx.measures["quadratkilometer"] == lx.measures["square kilometres"] == "km2"
    assert lx.rates["monatlich"] == lx.rates["monthly"] == "P1M"
    assert lx.fractions["drittel"] == pytest.approx(100 / 3)
    assert {"schuss", "rounds", "t"} <= lx.containers


def _match(text: str, language: str = "de"):
    m = patterns(language).core.match(text)
    assert m is not None
    return m


@pytest.mark.parametrize("text, rejected", [
    ("F-16 Kampfjets", True), ("3:1 gewonnen", True), ("Artikel 5 gilt", True), ("500 Panzer", False),
])
def test_quantities_not_a_count(text, rejected):
    start = next(i for i, ch in enumerate(text) if ch.isdigit())
    m = patterns("de").core.match(text, start)
    assert _not_a_count(text, m, m.span("n"), None) is rejected


def test_quantities_numbers_reads_ranges_and_vague_magnitudes():
    m = _match("zwischen 100 und 200 Soldaten")
    d = _numbers(m.string, m, "de", m.span("r1"), None, [], [])
    assert (d.low, d.high, d.value) == (100.0, 200.0, None)
    m = _match("Zehntausende Menschen")
    d = _numbers(m.string, m, "de", m.span(), None, [], [])
    assert (d.low, d.high, d.approximate) == (20000.0, 99999.0, True)


def test_quantities_build_joins_number_unit_and_rate():
    text = "rund 300.000 Schuss Munition pro Monat"
    m = _match(text)
    start, end, value, low, high, approximate, unit, per = _build(text, m, "de", patterns("de"), [], [], None)
    assert (text[start:end], value, approximate, unit, per) == (text, 300000.0, True, "Schuss Munition", "P1M")
