"""What a figure counts (``tally``): a running total, an addition, or not said — German and English.

All sentences are written for these tests.  The time stage runs first, as in the pipeline, so that
"bis Ende 2023" and "by January" make the figure a running total.
"""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.analyze.quantities.stage import find_quantities
from lagebild.analyze.time.stage import find_timexes

PUBLISHED = date(2024, 5, 20)


def figures(sentence: str, language: str) -> list[tuple[str, str | None, str | None]]:
    timexes = find_timexes(sentence, PUBLISHED, language)
    return [(q.text, q.per, q.tally) for q in find_quantities(sentence, language, timexes)]


@pytest.mark.parametrize("sentence,expected", [
    ("Nordkorea hat Russland bisher mehr als drei Millionen Schuss geliefert.",
     [("mehr als drei Millionen Schuss", None, "total")]),
    ("Insgesamt lieferte Pjöngjang rund eine Million Granaten.", [("rund eine Million Granaten", None, "total")]),
    ("Nordkorea hat Russland bis Ende 2023 rund eine Million Granaten geliefert.",
     [("rund eine Million Granaten", None, "total")]),
    ("Seit August 2023 sind eine Million Granaten nach Russland gelangt.",
     [("eine Million Granaten", None, "total")]),
    ("Nordkorea schickte weitere 500.000 Granaten nach Russland.", [("500.000 Granaten", None, "new")]),
    ("Russland erhielt zusätzliche 200 Raketen.", [("200 Raketen", None, "new")]),
    ("Pjöngjang liefert monatlich rund 200.000 Granaten.", [("monatlich rund 200.000 Granaten", "P1M", None)]),
    ("Nordkorea lieferte 1.000.000 Granaten.", [("1.000.000 Granaten", None, None)]),
    # the marker goes to the figure nearest to it
    ("Insgesamt lieferte Nordkorea 1 Million Granaten, im Dezember kamen weitere 200.000 Granaten hinzu.",
     [("1 Million Granaten", None, "total"), ("200.000 Granaten", None, "new")]),
])
def test_quantities_tally_german(sentence, expected):
    assert figures(sentence, "de") == expected


@pytest.mark.parametrize("sentence,expected", [
    ("North Korea has so far delivered more than one million rounds to Russia.",
     [("more than one million rounds", None, "total")]),
    ("Russia has received 1.5 million shells to date.", [("1.5 million shells", None, "total")]),
    ("North Korea had delivered one million shells by January.", [("one million shells", None, "total")]),
    ("Russia received another 500,000 shells from North Korea.", [("500,000 shells", None, "new")]),
    ("Pyongyang sent an additional 300 missiles.", [("300 missiles", None, "new")]),
    ("North Korea ships about 3 million shells a year to Russia.",
     [("about 3 million shells a year", "P1Y", None)]),
    ("North Korea shipped 1,000,000 shells.", [("1,000,000 shells", None, None)]),
])
def test_quantities_tally_english(sentence, expected):
    assert figures(sentence, "en") == expected


def test_quantities_tally_stays_in_its_sentence():
    text = "Bisher gab es keine Angaben. Nordkorea lieferte 1.000.000 Granaten."
    assert [q.tally for q in find_quantities(text, "de")] == [None]


@pytest.mark.parametrize("sentence,language", [
    ("Bereits im Juli lieferte Nordkorea 100.000 Granaten.", "de"),
    ("Schon im Dezember schickte Pjöngjang 300.000 Granaten.", "de"),
    ("Already in July North Korea shipped 100,000 shells.", "en"),
])
def test_quantities_tally_already_before_a_date_says_when(sentence, language):
    assert [t for _, _, t in figures(sentence, language)] == [None]


def test_quantities_tally_already_without_a_date_is_a_running_total():
    assert [t for _, _, t in figures("Nordkorea hat bereits eine Million Granaten geliefert.", "de")] == ["total"]
