"""Publication dates: metadata values, datelines at the start and bylines anywhere in the text."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lagebild.ingest.dates import find_bylines, find_dateline, find_dates, infer_date, parse_date
from lagebild.ingest.draft import Overrides, draft_from_mapping, finish

PARSE = [
    ("2024-01-21", date(2024, 1, 21)),
    ("2024-01-21T09:30:00+01:00", date(2024, 1, 21)),
    ("2024/01/21", date(2024, 1, 21)),
    ("21.01.2024", date(2024, 1, 21)),
    ("3.2.2024", date(2024, 2, 3)),
    ("21. Januar 2024", date(2024, 1, 21)),
    ("21. Jan. 2024", date(2024, 1, 21)),
    ("1. März 2024", date(2024, 3, 1)),
    ("Sonntag, 21. Januar 2024, 10:15 Uhr", date(2024, 1, 21)),
    ("21 January 2024", date(2024, 1, 21)),
    ("January 21, 2024", date(2024, 1, 21)),
    ("Jan. 21st, 2024", date(2024, 1, 21)),
    ("Sun, 21 Jan 2024 23:30:00 -0500", date(2024, 1, 21)),
    (date(2024, 1, 21), date(2024, 1, 21)),
    (datetime(2024, 1, 21, 23, 59), date(2024, 1, 21)),
    ("21. Januar", None),
    ("Januar 2024", None),
    ("31.02.2024", None),
    ("gestern", None),
    ("", None),
    (20240121, None),
]


@pytest.mark.parametrize("value,expected", PARSE)
def test_dates_parse(value, expected):
    assert parse_date(value) == expected


INFER = [
    ("Berlin, 21. Januar 2024 – Die Bundesregierung hat neue Sanktionen angekündigt.", date(2024, 1, 21)),
    ("Kiew (21.01.2024) Der Militärgeheimdienst meldet neue Lieferungen.", date(2024, 1, 21)),
    ("WASHINGTON, January 21, 2024 — The White House said on Sunday that shipments continued.", date(2024, 1, 21)),
    ("Stand: 22.01.2024, 08:15 Uhr. Die Gespräche in Moskau dauern an.", date(2024, 1, 22)),
    ("Sonntag, 21. Januar 2024\nDie Gespräche in Genf wurden vertagt.", date(2024, 1, 21)),
    ("Lagebericht\nCharkiw/Kiew, 3. März 2024: Die Stadt meldet neue Angriffe.", date(2024, 3, 3)),
    ("Published on March 3, 2024\nOfficials in Kyiv reported new strikes.", date(2024, 3, 3)),
    # a date told in a sentence is an event's time, not the publication date
    ("Seit dem 24. Februar 2022 führt Russland Krieg. Am 21.01.2024 warnte Kiew erneut.", None),
    ("Klagenfurt – Am 12. Mai 2011 einigten sich die Parteien auf einen Kompromiss.", None),
    ("Wien – Bis zum Start der Spiele am 5. August 2016 soll alles fertig sein.", None),
    ("Seit dem 24. Februar 2022 führt Russland Krieg gegen die Ukraine.", None),
    ("Die Regierung in Seoul äußerte sich am Sonntag nicht.", None),
    ("Im Januar 2024 trafen sich die Außenminister in Moskau.", None),
    ("x" * 400 + " 21.01.2024", None),
]


@pytest.mark.parametrize("text,expected", INFER)
def test_dates_infer_from_cues(text, expected):
    assert infer_date(text) == expected


def test_dates_find_offsets():
    text = "Kiew (21.01.2024) und Moskau, 22. Januar 2024"
    found = find_dates(text)
    assert [text[d.start:d.end] for d in found] == ["21.01.2024", "22. Januar 2024"]


BYLINES = [
    # derStandard closes its articles with credits and the date in parentheses
    ("Die Verhandlungen werden im Herbst fortgesetzt. (jmy, 15.2.2016)", date(2016, 2, 15)),
    ("Der Landtag stimmt am Donnerstag ab. (APA, red, 3.5.2016)", date(2016, 5, 3)),
    ("Die Stadt will bis Ende März entscheiden. (Julia Berger, 14.1.2016)", date(2016, 1, 14)),
    ("Das Spiel endete torlos.  (APA/dpa – 8.8. 2015) Ergebnisse der 3. Runde: Sturm – Ried 0:0",
     date(2015, 8, 8)),
    ("Die Hilfe kam zu spät. (Petra Huber aus Sarajevo, 30.12.2015)", date(2015, 12, 30)),
    ("Die Bilanz fällt gemischt aus. (Text: Karl Bauer, Video: Eva Lind, 1.10.2015)", date(2015, 10, 1)),
    ("Die Ausstellung läuft bis Juni. (2.1.2016)", date(2016, 1, 2)),
    ("Die Antwort steht aus. (Sandra Čapek, 5.6.2015", date(2015, 6, 5)),  # left open at the end
    ("Erst kam das Urteil (dpa, 3.4.2016), dann die Berufung. (APA, 9.4.2016)", date(2016, 4, 9)),
    # not bylines: a citation inside a sentence, a date in running text, an impossible date
    ("Das sei „das Ende einer Ära“ (so Karl Weber in der Wiener Zeitung, 23.4.2005) Danach kam nichts.",
     None),
    ("Die Frist (bis 18.11.2015) wurde verlängert.", None),
    ("Teilnahmeschluss ist der 18.11.2015. Der Rechtsweg ist ausgeschlossen.", None),
    ("Die Gespräche gehen weiter. (APA, 30.9.3015)", None),
    ("Die Gespräche gehen weiter. (APA, 45.13.2016)", None),
    ("Die Gespräche gehen weiter. (APA, 23.4.2016=", None),
]


@pytest.mark.parametrize("text,expected", BYLINES)
def test_dates_infer_from_bylines(text, expected):
    assert infer_date(text) == expected


def test_dates_byline_offsets():
    text = "Der Landtag stimmt am Donnerstag ab. (APA, red, 3.5.2016)"
    [found] = find_bylines(text)
    assert text[found.start:found.end] == "3.5.2016"


def test_dates_dateline_wins_over_byline():
    text = "Wien, 2. März 2016 – Die Regierung tagt. (red, 3.3.2016)"
    assert find_dateline(text).value == date(2016, 3, 2)
    assert infer_date(text) == date(2016, 3, 2)


@pytest.mark.parametrize(
    "data,expected,inferred",
    [
        ({"published": "2016-02-14"}, date(2016, 2, 14), False),  # metadata wins over the byline
        ({}, date(2016, 2, 15), True),
        ({"published": "nächste Woche"}, date(2016, 2, 15), True),
    ],
)
def test_dates_byline_only_without_metadata(data, expected, inferred):
    text = "Die Verhandlungen werden im Herbst fortgesetzt. (jmy, 15.2.2016)"
    article = finish(draft_from_mapping("a.jsonl:1", data, text), Overrides())
    assert (article.published, article.published_inferred) == (expected, inferred)
