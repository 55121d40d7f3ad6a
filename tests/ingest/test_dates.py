"""Publication dates: metadata values and cues at the start of the text."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from lagebild.ingest.dates import find_dates, infer_date, parse_date

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
    ("Seit dem 24. Februar 2022 führt Russland Krieg. Am 21.01.2024 warnte Kiew erneut.", date(2024, 1, 21)),
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
